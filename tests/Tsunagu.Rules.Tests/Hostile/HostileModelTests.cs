using System.Globalization;
using System.Text;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Feel.Values;
using Tsunagu.Rules.Tests.Dmn;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Rules.Tests.Hostile;

/// <summary>DMN documents written to exhaust the stack, memory or time: refused while reading, or bounded when evaluated.</summary>
[TestClass]
public sealed class HostileModelTests
{
    [TestMethod]
    public void Parse_HundredThousandDeepXml_RefusedWithPosition()
    {
        var xml = DmnTestData.Model(string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000)));

        var (error, allocated) = SmallStack.Measure(() => Assert.ThrowsExactly<ModelParseException>(() => DmnParser.Parse(xml)));

        StringAssert.Contains(error.Message, "nest more than");
        Assert.AreEqual(2, error.Line);
        Assert.IsGreaterThan(0, error.Column);
        Assert.IsLessThan(SmallStack.AllocationCap, allocated);
    }

    [TestMethod]
    public void Parse_BoxedContextBeyondDepthLimit_Refused()
    {
        var xml = DmnTestData.Model(Decision(NestedContext(200)));

        var error = SmallStack.Run(() => Assert.ThrowsExactly<ModelParseException>(() => DmnParser.Parse(xml)));

        StringAssert.Contains(error.Message, "nest more than");
    }

    [TestMethod]
    public void Evaluate_BoxedContextNestedWithinLimit_Evaluates()
    {
        var xml = DmnTestData.Model(Decision(NestedContext(60)));

        var result = SmallStack.Run(() => Load(xml).Evaluate("d", new Dictionary<string, object?>()));

        Assert.AreEqual(FeelNumber.FromInt64(1), result.Value);
    }

    [TestMethod]
    public void Evaluate_FiftyThousandTermLiteralExpression_GivesTheSum()
    {
        var xml = DmnTestData.Model(Decision($"<literalExpression><text>{string.Join("+", Enumerable.Repeat("1", 50_000))}</text></literalExpression>"));

        var result = SmallStack.Run(() => Load(xml).Evaluate("d", new Dictionary<string, object?>()));

        Assert.AreEqual(FeelNumber.FromInt64(50_000), result.Value);
    }

    [TestMethod]
    public void Load_DeeplyNestedFeelInModel_RecordedAsProblem()
    {
        var xml = DmnTestData.Model(Decision($"<literalExpression><text>{new string('[', 100_000)}1{new string(']', 100_000)}</text></literalExpression>"));

        var model = SmallStack.Run(() => Load(xml));

        Assert.IsTrue(model.Problems.Any(p => p.Contains("nests more than", StringComparison.Ordinal)));
        Assert.IsNull(model.Evaluate("d", new Dictionary<string, object?>()).Value);
    }

    [TestMethod]
    public void Load_LongRequirementChain_ReportedAndRefusedAtItsDepth()
    {
        // Listed from the top of the chain down, so a walk of the requirements in model order goes all the way down at once.
        var decisions = new StringBuilder();
        for (var i = 4_999; i > 0; i--)
        {
            decisions.Append(CultureInfo.InvariantCulture, $"""<decision id="d{i}" name="d{i}"><informationRequirement><requiredDecision href="#d{i - 1}"/></informationRequirement><literalExpression><text>d{i - 1} + 1</text></literalExpression></decision>""");
        }

        decisions.Append("""<decision id="d0" name="d0"><literalExpression><text>0</text></literalExpression></decision>""");
        var model = SmallStack.Run(() => Load(DmnTestData.Model(decisions.ToString())));
        var deep = SmallStack.Run(() => model.Evaluate("d4999", new Dictionary<string, object?>()));
        var shallow = SmallStack.Run(() => model.Evaluate("d100", new Dictionary<string, object?>()));

        Assert.IsTrue(model.Problems.Any(p => p.Contains("levels of decisions", StringComparison.Ordinal)));
        Assert.IsNull(deep.Value);
        Assert.IsTrue(deep.Diagnostics.Any(d => d.Contains("nest more than", StringComparison.Ordinal)));
        Assert.AreEqual(FeelNumber.FromInt64(100), shallow.Value);
    }

    [TestMethod]
    public void Load_LongItemDefinitionChain_ReportedWithoutExhaustingTheStack()
    {
        // Listed from the top of the chain down, so resolving in model order follows the whole chain at once.
        var types = new StringBuilder();
        for (var i = 5_000; i > 0; i--)
        {
            types.Append(CultureInfo.InvariantCulture, $"<itemDefinition name=\"t{i}\"><typeRef>t{i - 1}</typeRef></itemDefinition>");
        }

        types.Append("<itemDefinition name=\"t0\"><typeRef>number</typeRef></itemDefinition>");
        types.Append("<decision id=\"d\" name=\"d\"><variable name=\"d\" typeRef=\"t5000\"/><literalExpression><text>1</text></literalExpression></decision>");

        var model = SmallStack.Run(() => Load(DmnTestData.Model(types.ToString())));

        Assert.IsTrue(model.Problems.Any(p => p.Contains("type references", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Evaluate_DecisionIteratingHugeRange_NullNamingTheLimit()
    {
        var model = Load(DmnTestData.Model(Decision("<literalExpression><text>for i in 1..10000000 return i</text></literalExpression>")));

        var (result, allocated) = SmallStack.Measure(() => model.Evaluate("d", new Dictionary<string, object?>()));

        Assert.IsNull(result.Value);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Contains("MaxListLength", StringComparison.Ordinal)));
        Assert.IsLessThan(SmallStack.AllocationCap, allocated);
    }

    [TestMethod]
    public void Evaluate_BoxedIterationsOverLargeList_ChargedToTheBudget()
    {
        var inner = """<for iteratorVariable="j"><in><literalExpression><text>l</text></literalExpression></in><return><literalExpression><text>j</text></literalExpression></return></for>""";
        var outer = $"""<context><contextEntry><variable name="l"/><literalExpression><text>for i in 1..5000 return i</text></literalExpression></contextEntry><contextEntry><for iteratorVariable="i"><in><literalExpression><text>l</text></literalExpression></in><return>{inner}</return></for></contextEntry></context>""";
        var model = Load(DmnTestData.Model(Decision(outer)));

        var result = SmallStack.Run(() => model.Evaluate("d", new Dictionary<string, object?>()));

        Assert.IsNull(result.Value, "an evaluation that ran out of iterations gives null");
        Assert.IsTrue(result.Diagnostics.Any(d => d.Contains("MaxIterations", StringComparison.Ordinal)));
    }

    private static string Decision(string expression) => $"""<decision id="d" name="d">{expression}</decision>""";

    /// <summary>A boxed context <paramref name="levels"/> deep whose innermost entry is 1, each level giving its entry's value.</summary>
    private static string NestedContext(int levels)
    {
        var expression = "<literalExpression><text>1</text></literalExpression>";
        for (var i = 0; i < levels; i++)
        {
            expression = $"""<context><contextEntry><variable name="a"/>{expression}</contextEntry><contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context>""";
        }

        return expression;
    }

    private static DmnModel Load(string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return DmnModel.Load(stream);
    }
}
