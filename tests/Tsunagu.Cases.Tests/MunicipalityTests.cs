namespace Tsunagu.Cases.Tests;

[TestClass]
public sealed class MunicipalityTests
{
    [TestMethod]
    public void Packs_EachMunicipality_HasASampleFolder()
    {
        foreach (var municipality in new[] { Municipality.Matsudo, Municipality.Ichikawa })
        {
            Assert.IsTrue(Directory.Exists(Path.Combine(Packs.Samples.PackRoot, municipality)), municipality);
        }
    }
}
