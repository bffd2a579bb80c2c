using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Hostile;

/// <summary>
/// FEEL written to exhaust the stack, memory or time (the probe that crashed the host): long chains evaluate or are
/// refused with a typed error, and evaluation stops at its budget with null and a diagnostic naming the limit.
/// </summary>
[TestClass]
public sealed class HostileFeelTests
{
    private const int Terms = 50_000;

    [TestMethod]
    public void Evaluate_FiftyThousandTermSum_GivesTheSum()
    {
        var (value, _) = Evaluate(Chain("1", "+", Terms));

        Assert.AreEqual(FeelNumber.FromInt64(Terms), value);
    }

    [TestMethod]
    public void Evaluate_LongMixedArithmeticChain_KeepsPrecedence()
    {
        var (value, _) = Evaluate(Chain("2*3-5", "+", Terms));

        Assert.AreEqual(FeelNumber.FromInt64(Terms), value);
    }

    [TestMethod]
    public void Evaluate_LongPathChain_Completes()
    {
        var text = "[{a: 1}]" + string.Concat(Enumerable.Repeat(".a", Terms));

        var (value, diagnostics) = Evaluate(text);

        // A path over a list maps its items: [{a: 1}].a is [1], then [1].a is [null] (a number has no 'a'), and so on.
        Assert.AreEqual(new FeelList([null]), value);
        Assert.IsTrue(diagnostics.Any(d => d.Contains("has no property 'a'", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Evaluate_LongFilterChain_SelectsTheItem()
    {
        var (value, _) = Evaluate("[7]" + string.Concat(Enumerable.Repeat("[1]", Terms)));

        Assert.AreEqual(FeelNumber.FromInt64(7), value);
    }

    [TestMethod]
    public void Evaluate_LongAndChain_GivesTrue()
    {
        var (value, _) = Evaluate(Chain("true", " and ", Terms));

        Assert.IsTrue(value is true);
    }

    [TestMethod]
    public void Evaluate_LongOrChainDecidedLast_GivesTrue()
    {
        var (value, _) = Evaluate(Chain("false", " or ", Terms) + " or true");

        Assert.IsTrue(value is true);
    }

    [TestMethod]
    public void Evaluate_LongComparisonChain_Completes()
    {
        // (((1 = 1) = true) = true)…: every link compares a boolean with true.
        var (value, _) = Evaluate("1 = 1" + string.Concat(Enumerable.Repeat(" = true", Terms)));

        Assert.IsTrue(value is true);
    }

    [TestMethod]
    public void Compile_LongInChain_ThrowsSyntaxError()
    {
        var text = "true" + string.Concat(Enumerable.Repeat(" in true", Terms));

        var error = Assert.ThrowsExactly<FeelSyntaxException>(() => SmallStack.Run(() => FeelExpression.Compile(text)));

        StringAssert.Contains(error.Message, "nests more than");
    }

    [TestMethod]
    [DataRow("{a: ", "}", DisplayName = "contexts")]
    [DataRow("[", "]", DisplayName = "lists")]
    [DataRow("f(", ")", DisplayName = "calls")]
    [DataRow("if true then ", " else 0", DisplayName = "ifs")]
    [DataRow("< ", "", DisplayName = "unary comparisons")]
    public void Compile_DeepNesting_ThrowsSyntaxError(string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));

        var error = Assert.ThrowsExactly<FeelSyntaxException>(() => SmallStack.Run(() => FeelExpression.Compile(text, ["f"])));

        StringAssert.Contains(error.Message, "nests more than");
    }

    [TestMethod]
    public void Compile_DeeplyNestedType_ThrowsSyntaxError()
    {
        var text = "1 instance of " + string.Concat(Enumerable.Repeat("list<", 100_000)) + "number" + new string('>', 100_000);

        var error = Assert.ThrowsExactly<FeelSyntaxException>(() => SmallStack.Run(() => FeelExpression.Compile(text)));

        StringAssert.Contains(error.Message, "nests more than");
    }

    [TestMethod]
    public void Evaluate_NestingWithinLimits_StillWorks()
    {
        var brackets = new string('(', 150) + "1" + new string(')', 150);
        var lists = new string('[', 150) + "1" + new string(']', 150);

        var (value, _) = Evaluate($"{brackets} + count(flatten({lists}))");

        Assert.AreEqual(FeelNumber.FromInt64(2), value);
    }

    [TestMethod]
    public void Evaluate_WideContext_CompilesWithoutQuadraticAllocation()
    {
        var entries = string.Join(", ", Enumerable.Range(0, 20_000).Select(i => $"a{i}: {i}"));

        var ((value, _), allocated) = SmallStack.Measure(() => EvaluateHere($"{{{entries}}}.a19999"));

        Assert.AreEqual(FeelNumber.FromInt64(19_999), value);
        Assert.IsLessThan(SmallStack.AllocationCap, allocated);
    }

    [TestMethod]
    public void Evaluate_DeepRecursionThroughDeepBodies_StaysWithinTheStack()
    {
        // Calls as deep as allowed, each body nested almost as deep as the parser allows: the worst stack a model can ask for.
        var body = string.Concat(Enumerable.Repeat("1 + (", 180)) + "f(n - 1)" + new string(')', 180);

        var (value, diagnostics) = Evaluate($"{{f: function(n) if n = 0 then 0 else {body}, r: f(195)}}.r");

        // Whether 1 MiB holds it all depends on the JIT's frame sizes; what matters is the answer or a refusal, never a crash.
        if (value is not null)
        {
            Assert.AreEqual(FeelNumber.FromInt64(195 * 180), value);
        }
        else
        {
            Assert.IsTrue(diagnostics.Any(d => d.Contains("too deeply for the stack", StringComparison.Ordinal)), string.Join("; ", diagnostics.Take(3)));
        }
    }

    [TestMethod]
    public void Evaluate_ForOverHugeRange_RefusedBeforeAllocating()
    {
        AssertRefused("for i in 1..10000000 return i * 2", "MaxListLength");
    }

    [TestMethod]
    public void Evaluate_ForOverHugeRangeValue_RefusedBeforeAllocating()
    {
        AssertRefused("for i in [1..9223372036854775807] return i", "MaxListLength");
    }

    [TestMethod]
    public void Evaluate_NestedForBeyondIterationBudget_GivesNullNamingTheLimit()
    {
        AssertRefused("for i in 1..1000, j in 1..1000, k in 1..1000 return 1", "MaxIterations", limits: new FeelEvaluationLimits { MaxIterations = 100_000 });
    }

    [TestMethod]
    public void Evaluate_NestedForWithDefaults_StopsAtTheDefaultBudget()
    {
        var (value, diagnostics) = Evaluate("count(for i in 1..1000, j in 1..1000, k in 1..1000 return 1)");

        Assert.IsNull(value);
        Assert.IsTrue(diagnostics.Any(d => d.Contains($"more than {FeelEvaluationLimits.Default.MaxIterations} iterations", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Evaluate_BudgetSpent_LaterEvaluationsUnaffected()
    {
        var expression = FeelExpression.Compile("sum(for i in 1..n return 1)", ["n"]);
        var spent = new FeelEvaluationContext();
        Assert.IsNull(expression.Evaluate(new Dictionary<string, object?> { ["n"] = FeelNumber.FromInt64(5_000_000) }, spent));

        var fresh = new FeelEvaluationContext();
        var value = expression.Evaluate(new Dictionary<string, object?> { ["n"] = FeelNumber.FromInt64(500_000) }, fresh);

        Assert.AreEqual(FeelNumber.FromInt64(500_000), value);
        Assert.IsEmpty(fresh.Diagnostics);
    }

    [TestMethod]
    public void Evaluate_ListLimitConfigured_AppliesExactly()
    {
        var limits = new FeelEvaluationLimits { MaxListLength = 10 };

        Assert.AreEqual(10, ((FeelList)Evaluate("for i in 1..10 return i", limits: limits).Value!).Count);
        Assert.IsNull(Evaluate("for i in 1..11 return i", limits: limits).Value);
        Assert.IsNull(Evaluate("concatenate([1,2,3,4,5,6], [7,8,9,10,11])", limits: limits).Value);
    }

    [TestMethod]
    public void Evaluate_SlowEvaluation_StopsAtTheTimeLimit()
    {
        var context = new FeelEvaluationContext(new SecondPerReadClock(), new FeelEvaluationLimits { MaxDuration = TimeSpan.FromSeconds(30) });

        var value = FeelExpression.Compile("for i in 1..100000 return i").Evaluate(new Dictionary<string, object?>(), context);

        Assert.IsNull(value);
        Assert.IsTrue(context.Diagnostics.Any(d => d.Contains("MaxDuration", StringComparison.Ordinal)), string.Join("; ", context.Diagnostics));
    }

    [TestMethod]
    public void Evaluate_StringJoinOfRepeatedLongString_GivesNullNamingTheLimit()
    {
        AssertRefused("string join(for i in 1..100000 return s)", "MaxStringLength", new() { ["s"] = new string('x', 10_000) });
    }

    [TestMethod]
    public void Evaluate_ReplaceMultiplyingItsInput_GivesNullNamingTheLimit()
    {
        AssertRefused("replace(s, \"x\", r)", "MaxStringLength", new() { ["s"] = new string('x', 100_000), ["r"] = new string('y', 100_000) });
    }

    [TestMethod]
    public void Evaluate_StringDoubling_GivesNullNamingTheLimit()
    {
        var entries = string.Join(", ", Enumerable.Range(1, 40).Select(i => $"s{i}: s{i - 1} + s{i - 1}"));

        AssertRefused($"{{s0: \"xxxxxxxxxx\", {entries}}}.s40", "MaxStringLength");
    }

    [TestMethod]
    public void Evaluate_ListDoubling_GivesNullNamingTheLimit()
    {
        var entries = string.Join(", ", Enumerable.Range(1, 40).Select(i => $"l{i}: concatenate(l{i - 1}, l{i - 1})"));

        AssertRefused($"{{l0: [1,2,3,4,5,6,7,8,9,10], {entries}}}.l40", "limit Max");
    }

    [TestMethod]
    public void Evaluate_FlattenOfDeeplyNestedPartials_RefusedWithoutExhaustingTheStack()
    {
        // Each result holds the results before it: nesting as deep as the loop, items exponential in it.
        AssertRefused("flatten(for i in 1..100000 return partial)", "limit Max");
    }

    [TestMethod]
    public void Evaluate_StringOfSharedPartials_GivesNullNamingTheLimit()
    {
        // Printed in full, item i repeats every item before it: 2^40 characters.
        AssertRefused("string(for i in 1..40 return partial)", "MaxStringLength");
    }

    [TestMethod]
    public void Evaluate_DeeplyNestedPartialsComparedWithThemselves_DoesNotExhaustTheStack()
    {
        var (value, _) = Evaluate("{l: for i in 1..100000 return partial, same: l = l, printed: string(l)}");

        var context = (FeelContext)value!;
        Assert.IsTrue(context.TryGet("same", out var same) && same is true);
        Assert.IsTrue(context.TryGet("printed", out var printed) && printed is null);
    }

    [TestMethod]
    public void Evaluate_DistinctValuesOfLargeList_ChargedForItsComparisons()
    {
        AssertRefused("distinct values(for i in 1..100000 return i)", "MaxIterations");
    }

    [TestMethod]
    [DataRow("some x in [1, 2] satisfies x")]
    [DataRow("every x in [1, 2] satisfies \"yes\"")]
    [DataRow("some x in [1, 2] satisfies if x = 2 then true else null")]
    [DataRow("every x in [1, 2] satisfies if x = 1 then false else 7")]
    public void Evaluate_QuantifierSatisfiesNonBoolean_GivesNullWithDiagnostic(string text)
    {
        var (value, diagnostics) = Evaluate(text);

        Assert.IsNull(value);
        Assert.IsTrue(diagnostics.Any(d => d.Contains("must give a boolean", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("some x in [1, 2] satisfies x > 1", true)]
    [DataRow("some x in [1, 2] satisfies x > 2", false)]
    [DataRow("every x in [1, 2] satisfies x > 0", true)]
    [DataRow("every x in [1, 2] satisfies x > 1", false)]
    public void Evaluate_QuantifierSatisfiesBoolean_Decides(string text, bool expected)
    {
        var (value, diagnostics) = Evaluate(text);

        Assert.AreEqual(expected, value);
        Assert.IsEmpty(diagnostics);
    }

    /// <summary>Evaluates on a small stack: null, a diagnostic containing <paramref name="expected"/>, and little allocated.</summary>
    private static void AssertRefused(string text, string expected, Dictionary<string, object?>? variables = null, FeelEvaluationLimits? limits = null)
    {
        var ((value, diagnostics), allocated) = SmallStack.Measure(() => EvaluateHere(text, variables, limits));

        Assert.IsNull(value);
        Assert.IsTrue(diagnostics.Any(d => d.Contains(expected, StringComparison.Ordinal)), string.Join("; ", diagnostics.Take(5)));
        Assert.IsLessThan(SmallStack.AllocationCap, allocated);
    }

    private static string Chain(string term, string op, int count) => string.Join(op, Enumerable.Repeat(term, count));

    private static (object? Value, IReadOnlyList<string> Diagnostics) Evaluate(string text, Dictionary<string, object?>? variables = null, FeelEvaluationLimits? limits = null) =>
        SmallStack.Run(() => EvaluateHere(text, variables, limits));

    private static (object? Value, IReadOnlyList<string> Diagnostics) EvaluateHere(string text, Dictionary<string, object?>? variables = null, FeelEvaluationLimits? limits = null)
    {
        variables ??= [];
        var context = new FeelEvaluationContext(limits: limits);
        var value = FeelExpression.Compile(text, variables.Keys).Evaluate(variables, context);
        return (value, context.Diagnostics);
    }

    /// <summary>A clock that moves a second every time it is read: any loop that reads it runs out of time.</summary>
    private sealed class SecondPerReadClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks += TimeSpan.TicksPerSecond;
    }
}
