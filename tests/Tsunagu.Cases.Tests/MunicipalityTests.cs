namespace Tsunagu.Cases.Tests;

[TestClass]
public sealed class MunicipalityTests
{
    [TestMethod]
    public void Packs_EachMunicipality_HasASampleFolder()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Tsunagu.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("Repository root not found.");
        }

        foreach (var municipality in new[] { Municipality.Matsudo, Municipality.Ichikawa })
        {
            Assert.IsTrue(Directory.Exists(Path.Combine(root, "samples", municipality)), municipality);
        }
    }
}
