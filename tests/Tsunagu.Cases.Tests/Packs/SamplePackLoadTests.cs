using Tsunagu.Cases.Packs;

namespace Tsunagu.Cases.Tests.Packs;

/// <summary>A broken copy of a pack fails to load with the file and field named.</summary>
[TestClass]
public sealed class SamplePackLoadTests
{
    private static string CopiedMatsudo() => Path.Combine(Samples.CopyPack("matsudo"), "matsudo");

    private static PackException LoadFails(string directory) => Assert.ThrowsExactly<PackException>(() => SamplePack.Load(directory));

    private static void Edit(string directory, string file, string from, string to)
    {
        var path = Path.Combine(directory, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    [TestMethod]
    public void Load_Copy_LoadsLikeTheOriginal() =>
        Assert.AreEqual(Samples.Matsudo.Routing.VersionHash, SamplePack.Load(CopiedMatsudo()).Routing.VersionHash);

    [TestMethod]
    public void Load_MissingStaffFile_NamesTheFile()
    {
        var directory = CopiedMatsudo();
        File.Delete(Path.Combine(directory, SamplePack.StaffFileName));

        Assert.AreEqual(SamplePack.StaffFileName, LoadFails(directory).File);
    }

    [TestMethod]
    public void Load_UnknownCategory_NamesTheField()
    {
        var directory = CopiedMatsudo();
        Edit(directory, SamplePack.InstitutionsFileName, "\"category\": \"elderly\"", "\"category\": \"seniors\"");

        var error = LoadFails(directory);

        Assert.AreEqual(SamplePack.InstitutionsFileName, error.File);
        Assert.AreEqual("institutions[0].category", error.Field);
    }

    [TestMethod]
    public void Load_StaffOfUnknownInstitution_NamesTheField()
    {
        var directory = CopiedMatsudo();
        Edit(directory, SamplePack.StaffFileName, "\"institution\": \"明第1高齢者いきいき安心センター\"", "\"institution\": \"どこにもないセンター\"");

        var error = LoadFails(directory);

        Assert.AreEqual(SamplePack.StaffFileName, error.File);
        StringAssert.EndsWith(error.Field, ".institution");
    }

    [TestMethod]
    public void Load_MissingRequiredField_NamesTheObject()
    {
        var directory = CopiedMatsudo();
        Edit(directory, SamplePack.PackFileName, "\"name\": \"松戸市\"", "\"nom\": \"松戸市\"");

        var error = LoadFails(directory);

        Assert.AreEqual(SamplePack.PackFileName, error.File);
        StringAssert.Contains(error.Field, "municipality");
    }

    [TestMethod]
    public void Load_BadDuration_NamesTheSetting()
    {
        var directory = CopiedMatsudo();
        Edit(directory, SamplePack.PackFileName, "\"P3M\"", "\"3 months\"");

        Assert.AreEqual("settings.monitoringInterval", LoadFails(directory).Field);
    }

    [TestMethod]
    public void Load_RulesThatDoNotCompile_NameTheModel()
    {
        var directory = CopiedMatsudo();
        Edit(directory, SamplePack.RoutingFileName, "<text>\"multi-agency-young-carer\"</text>", "<text>\"multi-agency-young-carer\" +</text>");

        Assert.AreEqual(SamplePack.RoutingFileName, LoadFails(directory).File);
    }

    [TestMethod]
    public void Load_InputEntryThatIsNotAUnaryTest_NamesTheRowAndColumn()
    {
        var directory = CopiedMatsudo();
        Edit(directory, SamplePack.RoutingFileName, "<text>\"isolation\"</text>", "<text>\"isolation\" &lt;</text>");

        var refused = LoadFails(directory);

        Assert.AreEqual(SamplePack.RoutingFileName, refused.File);
        Assert.Contains("concern routing (Rule_11): '\"isolation\" <'", refused.Message);
    }

    [TestMethod]
    public void Load_InputExpressionRoutingDoesNotProvide_NamesTheColumn()
    {
        var directory = CopiedMatsudo();
        Edit(directory, SamplePack.RoutingFileName, "<text>subject concern.age</text>", "<text>subject concern.income</text>");

        Assert.AreEqual("concern routing: input 年齢", LoadFails(directory).Field);
    }

    [TestMethod]
    public void Load_PriorityTable_IsRefusedNamingTheHitPolicy()
    {
        var directory = CopiedMatsudo();
        Edit(directory, SamplePack.RoutingFileName, "<decisionTable id=\"DecisionTable_concernRouting\" hitPolicy=\"COLLECT\">", "<decisionTable id=\"DecisionTable_concernRouting\" hitPolicy=\"PRIORITY\">");

        Assert.AreEqual("concern routing: hitPolicy", LoadFails(directory).Field);
    }
}
