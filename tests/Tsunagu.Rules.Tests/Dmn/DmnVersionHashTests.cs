using System.Xml.Linq;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Model;

namespace Tsunagu.Rules.Tests.Dmn;

[TestClass]
public sealed class DmnVersionHashTests
{
    private static readonly XNamespace Dmndi = "https://www.omg.org/spec/DMN/20191111/DMNDI/";

    private static string Fixture() => File.ReadAllText(DmnTestData.FixturePath("dmnjs-1.3-dish.dmn"));

    [TestMethod]
    public void Parse_DmnJs13Model_ReadsTableAndKeepsDmndi()
    {
        var definitions = DmnParser.Parse(Fixture());

        Assert.AreEqual(DmnVersion.Dmn13, definitions.DmnVersion);
        var table = (DecisionTable)definitions.Decisions.Single().Expression!;
        Assert.AreEqual(HitPolicy.First, table.HitPolicy);
        Assert.AreEqual("Dish", definitions.Decisions.Single().Variable.Name);
        Assert.AreSame(definitions.InputData.Single(), definitions.Resolve(definitions.Decisions.Single().InformationRequirements.Single().Required));
        var shapes = definitions.Document.Descendants(Dmndi + "DMNShape").Select(s => (string?)s.Attribute("dmnElementRef")).ToList();
        DmnTestData.SequenceIs(shapes!, "dish", "season");
    }

    [TestMethod]
    public void Document_SavedAndReparsed_KeepsHashAndDmndi()
    {
        var original = DmnParser.Parse(Fixture());

        var reparsed = DmnParser.Parse(original.Document.ToString(SaveOptions.DisableFormatting));

        Assert.AreEqual(original.VersionHash, reparsed.VersionHash);
        Assert.IsTrue(XNode.DeepEquals(original.Document.Root, reparsed.Document.Root));
    }

    [TestMethod]
    public void VersionHash_Reformatted_Unchanged()
    {
        var original = DmnParser.Parse(Fixture());
        var reformatted = Fixture()
            .Replace("xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\"", "xmlns:m=\"https://www.omg.org/spec/DMN/20191111/MODEL/\"", StringComparison.Ordinal)
            .Replace("<", "<m:", StringComparison.Ordinal)
            .Replace("<m:/", "</m:", StringComparison.Ordinal)
            .Replace("<m:?", "<?", StringComparison.Ordinal)
            .Replace("m:dmndi:", "dmndi:", StringComparison.Ordinal)
            .Replace("m:dc:", "dc:", StringComparison.Ordinal)
            .Replace("m:di:", "di:", StringComparison.Ordinal)
            .Replace("\n  ", "\r\n\t\t", StringComparison.Ordinal)
            .Replace("<m:description>", "<!-- why --><m:description>", StringComparison.Ordinal)
            .Replace("id=\"dish\" name=\"Dish\"", "name=\"Dish\"   id=\"dish\"", StringComparison.Ordinal);

        var changed = DmnParser.Parse(reformatted);

        Assert.AreNotEqual(Fixture(), reformatted);
        Assert.AreEqual(original.VersionHash, changed.VersionHash);
        Assert.AreEqual("m", changed.Document.Root!.GetPrefixOfNamespace(changed.Document.Root.Name.Namespace));
    }

    [TestMethod]
    public void VersionHash_RuleEntryChanged_Differs()
    {
        var original = DmnParser.Parse(Fixture());

        var changed = DmnParser.Parse(Fixture().Replace("\"Roastbeef\"", "\"Stew\"", StringComparison.Ordinal));

        Assert.AreNotEqual(original.VersionHash, changed.VersionHash);
        Assert.StartsWith("sha256:", original.VersionHash);
        Assert.AreEqual("sha256:".Length + 64, original.VersionHash.Length);
    }

    [TestMethod]
    [DataRow("hitPolicy=\"FIRST\"", "hitPolicy=\"UNIQUE\"")]
    [DataRow("x=\"160\"", "x=\"161\"")]
    [DataRow("<text>-</text>", "<text>- </text><!-- only layout --><text/>")]
    public void VersionHash_SemanticEdit_Differs(string from, string to)
    {
        var original = DmnParser.Parse(Fixture());

        var changed = DmnParser.Parse(Fixture().Replace(from, to, StringComparison.Ordinal));

        Assert.AreNotEqual(original.VersionHash, changed.VersionHash);
    }
}
