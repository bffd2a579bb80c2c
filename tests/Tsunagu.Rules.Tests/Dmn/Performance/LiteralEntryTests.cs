using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Dmn.Performance;

/// <summary>
/// Literal number comparisons, ranges and booleans are answered without a FEEL call; number entries must match exactly
/// as the same tests written in a shape that takes the general FEEL path, on boundaries and on inputs of another type.
/// </summary>
[TestClass]
public sealed class LiteralEntryTests
{
    private static readonly DmnModel Literal = Load("&gt;= 65", "[18..64]", "&lt; 18", "true", "(17..18]", "64.5");
    private static readonly DmnModel General = Load("&gt;= 60 + 5", "[18..60 + 4]", "&lt; 9 * 2", "true", "(17..9 * 2]", "64 + 0.5");

    private static DmnModel Load(string elder, string adult, string child, string flag, string openStart, string exact) => DmnTestData.CollectTable("Band", "age", "flag", $$"""
        <rule id="r1"><inputEntry><text>{{elder}}</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"elder"</text></outputEntry></rule>
        <rule id="r2"><inputEntry><text>{{adult}}</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"adult"</text></outputEntry></rule>
        <rule id="r3"><inputEntry><text>{{child}}</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"child"</text></outputEntry></rule>
        <rule id="r4"><inputEntry><text>-</text></inputEntry><inputEntry><text>{{flag}}</text></inputEntry><outputEntry><text>"flagged"</text></outputEntry></rule>
        <rule id="r5"><inputEntry><text>{{openStart}}</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"turning adult"</text></outputEntry></rule>
        <rule id="r6"><inputEntry><text>{{exact}}</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"exact"</text></outputEntry></rule>
        """);

    public static IEnumerable<object?[]> Inputs =>
        from age in new object?[] { null, "65", 0, 17, 17.5, 18, 64, 64.5, 65, 120, -1 }
        from flag in new object?[] { true, false, null, "true" }
        select new[] { age, flag };

    [TestMethod]
    [DynamicData(nameof(Inputs))]
    public void Evaluate_LiteralEntries_MatchAsTheGeneralTests(object? age, object? flag)
    {
        var inputs = new Dictionary<string, object?> { ["age"] = age, ["flag"] = flag };

        var literal = Literal.Evaluate("Band", inputs);
        var general = General.Evaluate("Band", inputs);

        Assert.AreEqual(FeelSemantics.ToFeelString(general.Value), FeelSemantics.ToFeelString(literal.Value));
        DmnTestData.SequenceIs(literal.Diagnostics, [.. general.Diagnostics]);
        Assert.AreEqual(Numbers(general), Numbers(literal));
    }

    [TestMethod]
    [DataRow(true, "r4")]
    [DataRow(false, "")]
    [DataRow(null, "")]
    [DataRow("true", "")]
    public void Evaluate_BooleanLiteral_MatchesOnlyThatBoolean(object? flag, string expected)
    {
        var result = Literal.Evaluate("Band", new Dictionary<string, object?> { ["age"] = null, ["flag"] = flag });

        Assert.AreEqual(expected, Numbers(result));
    }

    [TestMethod]
    public void Evaluate_Boundaries_FollowTheEntries()
    {
        Assert.AreEqual("r2,r5", Numbers(Literal.Evaluate("Band", new Dictionary<string, object?> { ["age"] = FeelNumber.FromInt64(18), ["flag"] = false })));
        Assert.AreEqual("r1,r4", Numbers(Literal.Evaluate("Band", new Dictionary<string, object?> { ["age"] = FeelNumber.FromInt64(65), ["flag"] = true })));
        Assert.AreEqual("r3", Numbers(Literal.Evaluate("Band", new Dictionary<string, object?> { ["age"] = FeelNumber.FromInt64(17), ["flag"] = null })));
        Assert.AreEqual("r6", Numbers(Literal.Evaluate("Band", new Dictionary<string, object?> { ["age"] = 64.5m, ["flag"] = null })));
    }

    /// <summary>Literal outputs are checked once at load, but a literal that fails its check must still fail every match, with the diagnostic.</summary>
    [TestMethod]
    [DataRow(1, "low")]
    [DataRow(2, "null")]
    [DataRow(3, "null")]
    public void Evaluate_LiteralOutputs_AreCheckedAgainstOutputValuesAndType(int rule, string expected)
    {
        var model = DmnModel.Load(DmnParser.Parse(DmnTestData.Model("""
            <inputData id="i" name="x"/>
            <decision id="d" name="Level">
              <informationRequirement><requiredInput href="#i"/></informationRequirement>
              <decisionTable id="dt" hitPolicy="UNIQUE">
                <input id="c"><inputExpression><text>x</text></inputExpression></input>
                <output id="o" name="level" typeRef="string"><outputValues><text>"low","high"</text></outputValues></output>
                <rule id="r1"><inputEntry><text>1</text></inputEntry><outputEntry><text>"low"</text></outputEntry></rule>
                <rule id="r2"><inputEntry><text>2</text></inputEntry><outputEntry><text>"medium"</text></outputEntry></rule>
                <rule id="r3"><inputEntry><text>3</text></inputEntry><outputEntry><text>3</text></outputEntry></rule>
              </decisionTable>
            </decision>
            """)));

        for (var repeat = 0; repeat < 2; repeat++)
        {
            var result = model.Evaluate("Level", new Dictionary<string, object?> { ["x"] = rule });

            Assert.AreEqual(expected, FeelSemantics.ToFeelString(result.Value));
            Assert.AreEqual(expected == "null" ? 1 : 0, result.Diagnostics.Count(d => d.Contains($"rule {rule}", StringComparison.Ordinal)), string.Join("; ", result.Diagnostics));
        }
    }

    private static string Numbers(Tsunagu.Rules.Dmn.Evaluation.DecisionResult result) => string.Join(",", result.Matches.SelectMany(m => m.Rules).Select(r => r.Id));
}
