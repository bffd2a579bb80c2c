using Tsunagu.Rules.Feel.Temporal;
using static Tsunagu.Rules.Tests.Feel.Temporal.TemporalTestValues;

namespace Tsunagu.Rules.Tests.Feel.Temporal;

[TestClass]
public sealed class TemporalCalendarTests
{
    [TestMethod]
    public void Create_DatesWithinDateOnlyRange_AgreeWithDateOnlyDayNumbers()
    {
        var epoch = new DateOnly(1970, 1, 1).DayNumber;
        for (var day = DateOnly.MinValue; day < DateOnly.MaxValue.AddDays(-997); day = day.AddDays(997))
        {
            var date = FeelDate.Create(day.Year, day.Month, day.Day)!;
            Assert.AreEqual(day.DayNumber - epoch, date.DayNumber);
            Assert.AreEqual(((int)day.DayOfWeek + 6) % 7 + 1, date.Weekday);
        }
    }

    [TestMethod]
    [DataRow(-999_999_999L)]
    [DataRow(-4L)]
    [DataRow(0L)]
    [DataRow(999_999_999L)]
    public void FromDayNumber_FarYears_RoundTrips(long year)
    {
        var date = FeelDate.Create(year, 2, 28)!;
        var next = FeelDate.FromDayNumber(date.DayNumber + 1)!;

        Assert.AreEqual(year % 4 == 0 ? 29 : 1, next.Day);
        Assert.AreEqual(date.ToString(), FeelDate.FromDayNumber(date.DayNumber)!.ToString());
    }

    [TestMethod]
    public void TimeOffset_AmbiguousLocalTime_TakesEarlierInstant()
    {
        Assert.IsTrue(TemporalOps.TryGetProperty(Lit("2021-10-31T02:30:00@Europe/Paris"), "time offset", out var offset));
        Assert.AreEqual("PT2H", offset?.ToString());
    }

    [TestMethod]
    public void TryAdd_AcrossDaylightSavingEnd_AddsElapsedTime()
    {
        Assert.IsTrue(TemporalOps.TryAdd(Lit("2021-10-31T01:30:00@Europe/Paris"), Lit("PT2H"), out var result));
        Assert.AreEqual("2021-10-31T02:30:00@Europe/Paris", result?.ToString());
    }
}
