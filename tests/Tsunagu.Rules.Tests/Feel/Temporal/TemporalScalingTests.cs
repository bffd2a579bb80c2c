using Tsunagu.Rules.Feel.Temporal;
using Tsunagu.Rules.Feel.Values;
using static Tsunagu.Rules.Tests.Feel.Temporal.TemporalTestValues;

namespace Tsunagu.Rules.Tests.Feel.Temporal;

[TestClass]
public sealed class TemporalScalingTests
{
    [TestMethod]
    [DataRow("P4DT1H", "1.5", "P6DT1H30M")]
    [DataRow("PT23H", "2.5", "P2DT9H30M")]
    [DataRow("-P1D", "-10", "P10D")]
    [DataRow("P1Y11M", "-2.5", "-P4Y9M")]
    [DataRow("P2M", "1.5", "P3M")]
    [DataRow("P1M", "0", "P0M")]
    public void TryMultiply_DurationByNumber_TruncatesToUnit(string duration, string factor, string expected)
    {
        Assert.IsTrue(TemporalOps.TryMultiply(Lit(duration), Num(factor), out var left));
        Assert.IsTrue(TemporalOps.TryMultiply(Num(factor), Lit(duration), out var right));
        Assert.AreEqual(expected, left?.ToString());
        Assert.AreEqual(expected, right?.ToString());
    }

    [TestMethod]
    [DataRow("P10DT23H", "2.5", "P4DT9H12M")]
    [DataRow("P10Y11M", "2.5", "P4Y4M")]
    [DataRow("P10Y11M", "-2.5", "-P4Y4M")]
    [DataRow("PT1S", "3", "PT0.333333333S")]
    public void TryDivide_DurationByNumber_TruncatesToUnit(string duration, string divisor, string expected)
    {
        Assert.IsTrue(TemporalOps.TryDivide(Lit(duration), Num(divisor), out var result));
        Assert.AreEqual(expected, result?.ToString());
    }

    [TestMethod]
    [DataRow("P10Y", "P5Y", "2")]
    [DataRow("P10D", "P5D", "2")]
    [DataRow("PT1H", "PT40M", "1.5")]
    public void TryDivide_DurationBySameKind_GivesNumber(string left, string right, string expected)
    {
        Assert.IsTrue(TemporalOps.TryDivide(Lit(left), Lit(right), out var result));
        Assert.AreEqual(Num(expected), result);
    }

    [TestMethod]
    [DataRow("P10Y", "0")]
    [DataRow("P10D", "0")]
    public void TryDivide_ByZero_GivesNull(string duration, string divisor)
    {
        Assert.IsTrue(TemporalOps.TryDivide(Lit(duration), Num(divisor), out var result));
        Assert.IsNull(result);
    }

    [TestMethod]
    [DataRow("P10D", "P0D")]
    [DataRow("P10D", "P0Y")]
    [DataRow("10:10:10", "P1D")]
    [DataRow("2021-01-01", "10")]
    public void TryDivideOrMultiply_InvalidTemporalCombination_GivesNull(string left, string right)
    {
        object rightValue = right == "10" ? Num(right) : Lit(right);
        Assert.IsTrue(TemporalOps.TryDivide(Lit(left), rightValue, out var quotient));
        Assert.IsTrue(TemporalOps.TryMultiply(Lit(left), rightValue, out var product));
        Assert.IsNull(quotient);
        Assert.IsNull(product);
    }

    [TestMethod]
    public void TryDivide_NumberByDuration_GivesNull()
    {
        Assert.IsTrue(TemporalOps.TryDivide(Num("10"), Lit("P1D"), out var result));
        Assert.IsNull(result);
    }

    [TestMethod]
    public void TryMultiply_TwoNumbers_IsNotHandled() =>
        Assert.IsFalse(TemporalOps.TryMultiply(FeelNumber.FromInt64(2), FeelNumber.FromInt64(3), out _));
}
