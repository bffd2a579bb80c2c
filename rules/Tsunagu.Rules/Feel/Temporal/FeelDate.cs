using System.Globalization;

namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>A FEEL date: proleptic Gregorian, astronomical years −999,999,999…999,999,999, no zone.</summary>
public sealed class FeelDate : IEquatable<FeelDate>
{
    private static readonly long MinDayNumber = CalendarMath.ToDayNumber(CalendarMath.MinYear, 1, 1);
    private static readonly long MaxDayNumber = CalendarMath.ToDayNumber(CalendarMath.MaxYear, 12, 31);

    private FeelDate(long dayNumber, long year, int month, int day)
    {
        DayNumber = dayNumber;
        Year = year;
        Month = month;
        Day = day;
    }

    /// <summary>Days since 1970-01-01.</summary>
    public long DayNumber { get; }

    public long Year { get; }

    public int Month { get; }

    public int Day { get; }

    /// <summary>ISO weekday, 1 = Monday … 7 = Sunday.</summary>
    public int Weekday => CalendarMath.IsoWeekday(DayNumber);

    public int DayOfYear => CalendarMath.DayOfYear(Year, DayNumber);

    public int IsoWeekOfYear => CalendarMath.IsoWeekOfYear(DayNumber);

    /// <summary>Null when the fields do not name a real date in FEEL's year range (e.g. 2017-02-30).</summary>
    public static FeelDate? Create(long year, int month, int day) =>
        CalendarMath.IsValidDate(year, month, day) ? new FeelDate(CalendarMath.ToDayNumber(year, month, day), year, month, day) : null;

    /// <summary>Null when the day lies outside FEEL's year range.</summary>
    public static FeelDate? FromDayNumber(long dayNumber)
    {
        if (dayNumber < MinDayNumber || dayNumber > MaxDayNumber)
        {
            return null;
        }

        var (year, month, day) = CalendarMath.FromDayNumber(dayNumber);
        return new FeelDate(dayNumber, year, month, day);
    }

    /// <summary>Adds whole months, clamping the day to the month's end; null when out of range.</summary>
    public FeelDate? AddMonths(long months)
    {
        if (Math.Abs(months) > (CalendarMath.MaxYear - CalendarMath.MinYear + 1) * 12)
        {
            return null;
        }

        var (year, month, day) = CalendarMath.AddMonths(Year, Month, Day, months);
        return Create(year, month, day);
    }

    public bool Equals(FeelDate? other) => other is not null && DayNumber == other.DayNumber;

    public override bool Equals(object? obj) => Equals(obj as FeelDate);

    public override int GetHashCode() => DayNumber.GetHashCode();

    /// <summary>"2017-08-10", "-0044-03-15", "999999999-12-31".</summary>
    public override string ToString()
    {
        var year = Math.Abs(Year).ToString("0000", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{(Year < 0 ? "-" : "")}{year}-{Month:00}-{Day:00}");
    }
}
