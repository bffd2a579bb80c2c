using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Dmn;

/// <summary>Decision tables of every hit policy, as dmn-js (DMN 1.3, no variables) writes them.</summary>
public sealed partial class DmnEvaluationTests
{
    /// <summary>Rules over input X: X ≥ 0 → "low", X ≥ 5 → "high", X ≥ 3 → "medium"; output values ordered high, medium, low.</summary>
    private static readonly (string Test, string Output)[] Priorities = [(">= 0", "\"low\""), (">= 5", "\"high\""), (">= 3", "\"medium\"")];

    /// <summary>Rules over input X: X ≥ 0 → 1, X ≥ 5 → 10, X ≥ 3 → 3.</summary>
    private static readonly (string Test, string Output)[] Amounts = [(">= 0", "1"), (">= 5", "10"), (">= 3", "3")];

    [TestMethod]
    [DataRow("UNIQUE", 1, "\"low\"")]
    [DataRow("ANY", 1, "\"low\"")]
    [DataRow("PRIORITY", 6, "\"high\"")]
    [DataRow("PRIORITY", 4, "\"medium\"")]
    [DataRow("FIRST", 6, "\"low\"")]
    [DataRow("RULE ORDER", 6, "[\"low\", \"high\", \"medium\"]")]
    [DataRow("OUTPUT ORDER", 6, "[\"high\", \"medium\", \"low\"]")]
    [DataRow("COLLECT", 4, "[\"low\", \"medium\"]")]
    public void Evaluate_SingleOutputHitPolicy_PicksTheRightRules(string hitPolicy, int x, string expected)
    {
        var result = Table(hitPolicy, null, Priorities).Evaluate("Decision", X(x));

        Assert.AreEqual(expected, Show(result.Value), string.Join(" | ", result.Diagnostics));
        Assert.IsFalse(result.HasErrors);
    }

    [TestMethod]
    [DataRow("SUM", 6, "14")]
    [DataRow("SUM", 4, "4")]
    [DataRow("MIN", 6, "1")]
    [DataRow("MAX", 6, "10")]
    [DataRow("COUNT", 6, "3")]
    [DataRow("COUNT", -1, "0")]
    public void Evaluate_CollectAggregation_Aggregates(string aggregation, int x, string expected) =>
        Assert.AreEqual(expected, Show(Table("COLLECT", aggregation, Amounts).Evaluate("Decision", X(x)).Value));

    [TestMethod]
    [DataRow("UNIQUE")]
    [DataRow("ANY")]
    public void Evaluate_OverlappingRulesThatDiffer_GiveNullWithDiagnostic(string hitPolicy)
    {
        var result = Table(hitPolicy, null, Priorities).Evaluate("Decision", X(6));

        Assert.IsNull(result.Value);
        Assert.IsTrue(result.HasErrors);
    }

    [TestMethod]
    public void Evaluate_FirstWithSeveralMatches_ExplainsOnlyTheAppliedRule()
    {
        var result = Table("FIRST", null, Priorities).Evaluate("Decision", X(6));

        Assert.AreEqual(1, result.Matches.Single().Rules.Single().Number);
    }

    [TestMethod]
    public void Evaluate_AnyWithAgreeingRules_GivesTheCommonOutput() =>
        Assert.AreEqual("\"same\"", Show(Table("ANY", null, ("> 0", "\"same\""), ("> 1", "\"same\"")).Evaluate("Decision", X(5)).Value));

    [TestMethod]
    public void Evaluate_NoRuleMatches_UsesDefaultOutputEntry()
    {
        var model = Load($"""
            <decision id="d" name="Decision">
              {XRequirement}
              <decisionTable id="t">
                {XInput}
                <output id="o" name="out"><defaultOutputEntry><text>"none"</text></defaultOutputEntry></output>
                <rule id="r1"><inputEntry><text>> 10</text></inputEntry><outputEntry><text>"big"</text></outputEntry></rule>
              </decisionTable>
            </decision>
            {XData}
            """);

        Assert.AreEqual("\"none\"", Show(model.Evaluate("Decision", X(1)).Value));
        Assert.AreEqual("\"big\"", Show(model.Evaluate("Decision", X(11)).Value));
    }

    [TestMethod]
    public void Evaluate_NoRuleMatchesWithoutDefault_IsNullWithoutError()
    {
        var result = Table("UNIQUE", null, ("> 10", "\"big\"")).Evaluate("Decision", X(1));

        Assert.IsNull(result.Value);
        Assert.IsFalse(result.HasErrors);
    }

    [TestMethod]
    public void Evaluate_MultipleOutputs_GiveAContextPerRule()
    {
        var model = Load($"""
            <decision id="d" name="Decision">
              {XRequirement}
              <decisionTable id="t" hitPolicy="RULE ORDER">
                {XInput}
                <output id="o1" name="grade" />
                <output id="o2" name="score" />
                <rule id="r1"><inputEntry><text>>= 0</text></inputEntry><outputEntry><text>"C"</text></outputEntry><outputEntry><text>X</text></outputEntry></rule>
                <rule id="r2"><inputEntry><text>>= 5</text></inputEntry><outputEntry><text>"A"</text></outputEntry><outputEntry><text>X * 2</text></outputEntry></rule>
              </decisionTable>
            </decision>
            {XData}
            """);

        Assert.AreEqual("[{grade: \"C\", score: 6}, {grade: \"A\", score: 12}]", Show(model.Evaluate("Decision", X(6)).Value));
    }

    [TestMethod]
    public void Evaluate_MatchedRules_ReportNumbersIdsAndAnnotations()
    {
        var model = Load($"""
            <decision id="d" name="Decision">
              {XRequirement}
              <decisionTable id="table1" hitPolicy="COLLECT">
                {XInput}
                <output id="o" name="out" />
                <annotation name="Reason" />
                <rule id="first"><inputEntry><text>> 0</text></inputEntry><outputEntry><text>1</text></outputEntry><annotationEntry><text>positive</text></annotationEntry></rule>
                <rule id="second"><inputEntry><text>> 100</text></inputEntry><outputEntry><text>2</text></outputEntry><annotationEntry><text>huge</text></annotationEntry></rule>
                <rule id="third"><inputEntry><text>odd(X)</text></inputEntry><outputEntry><text>3</text></outputEntry><annotationEntry><text>odd</text></annotationEntry></rule>
              </decisionTable>
            </decision>
            {XData}
            """);

        var result = model.Evaluate("Decision", X(5));

        var match = result.Matches.Single();
        Assert.AreEqual("table1", match.TableId);
        Assert.AreEqual("Reason", match.AnnotationClauses.Single());
        Assert.AreEqual("1:first:positive, 3:third:odd", string.Join(", ", match.Rules.Select(r => $"{r.Number}:{r.Id}:{r.Annotations.Single()}")));
        Assert.AreEqual(model.VersionHash, result.VersionHash);
        StringAssert.StartsWith(result.VersionHash, "sha256:");
    }

    [TestMethod]
    public void Evaluate_PriorityOutputValues_RefuseAnOutputOutsideThem()
    {
        var result = Table("PRIORITY", null, ("> 0", "\"unknown\"")).Evaluate("Decision", X(1));

        Assert.IsNull(result.Value);
        Assert.IsTrue(result.HasErrors);
    }

    /// <summary>A table on input X with one output whose output values (used by P and O) are "high", "medium", "low".</summary>
    private static DmnModel Table(string hitPolicy, string? aggregation, params (string Test, string Output)[] rules)
    {
        var aggregationAttribute = aggregation is null ? "" : $" aggregation=\"{aggregation}\"";
        var outputValues = hitPolicy is "PRIORITY" or "OUTPUT ORDER" ? "<outputValues><text>\"high\",\"medium\",\"low\"</text></outputValues>" : "";
        var ruleXml = string.Concat(rules.Select((r, i) =>
            $"<rule id=\"r{i + 1}\"><inputEntry><text>{Escape(r.Test)}</text></inputEntry><outputEntry><text>{r.Output}</text></outputEntry></rule>"));
        return Load($"""
            <decision id="d" name="Decision">
              {XRequirement}
              <decisionTable id="t" hitPolicy="{hitPolicy}"{aggregationAttribute}>
                {XInput}
                <output id="o" name="out">{outputValues}</output>
                {ruleXml}
              </decisionTable>
            </decision>
            {XData}
            """);
    }

    private static Dictionary<string, object?> X(int value) => new() { ["X"] = FeelNumber.FromInt64(value) };
}
