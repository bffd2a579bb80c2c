using System.Diagnostics;
using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Feel;

/// <summary>FEEL evaluation through the public <see cref="FeelExpression"/> API: semantics, scoping, and null/error handling.</summary>
[TestClass]
public sealed class FeelCompilerTests
{
    [TestMethod]
    public void Evaluate_MultiWordVariable_ResolvesAgainstCompiledNames()
    {
        var expression = FeelExpression.Compile("Monthly Salary * 12", ["Monthly Salary"]);

        Assert.AreEqual("Monthly Salary", expression.Variables.Single());
        Assert.AreEqual("120000", Show(expression.Evaluate(Vars(("Monthly Salary", 10000)))));
    }

    [TestMethod]
    public void Evaluate_MissingVariable_IsNull() =>
        Assert.IsNull(FeelExpression.Compile("a", ["a"]).Evaluate(new Dictionary<string, object?>()));

    [TestMethod]
    [DataRow("1 + 2 * 3 ** 2", "19")]
    [DataRow("(1 + 2) * 3", "9")]
    [DataRow("10 - 4 - 3", "3")]
    [DataRow("2 ** 3 ** 2", "64")]
    [DataRow("-2 + 5", "3")]
    [DataRow("date and time(\"2024-01-01T10:30:00\").hour", "10")]
    [DataRow("@\"2024-02-29\" + @\"P1D\"", "2024-03-01")]
    [DataRow("\"a\" + \"b\"", "\"ab\"")]
    public void Evaluate_Arithmetic_FollowsPrecedence(string text, string expected) => AssertValue(text, expected);

    [TestMethod]
    [DataRow("not(true)", "false")]
    [DataRow("not(null)", "null")]
    [DataRow("true and null", "null")]
    [DataRow("false and null", "false")]
    [DataRow("null and false", "false")]
    [DataRow("true or null", "true")]
    [DataRow("null or true", "true")]
    [DataRow("false or null", "null")]
    [DataRow("true and \"yes\"", "null")]
    [DataRow("1 < 2 and 2 < 3 or false", "true")]
    public void Evaluate_Logic_IsThreeValued(string text, string expected) => AssertValue(text, expected);

    [TestMethod]
    [DataRow("5 between 1 and 10", "true")]
    [DataRow("10 between 1 and 10", "true")]
    [DataRow("11 between 1 and 10", "false")]
    [DataRow("\"b\" between \"a\" and \"c\"", "true")]
    [DataRow("5 between \"a\" and 10", "null")]
    public void Evaluate_Between_IsInclusive(string text, string expected) => AssertValue(text, expected);

    [TestMethod]
    [DataRow("5 in [1..10]", "true")]
    [DataRow("10 in [1..10)", "false")]
    [DataRow("5 in (< 3, > 4)", "true")]
    [DataRow("2 in [1, 2, 3]", "true")]
    [DataRow("4 in [1, 2, 3]", "false")]
    [DataRow("\"b\" in (\"a\", \"b\")", "true")]
    [DataRow("5 in >= 5", "true")]
    [DataRow("null in [1..10]", "null")]
    public void Evaluate_In_MatchesListsRangesAndUnaryTests(string text, string expected) => AssertValue(text, expected);

    [TestMethod]
    [DataRow("[1, 2] instance of list<number>", "true")]
    [DataRow("[1, \"a\"] instance of list<number>", "false")]
    [DataRow("{a: 1} instance of context<a: number>", "true")]
    [DataRow("{a: 1} instance of context<a: string>", "false")]
    [DataRow("[1..2] instance of range<number>", "true")]
    [DataRow("(function(x) x) instance of function<Any> -> Any", "true")]
    [DataRow("@\"P1Y\" instance of years and months duration", "true")]
    [DataRow("null instance of number", "false")]
    public void Evaluate_InstanceOf_ChecksGenericTypes(string text, string expected) => AssertValue(text, expected);

    [TestMethod]
    [DataRow("[1, 2, 3, 4][item > 2]", "[3, 4]")]
    [DataRow("[1, 2, 3][2]", "2")]
    [DataRow("[1, 2, 3][-1]", "3")]
    [DataRow("[{a: 1}, {a: 2}][a > 1]", "[{a: 2}]")]
    [DataRow("[{a: 1}, {a: 2}][item.a = 1]", "[{a: 1}]")]
    [DataRow("[{item: 5}, {item: 0}][item > 1]", "[{item: 5}]")]
    [DataRow("5[item > 1]", "[5]")]
    [DataRow("[1, 2][true]", "[1, 2]")]
    public void Evaluate_Filter_ByIndexOrPredicate(string text, string expected) => AssertValue(text, expected);

    [TestMethod]
    [DataRow("[{a: 1}, {a: 2}].a", "[1, 2]")]
    [DataRow("{a: {b: \"x\"}}.a.b", "\"x\"")]
    [DataRow("[1..5].end", "5")]
    public void Evaluate_Path_ProjectsOverLists(string text, string expected) => AssertValue(text, expected);

    [TestMethod]
    [DataRow("for i in 0..4 return if i = 0 then 1 else i * partial[-1]", "[1, 1, 2, 6, 24]")]
    [DataRow("for i in 3..1 return i", "[3, 2, 1]")]
    [DataRow("for x in [1, 2], y in [10, 20] return x + y", "[11, 21, 12, 22]")]
    [DataRow("for i in [1..3] return i * 2", "[2, 4, 6]")]
    [DataRow("for x in [] return x", "[]")]
    public void Evaluate_For_IteratesListsAndRanges(string text, string expected) => AssertValue(text, expected);

    [TestMethod]
    [DataRow("some x in [1, 2] satisfies x > 1", "true")]
    [DataRow("every x in [1, 2] satisfies x > 1", "false")]
    [DataRow("every x in [] satisfies false", "true")]
    [DataRow("some x in [1, 2], y in [3] satisfies x + y = 5", "true")]
    public void Evaluate_Quantifiers_DecideOverAllItems(string text, string expected) => AssertValue(text, expected);

    [TestMethod]
    [DataRow("{fact: function(n) if n <= 1 then 1 else n * fact(n - 1), r: fact(5)}.r", "120")]
    [DataRow("{add: function(a) function(b) a + b, add2: add(2), r: add2(3)}.r", "5")]
    [DataRow("(function(x: number) x * 2)(21)", "42")]
    [DataRow("{f: function(a, b) a - b, r: f(b: 1, a: 10)}.r", "9")]
    [DataRow("for f in [1, 2] return (function() f)()", "[1, 2]")]
    public void Evaluate_Functions_CloseOverTheirScope(string text, string expected) => AssertValue(text, expected);

    [TestMethod]
    public void Evaluate_ContextEntryNamedLikeOuterVariable_SeesTheOuterValue() =>
        Assert.AreEqual("{a: 6}", Show(FeelExpression.Compile("{a: a + 1}", ["a"]).Evaluate(Vars(("a", 5)))));

    [TestMethod]
    [DataRow("substring(string: \"hello\", start position: 2)", "\"ello\"")]
    [DataRow("substring(\"hello\", 2, 3)", "\"ell\"")]
    [DataRow("matches(\"123\", \"^\\d+$\")", "true")]
    [DataRow("string length(\"\\U01F600\")", "1")]
    [DataRow("range(\"[1..3)\") = [1..3)", "true")]
    public void Evaluate_BuiltinCalls_TakePositionalOrNamedArguments(string text, string expected) => AssertValue(text, expected);

    [TestMethod]
    [DataRow("1 + \"a\"")]
    [DataRow("10 / 0")]
    [DataRow("unknown name + 1")]
    [DataRow("{a: 1}.b")]
    [DataRow("[1, 2, 3][0]")]
    [DataRow("\"a\" < 1")]
    [DataRow("substring(\"abc\")")]
    [DataRow("substring(string: \"abc\", nonsense: 1)")]
    [DataRow("-@\"2021-01-01\"")]
    [DataRow("duration(\"P1Y\").days")]
    [DataRow("range(\"[3..1]\")")]
    [DataRow("(function(x: number) x)(\"a\")")]
    [DataRow("5(1)")]
    public void Evaluate_InvalidOperation_GivesNullWithDiagnostic(string text)
    {
        var context = new FeelEvaluationContext();

        var value = FeelExpression.Compile(text).Evaluate(new Dictionary<string, object?>(), context);

        Assert.IsNull(value, Show(value));
        Assert.IsNotEmpty(context.Diagnostics, $"no diagnostic for {text}");
    }

    [TestMethod]
    public void Compile_SyntaxError_ThrowsFeelSyntaxException()
    {
        var error = Assert.ThrowsExactly<FeelSyntaxException>(() => FeelExpression.Compile("1 + * 2"));

        Assert.AreEqual(4, error.Position);
    }

    [TestMethod]
    public void Evaluate_LongRange_CompletesQuickly()
    {
        var watch = Stopwatch.StartNew();

        AssertValue("count(for i in 1..200000 return i * 2)", "200000");

        Assert.IsLessThan(10_000, watch.ElapsedMilliseconds);
    }

    [TestMethod]
    public void Evaluate_RangeBeyondIterationLimit_GivesNullWithDiagnostic()
    {
        var context = new FeelEvaluationContext();

        Assert.IsNull(FeelExpression.Compile("for i in 1..100000000000 return i").Evaluate(new Dictionary<string, object?>(), context));
        Assert.IsNotEmpty(context.Diagnostics);
    }

    [TestMethod]
    public void Evaluate_SameExpressionFromManyThreads_GivesEachItsOwnResult()
    {
        var expression = FeelExpression.Compile("for i in 1..n return i * factor", ["n", "factor"]);

        var results = Enumerable.Range(1, 64).AsParallel().Select(k => (k, Show(expression.Evaluate(Vars(("n", 3), ("factor", k)))))).ToList();

        Assert.IsTrue(results.All(r => r.Item2 == $"[{r.k}, {r.k * 2}, {r.k * 3}]"), string.Join("; ", results));
    }

    private static void AssertValue(string text, string expected)
    {
        var context = new FeelEvaluationContext();
        var value = FeelExpression.Compile(text).Evaluate(new Dictionary<string, object?>(), context);
        Assert.AreEqual(expected, Show(value), $"{text} [{string.Join(" | ", context.Diagnostics)}]");
    }

    private static Dictionary<string, object?> Vars(params (string Name, int Value)[] values) =>
        values.ToDictionary(v => v.Name, v => (object?)FeelNumber.FromInt64(v.Value));

    /// <summary>FEEL text of a value, strings quoted, so each case states its expected value in one string.</summary>
    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        _ => FeelSemantics.ToFeelString(value),
    };
}
