using System.Globalization;
using System.Security;
using System.Text.Json;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Dmn;

/// <summary>Evaluating whole models: requirements, BKMs, decision services, boxed expressions, inputs and failures.</summary>
[TestClass]
public sealed partial class DmnEvaluationTests
{
    private const string Dmn13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";
    private const string XRequirement = """<informationRequirement id="ir_x"><requiredInput href="#x" /></informationRequirement>""";
    private const string XInput = """<input id="in_x" label="X"><inputExpression id="ie_x" typeRef="number"><text>X</text></inputExpression></input>""";
    private const string XData = """<inputData id="x" name="X" />""";

    private const string Pricing = """
        <decision id="net" name="Net Price">
          <informationRequirement><requiredInput href="#price" /></informationRequirement>
          <informationRequirement><requiredInput href="#qty" /></informationRequirement>
          <knowledgeRequirement><requiredKnowledge href="#discount" /></knowledgeRequirement>
          <literalExpression><text>Unit Price * Quantity * (1 - Discount(Quantity))</text></literalExpression>
        </decision>
        <decision id="label" name="Label">
          <informationRequirement><requiredDecision href="#net" /></informationRequirement>
          <literalExpression><text>"Total: " + string(Net Price)</text></literalExpression>
        </decision>
        <businessKnowledgeModel id="discount" name="Discount">
          <encapsulatedLogic><formalParameter name="n" typeRef="number" /><literalExpression><text>if n >= 10 then 0.1 else 0</text></literalExpression></encapsulatedLogic>
        </businessKnowledgeModel>
        <decisionService id="svc" name="Price Service">
          <outputDecision href="#label" />
          <encapsulatedDecision href="#net" />
          <inputData href="#price" />
          <inputData href="#qty" />
        </decisionService>
        <inputData id="price" name="Unit Price"><variable name="Unit Price" typeRef="number" /></inputData>
        <inputData id="qty" name="Quantity"><variable name="Quantity" typeRef="number" /></inputData>
        """;

    [TestMethod]
    public void Evaluate_DecisionChainWithBkm_ComputesThroughRequirements()
    {
        var result = Load(Pricing).Evaluate("Label", Inputs(("Unit Price", 5), ("Quantity", 10)));

        Assert.AreEqual("\"Total: 45\"", Show(result.Value), string.Join(" | ", result.Diagnostics));
        Assert.AreEqual("Label", result.Name);
    }

    [TestMethod]
    public void Invoke_DecisionService_TakesInputDataAsNamedArguments() =>
        Assert.AreEqual("\"Total: 15\"", Show(Load(Pricing).Invoke("Price Service", Inputs(("Unit Price", 5), ("Quantity", 3))).Value));

    [TestMethod]
    public void Invoke_Bkm_ChecksItsParameterType()
    {
        var model = Load(Pricing);

        Assert.AreEqual("0.1", Show(model.Invoke("Discount", Inputs(("n", 12))).Value));
        var wrong = model.Invoke("Discount", new Dictionary<string, object?> { ["n"] = "twelve" });
        Assert.IsNull(wrong.Value);
        Assert.IsTrue(wrong.HasErrors);
    }

    [TestMethod]
    public void Evaluate_DecisionCallingService_PassesPositionalArguments()
    {
        var model = Load(Pricing + """
            <decision id="caller" name="Caller">
              <knowledgeRequirement><requiredKnowledge href="#svc" /></knowledgeRequirement>
              <literalExpression><text>Price Service(2, 10)</text></literalExpression>
            </decision>
            """);

        Assert.AreEqual("\"Total: 18\"", Show(model.Evaluate("Caller", Inputs()).Value));
    }

    [TestMethod]
    public void Evaluate_JsonInputs_AreConvertedToFeelValues()
    {
        using var json = JsonDocument.Parse("""{"Unit Price": 2.5, "Quantity": 4}""");

        Assert.AreEqual("\"Total: 10\"", Show(Load(Pricing).Evaluate("Label", json.RootElement).Value));
    }

    [TestMethod]
    public void Evaluate_UnknownDecisionName_Throws() =>
        Assert.ThrowsExactly<DmnEvaluationException>(() => Load(Pricing).Evaluate("Nope", Inputs()));

    [TestMethod]
    public void Evaluate_JsonInputsNotAnObject_Throws()
    {
        using var json = JsonDocument.Parse("[1]");

        Assert.ThrowsExactly<DmnEvaluationException>(() => Load(Pricing).Evaluate("Label", json.RootElement));
    }

    [TestMethod]
    public void Evaluate_InputOfWrongType_GivesNullWithDiagnostic()
    {
        var result = Load(Pricing).Evaluate("Net Price", new Dictionary<string, object?> { ["Unit Price"] = "cheap", ["Quantity"] = 1 });

        Assert.IsNull(result.Value);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Contains("Unit Price", StringComparison.Ordinal)), string.Join(" | ", result.Diagnostics));
    }

    [TestMethod]
    public void Evaluate_BoxedContextWithRelationAndInvocation_BuildsNestedValues()
    {
        var model = Load("""
            <decision id="d" name="Summary">
              <knowledgeRequirement><requiredKnowledge href="#twice" /></knowledgeRequirement>
              <context>
                <contextEntry>
                  <variable name="rows" />
                  <relation>
                    <column name="name" /><column name="age" />
                    <row><literalExpression><text>"Ann"</text></literalExpression><literalExpression><text>30</text></literalExpression></row>
                    <row><literalExpression><text>"Bob"</text></literalExpression><literalExpression><text>40</text></literalExpression></row>
                  </relation>
                </contextEntry>
                <contextEntry>
                  <variable name="doubled" />
                  <invocation>
                    <literalExpression><text>twice</text></literalExpression>
                    <binding><parameter name="v" /><literalExpression><text>sum(rows.age)</text></literalExpression></binding>
                  </invocation>
                </contextEntry>
                <contextEntry>
                  <literalExpression><text>{names: rows.name, doubled: doubled}</text></literalExpression>
                </contextEntry>
              </context>
            </decision>
            <businessKnowledgeModel id="twice" name="twice">
              <encapsulatedLogic><formalParameter name="v" /><literalExpression><text>v * 2</text></literalExpression></encapsulatedLogic>
            </businessKnowledgeModel>
            """);

        Assert.AreEqual("{names: [\"Ann\", \"Bob\"], doubled: 140}", Show(model.Evaluate("Summary", Inputs()).Value));
    }

    [TestMethod]
    public void Load_CyclicRequirements_ReportsProblemAndEvaluatesToNull()
    {
        var model = Load("""
            <decision id="a" name="A"><informationRequirement><requiredDecision href="#b" /></informationRequirement><literalExpression><text>B + 1</text></literalExpression></decision>
            <decision id="b" name="B"><informationRequirement><requiredDecision href="#a" /></informationRequirement><literalExpression><text>A + 1</text></literalExpression></decision>
            """);

        Assert.IsTrue(model.Problems.Any(p => p.Contains("cycle", StringComparison.Ordinal) && p.Contains("'A'", StringComparison.Ordinal)), string.Join(" | ", model.Problems));
        var result = model.Evaluate("A", Inputs());
        Assert.IsNull(result.Value);
        Assert.IsTrue(result.HasErrors);
    }

    [TestMethod]
    public void Evaluate_OneModelFromManyThreads_KeepsEvaluationsApart()
    {
        var model = Load(Pricing);

        var results = Enumerable.Range(1, 200).AsParallel().WithDegreeOfParallelism(8)
            .Select(q => (q, Show(model.Evaluate("Net Price", Inputs(("Unit Price", 1), ("Quantity", q))).Value)))
            .ToList();

        // Net price with unit price 1: the quantity, less 10% from 10 items on.
        var wrong = results.Where(r => r.Item2 != (r.q >= 10 ? r.q * 0.9m : r.q).ToString("0.#", CultureInfo.InvariantCulture)).ToList();
        Assert.IsEmpty(wrong, string.Join("; ", wrong));
    }

    [TestMethod]
    public void Evaluate_HugeInputList_CompletesWithoutHanging()
    {
        var model = Load("""
            <decision id="d" name="Total">
              <informationRequirement><requiredInput href="#items" /></informationRequirement>
              <literalExpression><text>sum(for v in Items return v * 2) + count(Items[item > 5])</text></literalExpression>
            </decision>
            <inputData id="items" name="Items" />
            """);
        var items = new FeelList([.. Enumerable.Range(1, 200_000).Select(i => (object?)FeelNumber.FromInt64(i % 10))]);

        var result = model.Evaluate("Total", new Dictionary<string, object?> { ["Items"] = items });

        Assert.AreEqual("1880000", Show(result.Value), string.Join(" | ", result.Diagnostics));
    }

    private static DmnModel Load(string body) =>
        DmnModel.Load(DmnParser.Parse($"""<definitions xmlns="{Dmn13}" id="defs" name="Test" namespace="urn:test">{body}</definitions>"""));

    private static Dictionary<string, object?> Inputs(params (string Name, int Value)[] values) =>
        values.ToDictionary(v => v.Name, v => (object?)FeelNumber.FromInt64(v.Value));

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        _ => FeelSemantics.ToFeelString(value),
    };
}
