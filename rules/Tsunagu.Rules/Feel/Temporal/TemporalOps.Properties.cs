using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>Path expressions on temporal values (DMN 1.5 §10.3.2.7, "properties of temporal values").</summary>
public static partial class TemporalOps
{
    /// <summary>
    /// Properties such as year, month, day, weekday, hour, minute, second, time offset, timezone, years, months, days, hours, minutes, seconds.
    /// Numbers are integers (second drops its fraction); "time offset" is a days and time duration; "timezone" the IANA id.
    /// A property the type lacks, or an absent offset/zone, gives null.
    /// </summary>
    public static bool TryGetProperty(object value, string name, out object? result)
    {
        result = value switch
        {
            FeelDate date => DateProperty(date, name),
            FeelTime time => TimeProperty(time, time.Zone?.OffsetSeconds, name),
            FeelDateTime dateTime => DateProperty(dateTime.Date, name) ?? TimeProperty(dateTime.Time, dateTime.OffsetSeconds, name),
            YearsMonthsDuration m => name switch
            {
                "years" => Number(m.Years),
                "months" => Number(m.Months),
                _ => null,
            },
            DaysTimeDuration d => name switch
            {
                "days" => Number(d.Days),
                "hours" => Number(d.Hours),
                "minutes" => Number(d.Minutes),
                "seconds" => Number(d.Seconds),
                _ => null,
            },
            _ => null,
        };
        return IsTemporal(value);
    }

    private static object? DateProperty(FeelDate date, string name) => name switch
    {
        "year" => Number(date.Year),
        "month" => Number(date.Month),
        "day" => Number(date.Day),
        "weekday" => Number(date.Weekday),
        _ => null,
    };

    private static object? TimeProperty(FeelTime time, int? offsetSeconds, string name) => name switch
    {
        "hour" => Number(time.Hour),
        "minute" => Number(time.Minute),
        "second" => Number(time.Second),
        "time offset" => offsetSeconds is int offset ? DaysTimeDuration.FromSeconds(offset) : null,
        "timezone" => time.Zone?.Id,
        _ => null,
    };

    private static FeelNumber Number(long value) => FeelNumber.FromInt64(value);
}
