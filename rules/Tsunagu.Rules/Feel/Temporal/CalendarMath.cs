namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>
/// Proleptic Gregorian arithmetic on day numbers (days since 1970-01-01) with astronomical year numbering
/// (year 0 = 1 BCE), valid far beyond DateTime's range (FEEL years reach ±999,999,999).
/// </summary>
internal static class CalendarMath
{
    public const long MinYear = -999_999_999;
    public const long MaxYear = 999_999_999;
    public const long NanosPerSecond = 1_000_000_000;
    public const long NanosPerDay = 86_400 * NanosPerSecond;

    // Days in one 400-year Gregorian cycle; the algorithm below works on whole cycles (Hinnant's days_from_civil).
    private const long DaysPerEra = 146_097;
    private const long EpochShift = 719_468;

    public static bool IsLeapYear(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    public static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    public static bool IsValidDate(long year, int month, int day) =>
        year is >= MinYear and <= MaxYear && month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);

    public static long ToDayNumber(long year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = FloorDiv(y, 400);
        var yearOfEra = y - (era * 400);
        var monthFromMarch = month > 2 ? month - 3 : month + 9;
        var dayOfYear = ((153 * monthFromMarch) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * DaysPerEra) + dayOfEra - EpochShift;
    }

    public static (long Year, int Month, int Day) FromDayNumber(long dayNumber)
    {
        var z = dayNumber + EpochShift;
        var era = FloorDiv(z, DaysPerEra);
        var dayOfEra = z - (era * DaysPerEra);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36524) - (dayOfEra / 146096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        var year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }

    /// <summary>ISO 8601 weekday: 1 = Monday … 7 = Sunday.</summary>
    public static int IsoWeekday(long dayNumber) => (int)FloorMod(dayNumber + 3, 7) + 1;

    public static int DayOfYear(long year, long dayNumber) => (int)(dayNumber - ToDayNumber(year, 1, 1)) + 1;

    /// <summary>ISO 8601 week number: week 1 holds the year's first Thursday.</summary>
    public static int IsoWeekOfYear(long dayNumber)
    {
        var thursday = dayNumber - IsoWeekday(dayNumber) + 4;
        var (weekYear, _, _) = FromDayNumber(thursday);
        return (int)((thursday - ToDayNumber(weekYear, 1, 1)) / 7) + 1;
    }

    /// <summary>Adds months, clamping the day to the end of the target month (Jan 31 + 1 month = Feb 28/29).</summary>
    public static (long Year, int Month, int Day) AddMonths(long year, int month, int day, long months)
    {
        var total = (year * 12) + (month - 1) + months;
        var newYear = FloorDiv(total, 12);
        var newMonth = (int)FloorMod(total, 12) + 1;
        return (newYear, newMonth, Math.Min(day, DaysInMonth(newYear, newMonth)));
    }

    public static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);

    public static long FloorMod(long a, long b) => a - (FloorDiv(a, b) * b);

    public static Int128 FloorDiv(Int128 a, Int128 b) => (a / b) - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);

    public static Int128 FloorMod(Int128 a, Int128 b) => a - (FloorDiv(a, b) * b);
}
