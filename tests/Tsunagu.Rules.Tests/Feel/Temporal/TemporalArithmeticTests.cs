using Tsunagu.Rules.Feel.Temporal;

namespace Tsunagu.Rules.Tests.Feel.Temporal;

[TestClass]
public sealed class TemporalArithmeticTests
{
    [TestMethod]
    [DataRow("2021-01-31", "P1M", "2021-02-28")]
    [DataRow("P1Y", "2021-01-01", "2022-01-01")]
    [DataRow("2021-01-01", "PT36H", "2021-01-02")]
    [DataRow("2021-01-01T10:10:10+11:00", "-P1M", "2020-12-01T10:10:10+11:00")]
    [DataRow("-2021-01-01T10:10:10+11:00", "-P1M", "-2022-12-01T10:10:10+11:00")]
    [DataRow("-2021-01-01T10:10:10@Australia/Melbourne", "-P1D", "-2022-12-31T10:10:10@Australia/Melbourne")]
    [DataRow("2021-01-12T10:10:10@Australia/Melbourne", "P1DT1H", "2021-01-13T11:10:10@Australia/Melbourne")]
    [DataRow("2021-01-01T24:00:00", "PT1S", "2021-01-02T00:00:01")]
    [DataRow("PT1H", "10:15:00", "11:15:00")]
    [DataRow("10:15:00+11:00", "P1D", "10:15:00+11:00")]
    [DataRow("23:30:00", "PT1H", "00:30:00")]
    [DataRow("P1Y", "-P2M", "P10M")]
    [DataRow("PT24H", "P1D", "P2D")]
    public void TryAdd_TemporalAndDuration_GivesSum(string left, string right, string expected)
    {
        Assert.IsTrue(TemporalOps.TryAdd(Parse(left), Parse(right), out var result));
        Assert.AreEqual(expected, result?.ToString());
    }

    [TestMethod]
    [DataRow("2021-01-01", "2021-01-01")]
    [DataRow("10:10:10", "P1Y")]
    [DataRow("P1D", "P1Y")]
    [DataRow("2021-01-01T10:10:10", "10:10:10")]
    public void TryAdd_InvalidTemporalCombination_GivesNull(string left, string right)
    {
        Assert.IsTrue(TemporalOps.TryAdd(Parse(left), Parse(right), out var result));
        Assert.IsNull(result);
    }

    [TestMethod]
    public void TryAdd_TemporalAndString_GivesNull()
    {
        Assert.IsTrue(TemporalOps.TryAdd(Parse("P1D"), "10", out var result));
        Assert.IsNull(result);
    }

    [TestMethod]
    public void TryAdd_NoTemporalOperand_IsNotHandled() => Assert.IsFalse(TemporalOps.TryAdd("a", "b", out _));

    [TestMethod]
    [DataRow("2016-12-24T23:59:00-08:00", "2015-12-24T00:00:01-01:00", "P367DT6H58M59S")]
    [DataRow("2021-01-02T10:10:10@Europe/Paris", "2021-01-01T10:10:10@Asia/Dhaka", "P1DT5H")]
    [DataRow("2021-01-02T10:10:10", "2021-01-01T10:10:10", "P1D")]
    [DataRow("2021-01-02T10:10:10+01:00", "2021-01-01", "P1DT9H10M10S")]
    [DataRow("2021-01-02", "2021-01-01T10:10:10+11:00", "P1DT49M50S")]
    [DataRow("2021-01-02", "1995-01-01", "P9498D")]
    [DataRow("2021-01-02", "PT25H", "2020-12-31")]
    [DataRow("2021-01-02", "-PT1H", "2021-01-02")]
    [DataRow("2020-03-01", "PT24H", "2020-02-29")]
    [DataRow("2021-01-02", "P1M", "2020-12-02")]
    [DataRow("2021-01-01T24:00:00", "-PT1S", "2021-01-02T00:00:01")]
    [DataRow("10:10:10", "11:10:10", "-PT1H")]
    [DataRow("10:10:10@Australia/Melbourne", "09:10:10@Australia/Melbourne", "PT1H")]
    [DataRow("10:10:10+11:00", "PT1H", "09:10:10+11:00")]
    [DataRow("-P1D", "PT2H", "-P1DT2H")]
    public void TrySubtract_TemporalOperands_GivesDifference(string left, string right, string expected)
    {
        Assert.IsTrue(TemporalOps.TrySubtract(Parse(left), Parse(right), out var result));
        Assert.AreEqual(expected, result?.ToString());
    }

    [TestMethod]
    [DataRow("2021-01-02T10:10:10@Europe/Paris", "2021-01-01T10:10:10")]
    [DataRow("2021-01-02T10:10:10", "2021-01-01T10:10:10+02:00")]
    [DataRow("2021-01-01T00:00:00", "2021-01-02")]
    [DataRow("2021-01-02", "2021-01-01T10:10:10")]
    [DataRow("10:10:10", "10:10:10Z")]
    [DataRow("P1D", "2021-01-01")]
    public void TrySubtract_LocalAgainstZonedOrReversed_GivesNull(string left, string right)
    {
        Assert.IsTrue(TemporalOps.TrySubtract(Parse(left), Parse(right), out var result));
        Assert.IsNull(result);
    }

    [TestMethod]
    public void TryAdd_BeyondYearRange_GivesNull()
    {
        Assert.IsTrue(TemporalOps.TryAdd(Parse("999999999-12-31"), Parse("P1D"), out var result));
        Assert.IsNull(result);
    }

    [TestMethod]
    public void NegateAndAbs_Durations_FlipAndDropSign()
    {
        Assert.AreEqual("-P1Y", ((YearsMonthsDuration)Parse("P1Y")).Negate().ToString());
        Assert.AreEqual("P1Y", ((YearsMonthsDuration)Parse("-P1Y")).Abs().ToString());
        Assert.AreEqual("P1D", ((DaysTimeDuration)Parse("-P1D")).Negate().ToString());
        Assert.AreEqual("PT1H", ((DaysTimeDuration)Parse("-PT1H")).Abs().ToString());
    }

    private static object Parse(string text) => TemporalOps.ParseLiteral(text) ?? throw new AssertFailedException($"unparsable {text}");
}
