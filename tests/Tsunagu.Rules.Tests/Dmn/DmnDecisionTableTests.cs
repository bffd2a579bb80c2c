using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Rules.Tests.Dmn;

[TestClass]
public sealed class DmnDecisionTableTests
{
    private const string Table = """
        <decisionTable id="dt" hitPolicy="COLLECT" aggregation="SUM" outputLabel="Score">
          <input id="in1" label="Age">
            <inputExpression id="ie1" typeRef="number"><text>  age  </text></inputExpression>
            <inputValues><text>[0..150]</text></inputValues>
          </input>
          <input id="in2" label="Status">
            <inputExpression typeRef="string"><text>status</text></inputExpression>
          </input>
          <output id="out1" name="score" label="Points" typeRef="number">
            <outputValues><text>1,2,3</text></outputValues>
            <defaultOutputEntry><text>0</text></defaultOutputEntry>
          </output>
          <annotation name="Why"/>
          <rule id="r1">
            <description>young</description>
            <inputEntry><text>&lt; 18</text></inputEntry>
            <inputEntry><text>-</text></inputEntry>
            <outputEntry><text>1</text></outputEntry>
            <annotationEntry><text>minors</text></annotationEntry>
          </rule>
          <rule id="r2">
            <inputEntry><text>&gt;= 18</text></inputEntry>
            <inputEntry><text>"gold"</text></inputEntry>
            <outputEntry><text>3</text></outputEntry>
          </rule>
        </decisionTable>
        """;

    [TestMethod]
    public void Parse_DecisionTable_ReadsPolicyClausesAndRules()
    {
        var table = DmnTestData.DecisionExpression<DecisionTable>(Table);

        Assert.AreEqual("dt", table.Id);
        Assert.AreEqual(HitPolicy.Collect, table.HitPolicy);
        Assert.AreEqual(Aggregation.Sum, table.Aggregation);
        Assert.AreEqual("Score", table.OutputLabel);
        Assert.HasCount(2, table.Inputs);
        Assert.AreEqual("Age", table.Inputs[0].Label);
        Assert.AreEqual("age", table.Inputs[0].InputExpression.Text);
        Assert.AreEqual("number", table.Inputs[0].InputExpression.TypeRef);
        Assert.AreEqual("ie1", table.Inputs[0].InputExpression.Id);
        Assert.AreEqual("[0..150]", table.Inputs[0].InputValues);
        Assert.IsNull(table.Inputs[1].InputValues);
        var output = table.Outputs.Single();
        Assert.AreEqual(("out1", "score", "Points", "number"), (output.Id, output.Name, output.Label, output.TypeRef));
        Assert.AreEqual("1,2,3", output.OutputValues);
        Assert.AreEqual("0", output.DefaultOutputEntry);
        DmnTestData.SequenceIs(table.RuleAnnotationClauses, "Why");
        DmnTestData.SequenceIs(table.Rules[0].InputEntries, "< 18", "-");
        DmnTestData.SequenceIs(table.Rules[0].OutputEntries, "1");
        DmnTestData.SequenceIs(table.Rules[0].AnnotationEntries, "minors");
        Assert.AreEqual("young", table.Rules[0].Description);
        Assert.AreEqual("r2", table.Rules[1].Id);
    }

    [TestMethod]
    public void Parse_RuleWithoutAnnotationEntries_PadsThemToTheClauses()
    {
        var table = DmnTestData.DecisionExpression<DecisionTable>(Table);

        DmnTestData.SequenceIs(table.Rules[1].AnnotationEntries, "");
    }

    [TestMethod]
    [DataRow(null, HitPolicy.Unique)]
    [DataRow("UNIQUE", HitPolicy.Unique)]
    [DataRow("FIRST", HitPolicy.First)]
    [DataRow("PRIORITY", HitPolicy.Priority)]
    [DataRow("ANY", HitPolicy.Any)]
    [DataRow("COLLECT", HitPolicy.Collect)]
    [DataRow("RULE ORDER", HitPolicy.RuleOrder)]
    [DataRow("OUTPUT ORDER", HitPolicy.OutputOrder)]
    public void Parse_HitPolicyAttribute_MapsToEnum(string? attribute, HitPolicy expected)
    {
        var hitPolicy = attribute is null ? "" : $"""hitPolicy="{attribute}" """;
        var table = DmnTestData.DecisionExpression<DecisionTable>($"""<decisionTable {hitPolicy}><output name="o"/></decisionTable>""");

        Assert.AreEqual(expected, table.HitPolicy);
        Assert.AreEqual(Aggregation.None, table.Aggregation);
    }

    [TestMethod]
    [DataRow("MIN", Aggregation.Min)]
    [DataRow("MAX", Aggregation.Max)]
    [DataRow("COUNT", Aggregation.Count)]
    public void Parse_AggregationAttribute_MapsToEnum(string attribute, Aggregation expected)
    {
        var table = DmnTestData.DecisionExpression<DecisionTable>($"""<decisionTable hitPolicy="COLLECT" aggregation="{attribute}"/>""");

        Assert.AreEqual(expected, table.Aggregation);
    }

    [TestMethod]
    public void Parse_UnknownHitPolicy_ThrowsWithTableId()
    {
        var e = Assert.ThrowsExactly<ModelParseException>(() =>
            DmnTestData.DecisionExpression<DecisionTable>("""<decisionTable id="bad" hitPolicy="SOMETIMES"/>"""));

        Assert.AreEqual("bad", e.ElementId);
        Assert.Contains("SOMETIMES", e.Message);
    }

    [TestMethod]
    public void Parse_RuleWithTooFewInputEntries_ThrowsAtTheRule()
    {
        var e = Assert.ThrowsExactly<ModelParseException>(() => DmnTestData.DecisionExpression<DecisionTable>("""
            <decisionTable>
              <input><inputExpression><text>a</text></inputExpression></input>
              <input><inputExpression><text>b</text></inputExpression></input>
              <output name="o"/>
              <rule id="short"><inputEntry><text>1</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
            </decisionTable>
            """));

        Assert.AreEqual("short", e.ElementId);
        Assert.Contains("1 inputEntry", e.Message);
        Assert.IsGreaterThan(0, e.Line);
    }

    [TestMethod]
    public void Parse_RuleWithExtraOutputEntry_Throws()
    {
        Assert.ThrowsExactly<ModelParseException>(() => DmnTestData.DecisionExpression<DecisionTable>("""
            <decisionTable>
              <output name="o"/>
              <rule><outputEntry><text>1</text></outputEntry><outputEntry><text>2</text></outputEntry></rule>
            </decisionTable>
            """));
    }

    [TestMethod]
    public void Parse_InputWithoutInputExpression_Throws()
    {
        var e = Assert.ThrowsExactly<ModelParseException>(() =>
            DmnTestData.DecisionExpression<DecisionTable>("""<decisionTable><input id="i"/></decisionTable>"""));

        Assert.AreEqual("i", e.ElementId);
    }
}
