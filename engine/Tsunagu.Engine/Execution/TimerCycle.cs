using System.Globalization;
using System.Text.RegularExpressions;

namespace Tsunagu.Engine.Execution;

/// <summary>
/// A positive ISO 8601 duration split the way a calendar adds it: months (years are 12), days (weeks are 7), then
/// exact time. Added in the offset of the value it is added to, so a start written in +09:00 keeps its local time.
/// </summary>
internal readonly partial record struct IsoDuration(long Months, long Days, TimeSpan Time)
{
    public static bool TryParse(string text, out IsoDuration duration)
    {
        duration = default;
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        try
        {
            checked
            {
                var seconds = match.Groups["s"].Success ? decimal.Parse(match.Groups["s"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0m;
                var time = (Part(match, "h") * 3600m) + (Part(match, "mi") * 60m) + seconds;
                duration = new IsoDuration(
                    (Part(match, "y") * 12) + Part(match, "mo"),
                    (Part(match, "w") * 7) + Part(match, "d"),
                    TimeSpan.FromTicks((long)(time * TimeSpan.TicksPerSecond)));
            }
        }
        catch (OverflowException)
        {
            return false;
        }

        return duration.TryAddTimes(DateTimeOffset.UnixEpoch, 1, out var once) && once > DateTimeOffset.UnixEpoch;
    }

    /// <summary>The exact span from <paramref name="start"/> to <paramref name="end"/> (the interval of <c>R/start/end</c>).</summary>
    public static IsoDuration Between(DateTimeOffset start, DateTimeOffset end) => new(0, 0, end - start);

    /// <summary>
    /// <paramref name="at"/> plus <paramref name="times"/> of this duration, computed from <paramref name="at"/> at once rather than
    /// step by step, so P1M from 31 January is 31 March at the second step, not 28 March. False past the calendar's end.
    /// </summary>
    public bool TryAddTimes(DateTimeOffset at, long times, out DateTimeOffset result)
    {
        result = at;
        try
        {
            checked
            {
                var months = Months * times;
                if (months > 12 * 10_000)
                {
                    return false;
                }

                result = at.AddMonths((int)months).AddTicks(Days * times * TimeSpan.TicksPerDay).AddTicks(Time.Ticks * times);
                return true;
            }
        }
        catch (OverflowException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>Round-trips through <see cref="TryParse"/>; the form jobs store.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"P{Months}M{Days}DT{Time.Ticks / (decimal)TimeSpan.TicksPerSecond}S");

    private static long Part(Match match, string group) =>
        match.Groups[group].Success ? long.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^P(?=\d|T\d)(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?=\d)(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$")]
    private static partial Regex Pattern();
}

/// <summary>
/// One tick of a time cycle: tick number <see cref="Index"/> of the grid <see cref="Origin"/> + k × <see cref="Interval"/>,
/// with <see cref="Remaining"/> ticks left counting this one (null: unbounded) and none after <see cref="End"/>.
/// Ticks are counted on the grid, never from the firing time, so a late firing does not shift later ticks.
/// </summary>
internal readonly record struct CycleTick(DateTimeOffset Origin, int Index, int? Remaining, DateTimeOffset? End, IsoDuration Interval, DateTimeOffset Due)
{
    /// <summary>The first tick after <paramref name="now"/>: this firing stands for every tick missed while late, and they are used up.</summary>
    public bool TryNext(DateTimeOffset now, out CycleTick next) => TryFrom(Origin, Index + 1, Remaining - 1, End, Interval, now.AddTicks(1), out next);

    /// <summary>The first tick at or after <paramref name="now"/> from tick <paramref name="index"/> on, which has <paramref name="remaining"/> left.</summary>
    public static bool TryFrom(DateTimeOffset origin, int index, int? remaining, DateTimeOffset? end, IsoDuration interval, DateTimeOffset now, out CycleTick tick)
    {
        tick = default;
        if (remaining <= 0 || !TryFirstNotBefore(origin, interval, index, now, out var k, out var due))
        {
            return false;
        }

        var left = remaining - (k - index);
        if (left <= 0 || due > end)
        {
            return false;
        }

        tick = new CycleTick(origin, k, left, end, interval, due);
        return true;
    }

    /// <summary>Smallest k ≥ <paramref name="from"/> whose tick is not before <paramref name="now"/>: doubling, then halving (ticks only grow with k).</summary>
    private static bool TryFirstNotBefore(DateTimeOffset origin, IsoDuration interval, int from, DateTimeOffset now, out int index, out DateTimeOffset due)
    {
        index = from;
        if (!interval.TryAddTimes(origin, from, out due))
        {
            return false;
        }

        long low = from, high = from, step = 1;
        while (due < now)
        {
            low = high + 1;
            high += step;
            step *= 2;
            if (high > int.MaxValue || !interval.TryAddTimes(origin, high, out due))
            {
                return false;
            }
        }

        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (interval.TryAddTimes(origin, middle, out var at) && at >= now)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        index = (int)high;
        return interval.TryAddTimes(origin, high, out due);
    }
}

/// <summary>
/// A BPMN timeCycle: an ISO 8601 repeating interval <c>R[n]/duration</c>, <c>R[n]/start/duration</c>,
/// <c>R[n]/duration/end</c> or <c>R[n]/start/end</c>. See ADR 0018 for where the ticks fall.
/// </summary>
internal sealed record TimerCycle(int? Repetitions, IsoDuration Interval, DateTimeOffset? Start, DateTimeOffset? End)
{
    /// <summary>False for anything that would never fire or fire without end: <c>R0</c>, a count past int, a zero or negative interval, an end not after the start.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TimerCycle? cycle)
    {
        cycle = null;
        var parts = text.Trim().Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R') || !TryCount(parts[0][1..], out var count))
        {
            return false;
        }

        if (parts.Length == 2)
        {
            return TryBuild(count, parts[1], null, null, out cycle);
        }

        var startIsDate = TryDate(parts[1], out var start);
        var endIsDate = TryDate(parts[2], out var end);
        if (startIsDate && endIsDate)
        {
            cycle = end > start ? new TimerCycle(count, IsoDuration.Between(start, end), start, null) : null;
            return cycle is not null;
        }

        return startIsDate ? TryBuild(count, parts[2], start, null, out cycle)
            : endIsDate && TryBuild(count, parts[1], null, end, out cycle);
    }

    /// <summary>The first tick due at or after <paramref name="now"/>: the start itself, or one interval from now without a start.</summary>
    public bool TryFirst(DateTimeOffset now, out CycleTick tick) => Start is { } start
        ? CycleTick.TryFrom(start, 0, Repetitions, End, Interval, now, out tick)
        : CycleTick.TryFrom(now, 1, Repetitions, End, Interval, now, out tick);

    private static bool TryBuild(int? count, string duration, DateTimeOffset? start, DateTimeOffset? end, out TimerCycle? cycle)
    {
        cycle = IsoDuration.TryParse(duration, out var interval) ? new TimerCycle(count, interval, start, end) : null;
        return cycle is not null;
    }

    private static bool TryCount(string digits, out int? count)
    {
        count = null;
        if (digits.Length == 0)
        {
            return true;
        }

        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n == 0)
        {
            return false;
        }

        count = n;
        return true;
    }

    /// <summary>An ISO 8601 date and time; one without an offset is UTC, as for timeDate.</summary>
    private static bool TryDate(string text, out DateTimeOffset at)
    {
        at = default;
        return text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }
}
