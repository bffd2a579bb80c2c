using System.Globalization;
using System.Numerics;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>
/// The arithmetic tables of DMN 1.5 §10.3.2.7 for temporal operands. Where a date meets a date and time it
/// stands for its midnight UTC (so a date minus a local date and time is null, as in the TCK).
/// </summary>
public static partial class TemporalOps
{
    /// <summary>False when the operand types are not a temporal combination; otherwise <paramref name="result"/> is the sum or null when invalid.</summary>
    public static bool TryAdd(object left, object right, out object? result)
    {
        result = null;
        if (!IsTemporal(left) && !IsTemporal(right))
        {
            return false;
        }

        result = IsDuration(left) && !IsDuration(right) ? Shift(right, left, 1) : Shift(left, right, 1);
        return true;
    }

    /// <summary>False when the operand types are not a temporal combination; otherwise <paramref name="result"/> is the difference or null when invalid.</summary>
    public static bool TrySubtract(object left, object right, out object? result)
    {
        result = null;
        if (!IsTemporal(left) && !IsTemporal(right))
        {
            return false;
        }

        result = (left, right) switch
        {
            (FeelDate a, FeelDate b) => new DaysTimeDuration((Int128)(a.DayNumber - b.DayNumber) * CalendarMath.NanosPerDay),
            (FeelDate a, FeelDateTime b) => Between(FeelDateTime.AtMidnight(a, FeelTimeZone.Utc), b),
            (FeelDateTime a, FeelDate b) => Between(a, FeelDateTime.AtMidnight(b, FeelTimeZone.Utc)),
            (FeelDateTime a, FeelDateTime b) => Between(a, b),
            (FeelTime a, FeelTime b) when (a.Zone is null) == (b.Zone is null) =>
                new DaysTimeDuration(TemporalComparer.Nanoseconds(a) - TemporalComparer.Nanoseconds(b)),
            _ => Shift(left, right, -1),
        };
        return true;
    }

    /// <summary>duration × number, number × duration.</summary>
    public static bool TryMultiply(object left, object right, out object? result)
    {
        result = null;
        if (!IsTemporal(left) && !IsTemporal(right))
        {
            return false;
        }

        result = (left, right) switch
        {
            (_, FeelNumber n) => Scale(left, n, divide: false),
            (FeelNumber n, _) => Scale(right, n, divide: false),
            _ => null,
        };
        return true;
    }

    /// <summary>duration ÷ number, duration ÷ duration (same kind → number).</summary>
    public static bool TryDivide(object left, object right, out object? result)
    {
        result = null;
        if (!IsTemporal(left) && !IsTemporal(right))
        {
            return false;
        }

        result = (left, right) switch
        {
            (_, FeelNumber n) => Scale(left, n, divide: true),
            (YearsMonthsDuration a, YearsMonthsDuration b) => FeelNumber.Divide(FeelNumber.FromInt64(a.TotalMonths), FeelNumber.FromInt64(b.TotalMonths)),
            (DaysTimeDuration a, DaysTimeDuration b) when ToNumber(a.TotalNanoseconds) is { } x && ToNumber(b.TotalNanoseconds) is { } y => FeelNumber.Divide(x, y),
            _ => null,
        };
        return true;
    }

    private static bool IsDuration(object value) => value is YearsMonthsDuration or DaysTimeDuration;

    /// <summary>temporal ± duration and duration ± duration of one kind; <paramref name="sign"/> is +1 or −1.</summary>
    private static object? Shift(object value, object duration, int sign) => (value, duration) switch
    {
        (FeelDate d, YearsMonthsDuration m) => d.AddMonths(sign * m.TotalMonths),
        (FeelDate d, DaysTimeDuration t) => DateAfter(d, sign * t.TotalNanoseconds),
        (FeelDateTime d, YearsMonthsDuration m) => d.AddMonths(sign * m.TotalMonths),
        (FeelDateTime d, DaysTimeDuration t) => d.Plus(sign * t.TotalNanoseconds),
        (FeelTime d, DaysTimeDuration t) => d.Plus(sign * t.TotalNanoseconds),
        (YearsMonthsDuration a, YearsMonthsDuration b) => Months((Int128)a.TotalMonths + (sign * (Int128)b.TotalMonths)),
        (DaysTimeDuration a, DaysTimeDuration b) => new DaysTimeDuration(a.TotalNanoseconds + (sign * b.TotalNanoseconds)),
        _ => null,
    };

    /// <summary>The date of midnight UTC plus an exact duration: partial days count toward the earlier date.</summary>
    private static FeelDate? DateAfter(FeelDate date, Int128 nanoseconds)
    {
        var days = CalendarMath.FloorDiv(nanoseconds, CalendarMath.NanosPerDay);
        return Int128.Abs(days) > long.MaxValue / 4 ? null : FeelDate.FromDayNumber(date.DayNumber + (long)days);
    }

    private static DaysTimeDuration? Between(FeelDateTime a, FeelDateTime b)
    {
        if ((a.Zone is null) != (b.Zone is null))
        {
            return null;
        }

        return new DaysTimeDuration(TemporalComparer.Nanoseconds(a) - TemporalComparer.Nanoseconds(b));
    }

    /// <summary>duration × n or duration ÷ n, truncated toward zero to whole months or nanoseconds.</summary>
    private static object? Scale(object duration, FeelNumber factor, bool divide)
    {
        FeelNumber? Apply(FeelNumber amount) => divide ? FeelNumber.Divide(amount, factor) : amount * factor;

        return duration switch
        {
            YearsMonthsDuration m when Apply(FeelNumber.FromInt64(m.TotalMonths)) is { } v => Months(v.Truncate()),
            DaysTimeDuration t when ToNumber(t.TotalNanoseconds) is { } n && Apply(n) is { } v => Nanoseconds(v.Truncate()),
            _ => null,
        };
    }

    private static YearsMonthsDuration? Months(Int128 months) =>
        months < long.MinValue || months > long.MaxValue ? null : new YearsMonthsDuration((long)months);

    private static YearsMonthsDuration? Months(BigInteger months) =>
        months < long.MinValue || months > long.MaxValue ? null : new YearsMonthsDuration((long)months);

    private static DaysTimeDuration? Nanoseconds(BigInteger nanoseconds) =>
        nanoseconds < Int128.MinValue || nanoseconds > Int128.MaxValue ? null : new DaysTimeDuration((Int128)nanoseconds);

    // Through text, since FeelNumber has no Int128 factory and totals can exceed a long.
    private static FeelNumber? ToNumber(Int128 value) =>
        FeelNumber.TryParse(value.ToString(CultureInfo.InvariantCulture), out var number) ? number : null;
}
