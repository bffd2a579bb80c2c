using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>Path expressions on temporal values (DMN 1.5 §10.3.2.7, "properties of temporal values").</summary>
public static partial class TemporalOps
{
    /// <summary>Marks a property name the value's type does not define (distinct from a defined property that is null).</summary>
    private static readonly object Missing = new();

    /// <summary>
    /// Properties such as year, month, day, weekday, hour, minute, second, time offset, timezone, years, months, days, hours, minutes, seconds.
    /// Numbers are integers (second drops its fraction); "time offset" is a days and time duration; "timezone" the IANA id.
    /// An absent offset/zone gives null; a property the type does not have gives false (an error for the caller).
    /// </summary>
    public static bool TryGetProperty(object value, string name, out object? result)
    {
        var property = value switch
        {
            FeelDate date => DateProperty(date, name),
            FeelTime time => TimeProperty(time, time.Zone?.OffsetSeconds, name),
            FeelDateTime dateTime => DateProperty(dateTime.Date, name) is var p && p != Missing ? p : TimeProperty(dateTime.Time, dateTime.OffsetSeconds, name),
            YearsMonthsDuration m => name switch
            {
                "years" => Number(m.Years),
                "months" => Number(m.Months),
                _ => Missing,
            },
            DaysTimeDuration d => name switch
            {
                "days" => Number(d.Days),
                "hours" => Number(d.Hours),
                "minutes" => Number(d.Minutes),
                "seconds" => Number(d.Seconds),
                _ => Missing,
            },
            _ => Missing,
        };
        result = property == Missing ? null : property;
        return property != Missing;
    }

    private static object? DateProperty(FeelDate date, string name) => name switch
    {
        "year" => Number(date.Year),
        "month" => Number(date.Month),
        "day" => Number(date.Day),
        "weekday" => Number(date.Weekday),
        _ => Missing,
    };

    private static object? TimeProperty(FeelTime time, int? offsetSeconds, string name) => name switch
    {
        "hour" => Number(time.Hour),
        "minute" => Number(time.Minute),
        "second" => Number(time.Second),
        "time offset" => offsetSeconds is int offset ? DaysTimeDuration.FromSeconds(offset) : null,
        "timezone" => time.Zone?.Id,
        _ => Missing,
    };

    private static FeelNumber Number(long value) => FeelNumber.FromInt64(value);
}
