using Tsunagu.Rules.Feel.Temporal;

namespace Tsunagu.Rules.Tests.Feel.Temporal;

[TestClass]
public sealed class TemporalComparisonTests
{
    [TestMethod]
    [DataRow("10:30:00Z", "10:30:00+00:00")]
    [DataRow("10:30:00.0001", "10:30:00.0002")]
    [DataRow("2018-10-08T00:00:00+02:00", "2018-10-08T00:00:00@Europe/Paris")]
    [DataRow("2002-04-02T12:00:00@Australia/Melbourne", "2002-04-02T12:00:00@Australia/Sydney")]
    [DataRow("2002-04-02T23:00:00-04:00", "2002-04-03T02:00:00-01:00")]
    [DataRow("P1D", "PT24H")]
    [DataRow("P1Y", "P12M")]
    [DataRow("P0D", "-P0D")]
    public void Equal_SameValueDifferentSpelling_IsTrue(string left, string right) =>
        Assert.IsTrue(TemporalOps.Equal(Parse(left), Parse(right)));

    [TestMethod]
    [DataRow("2018-12-08T00:00:00@Europe/Paris", "2018-12-08T00:00:00@Asia/Dhaka")]
    [DataRow("P1D", "-P1D")]
    [DataRow("10:31:00", "10:30:00")]
    public void Equal_DifferentValues_IsFalse(string left, string right) =>
        Assert.IsFalse(TemporalOps.Equal(Parse(left), Parse(right)));

    [TestMethod]
    [DataRow("P1Y", "P365D")]
    [DataRow("2018-12-08", "10:00:00")]
    [DataRow("2018-12-08T10:00:00", "2018-12-08T10:00:00Z")]
    [DataRow("10:00:00", "10:00:00+01:00")]
    public void Compare_IncomparableValues_IsNull(string left, string right) =>
        Assert.IsNull(TemporalOps.Compare(Parse(left), Parse(right)));

    [TestMethod]
    [DataRow("2018-12-09", "2018-12-08")]
    [DataRow("-0001-01-01", "-0002-12-31")]
    [DataRow("2018-07-31T17:13:00Z", "2018-07-30T16:12:00Z")]
    [DataRow("2018-12-08T12:00:00+01:00", "2018-12-08T12:00:00+02:00")]
    [DataRow("10:00:00+01:00", "10:00:00+02:00")]
    [DataRow("P2Y", "P23M")]
    [DataRow("PT0.5S", "PT0S")]
    public void Compare_LaterOrLonger_IsPositive(string left, string right) =>
        Assert.AreEqual(1, TemporalOps.Compare(Parse(left), Parse(right)));

    [TestMethod]
    public void Equal_DateOnlyDateTimeAndMidnight_IsTrue() =>
        Assert.IsTrue(TemporalOps.Equal(TemporalOps.ParseDateTime("2018-12-08")!, TemporalOps.ParseDateTime("2018-12-08T00:00:00")!));

    [TestMethod]
    public void Equals_FeelEqualDateTimes_AgreeOnHashCode()
    {
        var paris = TemporalOps.ParseDateTime("2018-10-08T00:00:00@Europe/Paris")!;
        var offset = TemporalOps.ParseDateTime("2018-10-08T00:00:00+02:00")!;

        Assert.AreEqual(paris, offset);
        Assert.AreEqual(paris.GetHashCode(), offset.GetHashCode());
    }

    private static object Parse(string text) => TemporalOps.ParseLiteral(text) ?? throw new AssertFailedException($"unparsable {text}");
}
