namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>
/// FEEL ordering of temporal values. Times and date-times compare at second resolution (the TCK's
/// time("10:30:00.0001") = time("10:30:00.0002") is true); zoned values by instant, local values by wall clock;
/// a local value and a zoned one are not comparable.
/// </summary>
internal static class TemporalComparer
{
    public static int? Compare(object left, object right) => (left, right) switch
    {
        (FeelDate a, FeelDate b) => a.DayNumber.CompareTo(b.DayNumber),
        (FeelTime a, FeelTime b) when (a.Zone is null) == (b.Zone is null) => Seconds(a).CompareTo(Seconds(b)),
        (FeelDateTime a, FeelDateTime b) when (a.Zone is null) == (b.Zone is null) => Seconds(a).CompareTo(Seconds(b)),
        (YearsMonthsDuration a, YearsMonthsDuration b) => a.TotalMonths.CompareTo(b.TotalMonths),
        (DaysTimeDuration a, DaysTimeDuration b) => a.TotalNanoseconds.CompareTo(b.TotalNanoseconds),
        _ => null,
    };

    /// <summary>A time on a common reference day: wall clock minus offset (a region's base offset).</summary>
    public static Int128 Nanoseconds(FeelTime time) =>
        time.NanoOfDay - ((Int128)(time.Zone?.OffsetSeconds ?? 0) * CalendarMath.NanosPerSecond);

    /// <summary>The instant of a zoned value, the wall clock of a local one.</summary>
    public static Int128 Nanoseconds(FeelDateTime value) => value.UtcNanoseconds ?? value.LocalNanoseconds;

    public static long Seconds(FeelTime time) => (long)CalendarMath.FloorDiv(Nanoseconds(time), CalendarMath.NanosPerSecond);

    public static long Seconds(FeelDateTime value) => (long)CalendarMath.FloorDiv(Nanoseconds(value), CalendarMath.NanosPerSecond);
}
