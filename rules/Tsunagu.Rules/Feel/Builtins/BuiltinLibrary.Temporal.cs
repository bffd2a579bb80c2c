using Tsunagu.Rules.Feel.Temporal;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>Temporal built-ins of DMN 1.5 §10.3.4.1 (conversion) and §10.3.4.12 (date and time functions).</summary>
internal static partial class BuiltinLibrary
{
    private static readonly string[] DayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    static partial void RegisterTemporal(Registry table)
    {
        table.Add("date", ["from"], (a, c) => a[0] switch
        {
            string s => TemporalOps.ParseDate(s) ?? c.Null($"date: \"{s}\" is not a valid date."),
            FeelDate d => d,
            FeelDateTime dt => dt.Date,
            _ => c.Null("date: from must be a string, date or date and time."),
        });
        table.Add("date", ["year", "month", "day"], (a, c) =>
            TryInteger(a[0], out var year) && TryInteger(a[1], out var month) && TryInteger(a[2], out var day)
            && month is >= 1 and <= 12 && day is >= 1 and <= 31 && FeelDate.Create(year, (int)month, (int)day) is { } date
                ? date
                : c.Null("date: year, month and day must be integers naming a valid date."));

        table.Add("time", ["from"], (a, c) => a[0] switch
        {
            string s => TemporalOps.ParseTime(s) ?? c.Null($"time: \"{s}\" is not a valid time."),
            FeelTime t => t,
            FeelDateTime dt => dt.Time,
            FeelDate => FeelTime.Create(0, FeelTimeZone.Utc),
            _ => c.Null("time: from must be a string, time, date or date and time."),
        });
        table.Add("time", ["hour", "minute", "second", "offset"], TimeFromParts, required: 3);

        table.Add("date and time", ["from"], (a, c) => a[0] switch
        {
            string s => TemporalOps.ParseDateTime(s) ?? c.Null($"date and time: \"{s}\" is not a valid date and time."),
            FeelDateTime dt => dt,
            _ => c.Null("date and time: from must be a string."),
        });
        table.Add("date and time", ["date", "time"], (a, c) => (DateOf(a[0]), a[1]) switch
        {
            ({ } date, FeelTime time) => FeelDateTime.Create(date, time),
            _ => c.Null("date and time: date must be a date or date and time, time a time."),
        });

        table.Add("duration", ["from"], (a, c) => a[0] is string s
            ? TemporalOps.ParseDuration(s) ?? c.Null($"duration: \"{s}\" is not a valid duration.")
            : c.Null("duration: from must be a string."));
        table.Add("years and months duration", ["from", "to"], (a, c) => (DateOf(a[0]), DateOf(a[1])) switch
        {
            ({ } from, { } to) => new YearsMonthsDuration(MonthsBetween(from, to)),
            _ => c.Null("years and months duration: from and to must be dates or dates and times."),
        });

        table.Add("now", [], (_, c) => Now(c));
        table.Add("today", [], (_, c) => Now(c).Date);

        AddDateFunction(table, "day of year", date => FeelNumber.FromInt64(date.DayOfYear));
        AddDateFunction(table, "day of week", date => DayNames[date.Weekday - 1]);
        AddDateFunction(table, "month of year", date => MonthNames[date.Month - 1]);
        AddDateFunction(table, "week of year", date => FeelNumber.FromInt64(date.IsoWeekOfYear));
    }

    private static void AddDateFunction(Registry table, string name, Func<FeelDate, object> body) =>
        table.Add(name, ["date"], (a, c) => DateOf(a[0]) is { } date ? body(date) : c.Null($"{name}: date must be a date or date and time."));

    private static object? TimeFromParts(object?[] a, FeelEvaluationContext c)
    {
        var zone = a.Length < 4 || a[3] is null ? null : a[3] is DaysTimeDuration offset ? OffsetZone(offset) : null;
        if (!TryInteger(a[0], out var hour) || !TryInteger(a[1], out var minute) || a[2] is not FeelNumber second
            || (a.Length == 4 && a[3] is not null && zone is null))
        {
            return c.Null("time: hour and minute must be integers, second a number and offset a days and time duration.");
        }

        var nanos = (second * FeelNumber.FromInt64(CalendarMath.NanosPerSecond)).Truncate();
        return hour is >= 0 and < 24 && minute is >= 0 and < 60 && nanos >= 0 && nanos < 60 * CalendarMath.NanosPerSecond
            ? FeelTime.Create((((hour * 60) + minute) * 60 * CalendarMath.NanosPerSecond) + (long)nanos, zone)
            : c.Null("time: hour, minute or second out of range.");
    }

    /// <summary>A whole-second offset within ±18 hours; a zero offset is UTC ("Z").</summary>
    private static FeelTimeZone? OffsetZone(DaysTimeDuration offset) =>
        offset.Nanoseconds == 0 && Int128.Abs(offset.TotalNanoseconds) <= (Int128)FeelTimeZone.MaxOffsetSeconds * CalendarMath.NanosPerSecond
            ? FeelTimeZone.FromOffset((int)(offset.TotalNanoseconds / CalendarMath.NanosPerSecond))
            : null;

    private static FeelDate? DateOf(object? value) => value switch
    {
        FeelDate d => d,
        FeelDateTime dt => dt.Date,
        _ => null,
    };

    /// <summary>Whole months from one date to another, a partial month not counting (as ISO periods do).</summary>
    private static long MonthsBetween(FeelDate from, FeelDate to)
    {
        var months = ((to.Year * 12) + to.Month) - ((from.Year * 12) + from.Month);
        var days = to.Day - from.Day;
        return months switch
        {
            > 0 when days < 0 => months - 1,
            < 0 when days > 0 => months + 1,
            _ => months,
        };
    }

    /// <summary>The clock's current instant with the offset of its local time zone.</summary>
    private static FeelDateTime Now(FeelEvaluationContext context)
    {
        var utc = context.Time.GetUtcNow();
        var local = utc.ToOffset(context.Time.LocalTimeZone.GetUtcOffset(utc));
        var date = FeelDate.Create(local.Year, local.Month, local.Day)!;
        var time = FeelTime.Create(local.TimeOfDay.Ticks * 100, FeelTimeZone.FromOffset((int)local.Offset.TotalSeconds))!;
        return FeelDateTime.Create(date, time);
    }

    /// <summary>An integral FEEL number that fits a long; fractions are rejected rather than truncated.</summary>
    private static bool TryInteger(object? value, out long result)
    {
        result = 0;
        return value is FeelNumber n && n.TryToInt64(out result) && n == FeelNumber.FromInt64(result);
    }
}
