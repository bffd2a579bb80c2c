using Tsunagu.Rules.Feel.Temporal;

namespace Tsunagu.Rules.Tests.Feel.Temporal;

[TestClass]
public sealed class TemporalParsingTests
{
    [TestMethod]
    [DataRow("2017-08-10", "2017-08-10")]
    [DataRow("-0044-03-15", "-0044-03-15")]
    [DataRow("999999999-12-31", "999999999-12-31")]
    [DataRow("-999999999-12-31", "-999999999-12-31")]
    [DataRow("2020-02-29", "2020-02-29")]
    public void ParseDate_ValidText_RoundTrips(string text, string expected) =>
        Assert.AreEqual(expected, TemporalOps.ParseDate(text)?.ToString());

    [TestMethod]
    [DataRow("2017-02-30")]
    [DataRow("2019-02-29")]
    [DataRow("2017-13-10")]
    [DataRow("2017-12-32")]
    [DataRow("2017-1-1")]
    [DataRow("998-12-31")]
    [DataRow("01211-12-31")]
    [DataRow("9999999999-12-25")]
    [DataRow("+2012-12-02")]
    [DataRow("2012-12-25T")]
    [DataRow("2012/12/25")]
    [DataRow("")]
    public void ParseDate_InvalidText_ReturnsNull(string text) => Assert.IsNull(TemporalOps.ParseDate(text));

    [TestMethod]
    [DataRow("10:20:00", "10:20:00")]
    [DataRow("10:20:00.123", "10:20:00.123")]
    [DataRow("11:22:33.123456789", "11:22:33.123456789")]
    [DataRow("10:30:00.0000", "10:30:00")]
    [DataRow("10:20:00Z", "10:20:00Z")]
    [DataRow("11:22:33+00:00", "11:22:33Z")]
    [DataRow("11:22:33-00:00", "11:22:33Z")]
    [DataRow("13:20:00-05:00", "13:20:00-05:00")]
    [DataRow("00:01:00@Europe/Paris", "00:01:00@Europe/Paris")]
    [DataRow("24:00:00", "00:00:00")]
    public void ParseTime_ValidText_GivesFeelString(string text, string expected) =>
        Assert.AreEqual(expected, TemporalOps.ParseTime(text)?.ToString());

    [TestMethod]
    [DataRow("23:59:60")]
    [DataRow("24:00:01")]
    [DataRow("25:00:00")]
    [DataRow("00:60:00")]
    [DataRow("7:00:00")]
    [DataRow("07:01:2")]
    [DataRow("7:20")]
    [DataRow("13:20:00@xyz/abc")]
    [DataRow("13:20:00+19:00")]
    [DataRow("13:20:00+5:00")]
    [DataRow("13:20:00+02:00@Europe/Paris")]
    [DataRow("11:30:00T")]
    [DataRow("10:00:00.")]
    public void ParseTime_InvalidText_ReturnsNull(string text) => Assert.IsNull(TemporalOps.ParseTime(text));

    [TestMethod]
    [DataRow("2017-08-10T10:20:00@Europe/Paris", "2017-08-10T10:20:00@Europe/Paris")]
    [DataRow("2016-12-24T23:59:00-08:00", "2016-12-24T23:59:00-08:00")]
    [DataRow("2018-12-10", "2018-12-10T00:00:00")]
    [DataRow("2021-01-01T24:00:00", "2021-01-02T00:00:00")]
    [DataRow("-2021-01-01T10:10:10+11:00", "-2021-01-01T10:10:10+11:00")]
    public void ParseDateTime_ValidText_GivesFeelString(string text, string expected) =>
        Assert.AreEqual(expected, TemporalOps.ParseDateTime(text)?.ToString());

    [TestMethod]
    [DataRow("2012T-12-2511:00:00Z")]
    [DataRow("2017-02-30T10:00:00")]
    [DataRow("2017-08-10T")]
    public void ParseDateTime_InvalidText_ReturnsNull(string text) => Assert.IsNull(TemporalOps.ParseDateTime(text));

    [TestMethod]
    [DataRow("P1Y2M", "P1Y2M")]
    [DataRow("P0Y", "P0M")]
    [DataRow("P26M", "P2Y2M")]
    [DataRow("-P100M", "-P8Y4M")]
    [DataRow("P999999999M", "P83333333Y3M")]
    [DataRow("P0D", "PT0S")]
    [DataRow("PT0.S", "PT0S")]
    [DataRow("PT1000M0.999999999S", "PT16H40M0.999999999S")]
    [DataRow("PT24H", "P1D")]
    [DataRow("P2DT274M", "P2DT4H34M")]
    [DataRow("-PT1H2M", "-PT1H2M")]
    [DataRow("P1DT2H3M4.5S", "P1DT2H3M4.5S")]
    public void ParseDuration_ValidText_NormalisesLikeFeelString(string text, string expected) =>
        Assert.AreEqual(expected, TemporalOps.ParseDuration(text)?.ToString());

    [TestMethod]
    [DataRow("P")]
    [DataRow("P0")]
    [DataRow("1Y")]
    [DataRow("P1H")]
    [DataRow("P1S")]
    [DataRow("PT")]
    [DataRow("P1M1Y")]
    [DataRow("P1Y2D")]
    [DataRow("P1.5D")]
    [DataRow("")]
    public void ParseDuration_InvalidText_ReturnsNull(string text) => Assert.IsNull(TemporalOps.ParseDuration(text));

    [TestMethod]
    [DataRow("2019-03-31", "date")]
    [DataRow("2018-12-08T10:30:11@Australia/Melbourne", "date and time")]
    [DataRow("10:30:11+11:00", "time")]
    [DataRow("P10D", "days and time duration")]
    [DataRow("P10Y", "years and months duration")]
    public void ParseLiteral_EachForm_GivesMatchingType(string text, string type) =>
        Assert.AreEqual(type, TemporalOps.TypeName(TemporalOps.ParseLiteral(text)));

    [TestMethod]
    public void ParseLiteral_NotTemporal_ReturnsNull() => Assert.IsNull(TemporalOps.ParseLiteral("foo"));
}
