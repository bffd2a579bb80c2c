using System.Globalization;
using Tsunagu.Rules.Feel.Temporal;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Execution;

/// <summary>
/// Timer values (BPMN timeDate, timeDuration, timeCycle) as ISO 8601 text, or FEEL values: a duration is added to the
/// current time with calendar semantics (P3M is three calendar months), a date and time is absolute.
/// </summary>
internal static class Timers
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
}
