using Tsunagu.Rules.Feel.Temporal;
using static Tsunagu.Rules.Tests.Feel.Temporal.TemporalTestValues;

namespace Tsunagu.Rules.Tests.Feel.Temporal;

[TestClass]
public sealed class TemporalPropertyTests
{
    [TestMethod]
    [DataRow("2018-12-10", "year", "2018")]
    [DataRow("2018-12-10", "weekday", "1")]
    [DataRow("-0044-03-15", "year", "-44")]
    [DataRow("2018-12-10T10:30:01", "day", "10")]
    [DataRow("2018-12-10T10:30:01", "minute", "30")]
    [DataRow("12:59:01.3-01:00", "second", "1")]
    [DataRow("-P1Y2M", "years", "-1")]
    [DataRow("-P1Y2M", "months", "-2")]
    [DataRow("P13DT2H14S", "seconds", "14")]
    [DataRow("-P1DT2H", "hours", "-2")]
    [DataRow("PT2H", "days", "0")]
    public void TryGetProperty_NumericProperty_GivesInteger(string value, string name, string expected)
    {
        Assert.IsTrue(TemporalOps.TryGetProperty(Lit(value), name, out var result));
        Assert.AreEqual(Num(expected), result);
    }

    [TestMethod]
    [DataRow("2018-12-10T10:30:00+05:00", "PT5H")]
    [DataRow("00:00:01-01:00", "-PT1H")]
    [DataRow("2018-07-01T10:30:00@Europe/Paris", "PT2H")]
    [DataRow("2018-01-01T10:30:00@Europe/Paris", "PT1H")]
    public void TryGetProperty_TimeOffset_GivesDuration(string value, string expected)
    {
        Assert.IsTrue(TemporalOps.TryGetProperty(Lit(value), "time offset", out var result));
        Assert.AreEqual(expected, result?.ToString());
    }

    [TestMethod]
    public void TryGetProperty_Timezone_GivesRegionId()
    {
        Assert.IsTrue(TemporalOps.TryGetProperty(Lit("2018-12-10T10:30:00@Etc/UTC"), "timezone", out var result));
        Assert.AreEqual("Etc/UTC", result);
    }

    [TestMethod]
    [DataRow("2018-12-10T10:30:00", "time offset")]
    [DataRow("10:30:00", "timezone")]
    public void TryGetProperty_AbsentValue_GivesNull(string value, string name)
    {
        Assert.IsTrue(TemporalOps.TryGetProperty(Lit(value), name, out var result));
        Assert.IsNull(result);
    }

    [TestMethod]
    [DataRow("P1Y", "days")]
    [DataRow("P1D", "months")]
    [DataRow("2018-12-10", "hour")]
    [DataRow("2018-12-10", "nonsense")]
    public void TryGetProperty_PropertyTheTypeLacks_IsNotHandled(string value, string name) =>
        Assert.IsFalse(TemporalOps.TryGetProperty(Lit(value), name, out _));

    [TestMethod]
    public void TryGetProperty_NotTemporal_IsNotHandled() => Assert.IsFalse(TemporalOps.TryGetProperty("text", "year", out _));
}
