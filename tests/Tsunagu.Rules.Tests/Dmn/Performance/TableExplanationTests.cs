using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Dmn.Performance;

/// <summary>The explanation is described when read: it must name exactly the rules that fired, in wide tables and across tables too.</summary>
[TestClass]
public sealed class TableExplanationTests
{
    /// <summary>70 rules (two bit-mask words): rule n matches x = n, rules 1, 65 and 70 also match x = 0.</summary>
    private static DmnModel Wide(string hitPolicy) => DmnModel.Load(DmnParser.Parse(DmnTestData.Model($$"""
        <inputData id="i" name="x"/>
        <decision id="d" name="Wide">
          <informationRequirement><requiredInput href="#i"/></informationRequirement>
          <decisionTable id="wide" hitPolicy="{{hitPolicy}}">
            <input id="c"><inputExpression><text>x</text></inputExpression></input>
            <output id="o" name="n" typeRef="number"/>
            {{string.Concat(Enumerable.Range(1, 70).Select(n =>
                $"<rule id=\"w{n}\"><inputEntry><text>{(n is 1 or 65 or 70 ? $"{n}, 0" : $"{n}")}</text></inputEntry><outputEntry><text>{n}</text></outputEntry></rule>"))}}
          </decisionTable>
        </decision>
        <decision id="top" name="Top">
          <informationRequirement><requiredDecision href="#d"/></informationRequirement>
          <decisionTable id="top-table" hitPolicy="UNIQUE">
            <input id="t"><inputExpression><text>count(Wide) > 1</text></inputExpression></input>
            <output id="to" name="several" typeRef="boolean"/>
            <rule id="t1"><inputEntry><text>true</text></inputEntry><outputEntry><text>true</text></outputEntry></rule>
            <rule id="t2"><inputEntry><text>false</text></inputEntry><outputEntry><text>false</text></outputEntry></rule>
          </decisionTable>
        </decision>
        """)));

    [TestMethod]
    public void Evaluate_WideCollectTable_ExplainsEveryRuleThatFired()
    {
        var result = Wide("COLLECT").Evaluate("Wide", Input(0));

        Assert.AreEqual("[1, 65, 70]", FeelSemantics.ToFeelString(result.Value));
        var match = result.Matches.Single();
        Assert.AreEqual("wide", match.TableId);
        Assert.AreEqual("1 w1, 65 w65, 70 w70", Describe(match));
    }

    [TestMethod]
    public void Evaluate_WideFirstTable_ExplainsOnlyTheFirstRuleBeyondTheFirstWord()
    {
        var result = Wide("FIRST").Evaluate("Wide", Input(66));

        Assert.AreEqual("66", FeelSemantics.ToFeelString(result.Value));
        Assert.AreEqual("66 w66", Describe(result.Matches.Single()));
    }

    [TestMethod]
    public void Evaluate_DecisionOverATable_ExplainsBothTablesInEvaluationOrder()
    {
        var result = Wide("RULE ORDER").Evaluate("Top", Input(0));

        Assert.AreEqual(true, result.Value);
        DmnTestData.SequenceIs(result.Matches.Select(m => $"{m.TableId}: {Describe(m)}"), "wide: 1 w1, 65 w65, 70 w70", "top-table: 1 t1");
    }

    private static Dictionary<string, object?> Input(int x) => new() { ["x"] = FeelNumber.FromInt64(x) };

    private static string Describe(DecisionTableMatch match) => string.Join(", ", match.Rules.Select(r => $"{r.Number} {r.Id}"));
}
