using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Dmn.Performance;

/// <summary>
/// A table input that is a plain name is read from its frame slot without a call; it must read the slot the compiled
/// name would (the innermost definition), and any other input expression must still be evaluated.
/// </summary>
[TestClass]
public sealed class InputSlotTests
{
    [TestMethod]
    [DataRow("y", 5, 0, "high")]
    [DataRow("x", 5, 20, "low")]
    [DataRow("x", 11, 0, "high")]
    [DataRow("x * 3", 5, 0, "high")]
    [DataRow("x * 1", 5, 20, "low")]
    public void Evaluate_InputExpression_ReadsTheInnermostDefinition(string inputExpression, int x, int y, string expected)
    {
        var result = Load(inputExpression).Evaluate("Band", new Dictionary<string, object?> { ["x"] = x, ["y"] = y });

        Assert.IsFalse(result.HasErrors, string.Join("; ", result.Diagnostics));
        Assert.AreEqual(expected, FeelSemantics.ToFeelString(result.Value));
    }

    private static DmnModel Load(string inputExpression) => DmnModel.Load(DmnParser.Parse(DmnTestData.Model($$"""
        <inputData id="i" name="x"/>
        <inputData id="j" name="y"/>
        <decision id="d" name="Band">
          <informationRequirement><requiredInput href="#i"/></informationRequirement>
          <informationRequirement><requiredInput href="#j"/></informationRequirement>
          <context>
            <contextEntry><variable name="y"/><literalExpression><text>x + 10</text></literalExpression></contextEntry>
            <contextEntry>
              <variable name="band"/>
              <decisionTable id="dt" hitPolicy="FIRST">
                <input id="c"><inputExpression><text>{{inputExpression}}</text></inputExpression></input>
                <output id="o" name="band" typeRef="string"/>
                <rule id="high"><inputEntry><text>&gt; 10</text></inputEntry><outputEntry><text>"high"</text></outputEntry></rule>
                <rule id="low"><inputEntry><text>-</text></inputEntry><outputEntry><text>"low"</text></outputEntry></rule>
              </decisionTable>
            </contextEntry>
            <contextEntry><literalExpression><text>band</text></literalExpression></contextEntry>
          </context>
        </decision>
        """)));
}
