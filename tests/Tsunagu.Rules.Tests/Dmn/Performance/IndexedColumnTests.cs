using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Dmn.Performance;

/// <summary>The indexed shapes of input entries (string constants, list contains) and the no-copy input path behave as the general tests do.</summary>
[TestClass]
public sealed class IndexedColumnTests
{
    private static readonly DmnModel Model = Load("""list contains(?, "care")""");

    /// <summary>The routing table with <paramref name="careEntry"/> as rule 3's concerns entry (XML-escaped).</summary>
    private static DmnModel Load(string careEntry) => DmnTestData.CollectTable("Route", "area", "concerns", $$"""
        <rule id="r1"><inputEntry><text>"Kita","Minami"</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"north-south"</text></outputEntry></rule>
        <rule id="r2"><inputEntry><text>"Kita"</text></inputEntry><inputEntry><text>list contains(?, "debt")</text></inputEntry><outputEntry><text>"kita debt"</text></outputEntry></rule>
        <rule id="r3"><inputEntry><text>-</text></inputEntry><inputEntry><text>{{careEntry}}</text></inputEntry><outputEntry><text>"care"</text></outputEntry></rule>
        <rule id="r4"><inputEntry><text>not("Kita")</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"not kita"</text></outputEntry></rule>
        """);

    [TestMethod]
    public void StringConstantsAndListMembersMatchAsTheirTests()
    {
        Assert.AreEqual("[\"north-south\", \"kita debt\", \"care\"]", Route("Kita", new FeelList(["care", FeelNumber.One, "debt"])));
        Assert.AreEqual("[\"north-south\", \"not kita\"]", Route("Minami", new FeelList(["other"])));
        Assert.AreEqual("[\"not kita\"]", Route("kita", FeelList.Empty));
    }

    [TestMethod]
    public void NonListInputTakesTheBuiltinPath()
    {
        // The same test in a shape the index does not take: the builtin decides for a string input, diagnostics included.
        var plain = Load("""list contains(?, "care") = true""");
        var inputs = new Dictionary<string, object?> { ["area"] = FeelNumber.One, ["concerns"] = "care" };
        var indexed = Model.Evaluate("Route", inputs);
        var general = plain.Evaluate("Route", inputs);
        Assert.AreEqual(FeelSemantics.ToFeelString(general.Value), FeelSemantics.ToFeelString(indexed.Value));
        DmnTestData.SequenceIs(indexed.Diagnostics, [.. general.Diagnostics]);
    }

    [TestMethod]
    public void InputsAreLookedUpOrdinallyWhateverTheCallersComparer()
    {
        var inputs = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["AREA"] = "Kita", ["concerns"] = FeelList.Empty };
        Assert.AreEqual("[\"not kita\"]", FeelSemantics.ToFeelString(Model.Evaluate("Route", inputs).Value));
    }

    [TestMethod]
    public void ClrInputsAreStillConverted()
    {
        var inputs = new Dictionary<string, object?> { ["area"] = "Kita", ["concerns"] = new[] { "debt" } };
        Assert.AreEqual("[\"north-south\", \"kita debt\"]", FeelSemantics.ToFeelString(Model.Evaluate("Route", inputs).Value));
        Assert.IsInstanceOfType<string[]>(inputs["concerns"]);
    }

    [TestMethod]
    public void UnconvertibleClrInput_IsATypedErrorNamingTheInput()
    {
        var inputs = new Dictionary<string, object?> { ["area"] = "Kita", ["concerns"] = double.NaN };

        var error = Assert.ThrowsExactly<DmnEvaluationException>(() => Model.Evaluate("Route", inputs));

        Assert.IsTrue(error.Message.Contains("concerns", StringComparison.Ordinal), error.Message);
    }

    private static string Route(string area, FeelList concerns) =>
        FeelSemantics.ToFeelString(Model.Evaluate("Route", new Dictionary<string, object?> { ["area"] = area, ["concerns"] = concerns }).Value);
}
