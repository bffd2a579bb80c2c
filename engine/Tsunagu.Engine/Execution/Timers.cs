using System.Globalization;
using System.Text.RegularExpressions;
using Tsunagu.Rules.Feel.Temporal;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Execution;

/// <summary>
/// Timer values (BPMN timeDate, timeDuration, timeCycle) as ISO 8601 text, or FEEL values: a duration is added to the
/// current time with calendar semantics (P3M is three calendar months), a date and time is absolute.
/// </summary>
internal static partial class Timers
{
    /// <summary>A due time from a duration (<c>PT10S</c>, <c>P3M</c>) counted from <paramref name="now"/>.</summary>
    public static bool TryParseDuration(string text, DateTimeOffset now, out DateTimeOffset due) => TryDue(TemporalOps.ParseDuration(text.Trim()), now, out due);

    /// <summary>A due time from a FEEL value: a duration from now, a date and time, or an ISO string of either.</summary>
    public static bool TryDue(object? value, DateTimeOffset now, out DateTimeOffset due)
    {
        due = default;
        switch (value)
        {
            case string s:
                var parsed = TemporalOps.ParseDuration(s.Trim()) ?? TemporalOps.ParseDateTime(s.Trim());
                return parsed is not null && TryDue(parsed, now, out due);
            case FeelDateTime dateTime:
                // A value with an offset or zone is an instant; a local one is taken as UTC.
                var ticks = (dateTime.UtcNanoseconds ?? dateTime.LocalNanoseconds) / 100;
                if (ticks < (DateTimeOffset.MinValue - DateTimeOffset.UnixEpoch).Ticks || ticks > (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks)
                {
                    return false;
                }

                due = DateTimeOffset.UnixEpoch.AddTicks((long)ticks);
                return true;
            case YearsMonthsDuration or DaysTimeDuration:
                var start = TemporalOps.ParseDateTime(now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                return start is not null && TemporalOps.TryAdd(start, value, out var sum) && sum is FeelDateTime end && TryDue(end, now, out due);
            default:
                return false;
        }
    }

    /// <summary>
    /// An ISO 8601 repeating interval <c>R[n]/duration</c> (optionally <c>R[n]/start/duration</c>): repetitions (null =
    /// unbounded) and the interval. <c>R0</c>, a count too large for an int and a zero or negative interval are refused:
    /// they would never fire or fire without end.
    /// </summary>
    public static bool TryParseCycle(string text, out int? repetitions, out string interval)
    {
        var match = CyclePattern().Match(text.Trim());
        repetitions = null;
        interval = "";
        if (!match.Success)
        {
            return false;
        }

        if (match.Groups["n"].Success)
        {
            if (!int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count == 0)
            {
                return false;
            }

            repetitions = count;
        }

        interval = match.Groups["d"].Value;
        return TryNext(interval, DateTimeOffset.UnixEpoch, out _);
    }

    /// <summary>The tick after <paramref name="previous"/>: false unless the interval moves time forward.</summary>
    public static bool TryNext(string interval, DateTimeOffset previous, out DateTimeOffset next) =>
        TryParseDuration(interval, previous, out next) && next > previous;

    [GeneratedRegex(@"^R(?<n>\d+)?/(?:[^/]+/)?(?<d>-?P[^/]+)$")]
    private static partial Regex CyclePattern();
}
