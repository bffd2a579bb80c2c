using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Feel;

[TestClass]
public sealed class NumericBuiltinTests
{
    [TestMethod]
    [DataRow("decimal", "1.5", "0", "2")]
    [DataRow("decimal", "2.5", "0", "2")]
    [DataRow("decimal", "-2.5", "0", "-2")]
    [DataRow("decimal", "0.515", "2", "0.52")]
    [DataRow("decimal", "65.123456", "6", "65.123456")]
    [DataRow("decimal", "0.3333333333333333333333333333333333", "2.5", "0.33")]
    [DataRow("floor", "-1.56", "1", "-1.6")]
    [DataRow("ceiling", "-1.56", "1", "-1.5")]
    [DataRow("round up", "5.5", "0", "6")]
    [DataRow("round up", "-5.5", "0", "-6")]
    [DataRow("round up", "1.121", "2", "1.13")]
    [DataRow("round down", "-5.5", "0", "-5")]
    [DataRow("round down", "-1.126", "2", "-1.12")]
    [DataRow("round half up", "5.5", "0", "6")]
    [DataRow("round half up", "-5.5", "0", "-6")]
    [DataRow("round half up", "-1.126", "2", "-1.13")]
    [DataRow("round half down", "5.5", "0", "5")]
    [DataRow("round half down", "-5.5", "0", "-5")]
    [DataRow("round half down", "-1.126", "2", "-1.13")]
    [DataRow("round half down", "1.121", "2", "1.12")]
    [DataRow("round up", "5.5", "6176", "5.5")]
    [DataRow("round half up", "1250", "-2", "1300")]
    public void Rounding_NumberAndScale_RoundsByMode(string function, string n, string scale, string expected)
    {
        var (result, _) = Call(function, N(n), N(scale));
        Assert.AreEqual(N(expected), result);
    }

    [TestMethod]
    [DataRow("floor", "1.5", "1")]
    [DataRow("floor", "-1.5", "-2")]
    [DataRow("floor", "0.3333", "0")]
    [DataRow("ceiling", "1.2", "2")]
    [DataRow("ceiling", "-1.5", "-1")]
    public void FloorCeiling_WithoutScale_RoundsToInteger(string function, string n, string expected)
    {
        var (result, _) = Call(function, N(n));
        Assert.AreEqual(N(expected), result);
    }

    [TestMethod]
    public void Decimal_NamedArguments_BindsByName()
    {
        Assert.IsTrue(BuiltinLibrary.TryGet("decimal", out var function));
        var context = new FeelEvaluationContext();
        var result = function.InvokeNamed([new("scale", N("3")), new("n", Divide("15", "7"))], context);
        Assert.AreEqual(N("2.143"), result);
        Assert.IsEmpty(context.Diagnostics);
    }

    [TestMethod]
    public void Floor_NamedScaleNull_ReturnsNullWithDiagnostic()
    {
        Assert.IsTrue(BuiltinLibrary.TryGet("floor", out var function));
        var context = new FeelEvaluationContext();
        Assert.AreEqual(N("1"), function.InvokeNamed([new("n", N("1.56"))], context));
        Assert.IsNull(function.InvokeNamed([new("n", N("1.56")), new("scale", null)], context));
        Assert.HasCount(1, context.Diagnostics);
    }

    [TestMethod]
    public void Modulo_NamedArguments_TakesDivisorSign()
    {
        Assert.IsTrue(BuiltinLibrary.TryGet("modulo", out var function));
        var context = new FeelEvaluationContext();
        Assert.AreEqual(N("-3.4"), function.InvokeNamed([new("dividend", N("10.1")), new("divisor", N("-4.5"))], context));
        Assert.IsNull(function.InvokeNamed([new("dividend", N("10")), new("foo", N("4"))], context));
    }

    [TestMethod]
    [DataRow("10", "4", "2")]
    [DataRow("-10", "4", "2")]
    [DataRow("10", "-4", "-2")]
    [DataRow("-12", "-5", "-2")]
    [DataRow("-10.1", "4.5", "3.4")]
    public void Modulo_Numbers_FloorSemantics(string dividend, string divisor, string expected)
    {
        var (result, _) = Call("modulo", N(dividend), N(divisor));
        Assert.AreEqual(N(expected), result);
    }

    [TestMethod]
    [DataRow("abs", "-1", "1")]
    [DataRow("abs", "0", "0")]
    [DataRow("sqrt", "16", "4")]
    [DataRow("sqrt", "2", "1.414213562373095048801688724209698")]
    [DataRow("exp", "0", "1")]
    [DataRow("log", "1", "0")]
    public void Unary_Numbers_Computes(string function, string n, string expected)
    {
        var (result, _) = Call(function, N(n));
        Assert.AreEqual(N(expected), result);
    }

    [TestMethod]
    public void ExpAndLog_TckValues_WithinTolerance()
    {
        Assert.AreEqual(54.59815003, ((FeelNumber)Call("exp", N("4")).Result!).ToDouble(), 1e-8);
        Assert.AreEqual(0.36787944, ((FeelNumber)Call("exp", N("-1")).Result!).ToDouble(), 1e-8);
        Assert.AreEqual(1.38629436, ((FeelNumber)Call("log", N("4")).Result!).ToDouble(), 1e-8);
    }

    [TestMethod]
    [DataRow("2", true)]
    [DataRow("-2", true)]
    [DataRow("0", true)]
    [DataRow("1", false)]
    [DataRow("-1", false)]
    [DataRow("1e40", true)]
    public void OddEven_Integers_AreComplementary(string n, bool even)
    {
        Assert.AreEqual(even, Call("even", N(n)).Result);
        Assert.AreEqual(!even, Call("odd", N(n)).Result);
    }

    [TestMethod]
    [DataRow("round up", "5.5", "1.1")]
    [DataRow("round up", "5.5", "-6112")]
    [DataRow("round down", "5.5", "6177")]
    [DataRow("decimal", "5.5", "6177")]
    [DataRow("floor", "5.5", "1e40")]
    public void Rounding_ScaleOutOfRangeOrFractional_ReturnsNullWithDiagnostic(string function, string n, string scale)
    {
        var (result, context) = Call(function, N(n), N(scale));
        Assert.IsNull(result);
        Assert.HasCount(1, context.Diagnostics);
        StringAssert.Contains(context.Diagnostics[0], "scale");
    }

    [TestMethod]
    [DataRow("abs", "-1")]
    [DataRow("sqrt", "4")]
    [DataRow("log", true)]
    [DataRow("exp", null)]
    [DataRow("even", "4")]
    [DataRow("floor", "1.5")]
    public void Unary_NonNumber_ReturnsNullWithDiagnostic(string function, object? argument)
    {
        var (result, context) = Call(function, argument);
        Assert.IsNull(result);
        Assert.HasCount(1, context.Diagnostics);
        StringAssert.Contains(context.Diagnostics[0], function);
    }

    [TestMethod]
    [DataRow("sqrt", "-1")]
    [DataRow("log", "0")]
    [DataRow("log", "-1")]
    [DataRow("exp", "100000")]
    [DataRow("odd", "1.5")]
    [DataRow("even", "0.5")]
    public void Unary_UndefinedForNumber_ReturnsNullWithDiagnostic(string function, string n)
    {
        var (result, context) = Call(function, N(n));
        Assert.IsNull(result);
        Assert.HasCount(1, context.Diagnostics);
    }

    [TestMethod]
    public void Modulo_InvalidArguments_ReturnsNullWithDiagnostic()
    {
        var (byZero, zeroContext) = Call("modulo", N("10"), N("0"));
        Assert.IsNull(byZero);
        StringAssert.Contains(zeroContext.Diagnostics[0], "zero");

        var (text, textContext) = Call("modulo", "10", N("4"));
        Assert.IsNull(text);
        StringAssert.Contains(textContext.Diagnostics[0], "dividend");
    }

    [TestMethod]
    [DataRow("abs", 2)]
    [DataRow("round up", 1)]
    [DataRow("floor", 3)]
    [DataRow("modulo", 1)]
    public void Invoke_WrongArity_ReturnsNullWithDiagnostic(string function, int count)
    {
        var (result, context) = Call(function, [.. Enumerable.Repeat<object?>(N("1"), count)]);
        Assert.IsNull(result);
        Assert.HasCount(1, context.Diagnostics);
    }

    private static (object? Result, FeelEvaluationContext Context) Call(string name, params object?[] args)
    {
        Assert.IsTrue(BuiltinLibrary.TryGet(name, out var function), name);
        var context = new FeelEvaluationContext();
        return (function.Invoke(args, context), context);
    }

    private static FeelNumber Divide(string a, string b) => FeelNumber.Divide(N(a), N(b))!.Value;

    private static FeelNumber N(string text) =>
        FeelNumber.TryParse(text, out var value) ? value : throw new FormatException(text);
}
