using System.Text;

namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>A FEEL date and time: a date, a time of day, and the time's zone (none, fixed offset or IANA region).</summary>
public sealed class FeelDateTime : IEquatable<FeelDateTime>
{
    private FeelDateTime(FeelDate date, FeelTime time)
    {
        Date = date;
        Time = time;
    }

    public FeelDate Date { get; }

    /// <summary>The time of day, carrying the zone.</summary>
    public FeelTime Time { get; }

    public FeelTimeZone? Zone => Time.Zone;

    /// <summary>Nanoseconds since 1970-01-01T00:00:00 of the wall-clock fields, ignoring the zone.</summary>
    public Int128 LocalNanoseconds => ((Int128)Date.DayNumber * CalendarMath.NanosPerDay) + Time.NanoOfDay;

    /// <summary>Offset in force at this date and time; null for a local value.</summary>
    public int? OffsetSeconds => Zone?.OffsetForLocal(Date.DayNumber, Time.NanoOfDay);

    /// <summary>Nanoseconds since the Unix epoch of the instant; null for a local value.</summary>
    public Int128? UtcNanoseconds => OffsetSeconds is int offset ? LocalNanoseconds - ((Int128)offset * CalendarMath.NanosPerSecond) : null;

    public static FeelDateTime Create(FeelDate date, FeelTime time) => new(date, time);

    /// <summary>Midnight of <paramref name="date"/> in <paramref name="zone"/> (null: local).</summary>
    public static FeelDateTime AtMidnight(FeelDate date, FeelTimeZone? zone) => new(date, FeelTime.Create(0, zone)!);

    /// <summary>From wall-clock nanoseconds since the epoch; null when the date leaves FEEL's range.</summary>
    public static FeelDateTime? FromLocalNanoseconds(Int128 localNanoseconds, FeelTimeZone? zone)
    {
        var day = CalendarMath.FloorDiv(localNanoseconds, CalendarMath.NanosPerDay);
        if (day < long.MinValue / 2 || day > long.MaxValue / 2)
        {
            return null;
        }

        var date = FeelDate.FromDayNumber((long)day);
        return date is null ? null : new FeelDateTime(date, FeelTime.Create((long)(localNanoseconds - (day * CalendarMath.NanosPerDay)), zone)!);
    }

    /// <summary>The wall-clock value of an instant in <paramref name="zone"/>.</summary>
    public static FeelDateTime? FromUtcNanoseconds(Int128 utcNanoseconds, FeelTimeZone zone)
    {
        var day = CalendarMath.FloorDiv(utcNanoseconds, CalendarMath.NanosPerDay);
        if (day < long.MinValue / 2 || day > long.MaxValue / 2)
        {
            return null;
        }

        var offset = zone.OffsetForUtc((long)day, (long)(utcNanoseconds - (day * CalendarMath.NanosPerDay)));
        return FromLocalNanoseconds(utcNanoseconds + ((Int128)offset * CalendarMath.NanosPerSecond), zone);
    }

    /// <summary>Adds an exact duration: on the timeline for a region zone, on the wall clock otherwise.</summary>
    public FeelDateTime? Plus(Int128 nanoseconds) =>
        Zone is { IsRegion: true } zone
            ? FromUtcNanoseconds(UtcNanoseconds!.Value + nanoseconds, zone)
            : FromLocalNanoseconds(LocalNanoseconds + nanoseconds, Zone);

    /// <summary>Adds calendar months to the date, keeping the wall-clock time and zone.</summary>
    public FeelDateTime? AddMonths(long months) => Date.AddMonths(months) is { } date ? new FeelDateTime(date, Time) : null;

    /// <summary>FEEL equality (same instant, or same wall clock when both are local, at second resolution).</summary>
    public bool Equals(FeelDateTime? other) => other is not null && TemporalOps.Equal(this, other) == true;

    public override bool Equals(object? obj) => Equals(obj as FeelDateTime);

    public override int GetHashCode() => HashCode.Combine(Zone is null, TemporalComparer.Seconds(this));

    /// <summary>"2017-08-10T10:20:00", "2017-08-10T10:20:00+01:00", "2017-08-10T10:20:00@Europe/Paris".</summary>
    public override string ToString() => Time.AppendTo(new StringBuilder(Date.ToString()).Append('T')).ToString();
}
