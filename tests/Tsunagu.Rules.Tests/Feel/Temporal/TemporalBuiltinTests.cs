using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Temporal;
using static Tsunagu.Rules.Tests.Feel.Temporal.TemporalTestValues;

namespace Tsunagu.Rules.Tests.Feel.Temporal;

[TestClass]
public sealed class TemporalBuiltinTests
{
    [TestMethod]
    public void Date_FromDateTimeWithZone_KeepsWallClockDate() =>
        Assert.AreEqual("2017-09-06", Call("date", Lit("2017-09-06T01:45:30@Asia/Dhaka"))?.ToString());

    [TestMethod]
    [DataRow("-2017", "1", "1", "-2017-01-01")]
    [DataRow("999999999", "12", "31", "999999999-12-31")]
    public void Date_FromParts_BuildsDate(string year, string month, string day, string expected) =>
        Assert.AreEqual(expected, Call("date", Num(year), Num(month), Num(day))?.ToString());

    [TestMethod]
    [DataRow("2017", "13", "31")]
    [DataRow("2017", "-8", "2")]
    [DataRow("-1000999999", "12", "1")]
    [DataRow("2017", "2", "29")]
    [DataRow("2017", "1.5", "1")]
    public void Date_InvalidParts_GivesNull(string year, string month, string day) =>
        Assert.IsNull(Call("date", Num(year), Num(month), Num(day)));

    [TestMethod]
    public void Date_WrongArgumentCountOrType_GivesNull()
    {
        Assert.IsNull(Call("date", Num("2017"), null));
        Assert.IsNull(Call("date", Num("1")));
        Assert.IsNull(Call("date", (object?)null));
    }

    [TestMethod]
    public void Date_NamedParts_BuildsDate() =>
        Assert.AreEqual("2017-08-30", CallNamed("date", ("year", Num("2017")), ("month", Num("8")), ("day", Num("30")))?.ToString());

    [TestMethod]
    [DataRow("2017-08-10T10:20:00-00:00", "10:20:00Z")]
    [DataRow("2017-08-10T10:20:00@Europe/Paris", "10:20:00@Europe/Paris")]
    [DataRow("2017-08-10", "00:00:00Z")]
    public void Time_FromDateOrDateTime_TakesTimeOfDay(string from, string expected) =>
        Assert.AreEqual(expected, Call("time", Lit(from))?.ToString());

    [TestMethod]
    [DataRow("-PT1H", "12:59:01.3-01:00")]
    [DataRow("PT0H", "12:59:01.3Z")]
    [DataRow("PT2H45M55S", "12:59:01.3+02:45:55")]
    [DataRow(null, "12:59:01.3")]
    public void Time_FromParts_AppliesOffset(string? offset, string expected) =>
        Assert.AreEqual(expected, Call("time", Num("12"), Num("59"), Num("01.3"), offset is null ? null : Lit(offset))?.ToString());

    [TestMethod]
    [DataRow("24", "59", "45")]
    [DataRow("23", "60", "45")]
    [DataRow("23", "59", "60")]
    [DataRow("-1", "59", "45")]
    public void Time_OutOfRangeParts_GivesNull(string hour, string minute, string second) =>
        Assert.IsNull(Call("time", Num(hour), Num(minute), Num(second), null));

    [TestMethod]
    public void Time_NamedPartsWithoutOffset_IsLocal() =>
        Assert.AreEqual("11:59:00", CallNamed("time", ("hour", Num("11")), ("minute", Num("59")), ("second", Num("0")))?.ToString());

    [TestMethod]
    public void DateAndTime_DateTimeAndZonedTime_CombinesWithTimeZone() =>
        Assert.AreEqual("2017-09-05T09:15:30+02:00", Call("date and time", Lit("2017-09-05T10:20:00"), Lit("09:15:30+02:00"))?.ToString());

    [TestMethod]
    public void DateAndTime_DateAndTimeString_Parses() =>
        Assert.AreEqual("2018-12-10T00:00:00", Call("date and time", "2018-12-10")?.ToString());

    [TestMethod]
    public void DateAndTime_TimeNotATime_GivesNull() => Assert.IsNull(Call("date and time", Lit("2017-09-05"), "10:00:00"));

    [TestMethod]
    public void Duration_StringForms_ParseOrNull()
    {
        Assert.AreEqual("P13DT2H14S", Call("duration", "P13DT2H14S")?.ToString());
        Assert.IsNull(Call("duration", Num("2017")));
        Assert.IsNull(Call("duration", ""));
    }

    [TestMethod]
    [DataRow("2011-12-22", "2013-08-24", "P1Y8M")]
    [DataRow("2013-08-24", "2011-12-22", "-P1Y8M")]
    [DataRow("2014-12-31T23:59:59", "2016-12-31T00:00:01", "P2Y")]
    [DataRow("-2016-01-30T09:05:00", "-2017-02-28T02:02:02", "-P11M")]
    [DataRow("2017-09-05T10:20:00-01:00", "-2019-10-01T12:32:59+02:00", "-P4035Y11M")]
    [DataRow("2017-02-28T23:59:59", "2019-07-23", "P2Y4M")]
    public void YearsAndMonthsDuration_TwoDates_CountsWholeMonths(string from, string to, string expected) =>
        Assert.AreEqual(expected, Call("years and months duration", Lit(from), Lit(to))?.ToString());

    [TestMethod]
    public void Now_FixedClock_CarriesLocalOffset()
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 3, 1, 0, 0, 30, TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        var context = new FeelEvaluationContext(clock);

        Assert.AreEqual("2024-03-01T09:00:30+09:00", Call(context, "now")?.ToString());
        Assert.AreEqual("2024-03-01", Call(context, "today")?.ToString());
    }

    [TestMethod]
    public void Today_ClockBeforeLocalMidnight_GivesLocalDate()
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 3, 1, 2, 0, 0, TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

        Assert.AreEqual("2024-02-29", Call(new FeelEvaluationContext(clock), "today")?.ToString());
    }

    [TestMethod]
    public void NowAndToday_WithArgument_GiveNull()
    {
        Assert.IsNull(Call("now", Num("123")));
        Assert.IsNull(Call("today", Num("123")));
    }

    [TestMethod]
    [DataRow("1970-01-01", "1", "Thursday", "January", "1")]
    [DataRow("2020-12-31T10:10:10", "366", "Thursday", "December", "53")]
    [DataRow("2019-09-17", "260", "Tuesday", "September", "38")]
    [DataRow("2003-12-29", "363", "Monday", "December", "1")]
    [DataRow("2005-01-01", "1", "Saturday", "January", "53")]
    [DataRow("2010-01-01", "1", "Friday", "January", "53")]
    public void CalendarFunctions_Date_GiveIsoCalendarFacts(string date, string dayOfYear, string dayOfWeek, string month, string week)
    {
        var value = Lit(date);
        Assert.AreEqual(Num(dayOfYear), Call("day of year", value));
        Assert.AreEqual(dayOfWeek, Call("day of week", value));
        Assert.AreEqual(month, Call("month of year", value));
        Assert.AreEqual(Num(week), Call("week of year", value));
    }

    [TestMethod]
    [DataRow("day of year")]
    [DataRow("day of week")]
    [DataRow("month of year")]
    [DataRow("week of year")]
    public void CalendarFunctions_NotADate_GiveNull(string name)
    {
        Assert.IsNull(Call(name, "foo"));
        Assert.IsNull(Call(name, (object?)null));
        Assert.IsNull(Call(name, Lit("1970-01-01"), Lit("1970-01-01")));
        Assert.IsNull(CallNamed(name, ("value", Lit("1970-01-01"))));
    }

    [TestMethod]
    public void Date_ErrorCase_ReportsDiagnostic()
    {
        var context = new FeelEvaluationContext();

        Assert.IsNull(Call(context, "date", "2017-13-10"));
        Assert.HasCount(1, context.Diagnostics);
    }

    [TestMethod]
    public void Time_FromLocalString_HasNoZone() => Assert.IsNull(((FeelTime)Call("time", "12:45:00")!).Zone);
}
