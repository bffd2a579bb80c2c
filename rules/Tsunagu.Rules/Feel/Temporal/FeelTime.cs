using System.Globalization;
using System.Text;

namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>A FEEL time of day with nanosecond precision: local (no zone), with a fixed offset, or in an IANA region.</summary>
public sealed class FeelTime : IEquatable<FeelTime>
{
    private FeelTime(long nanoOfDay, FeelTimeZone? zone)
    {
        NanoOfDay = nanoOfDay;
        Zone = zone;
    }

    /// <summary>Nanoseconds since midnight, 0 ≤ value &lt; 86,400 × 10⁹.</summary>
    public long NanoOfDay { get; }

    /// <summary>Null for a local time.</summary>
    public FeelTimeZone? Zone { get; }

    public int Hour => (int)(NanoOfDay / (3600 * CalendarMath.NanosPerSecond));

    public int Minute => (int)(NanoOfDay / (60 * CalendarMath.NanosPerSecond) % 60);

    public int Second => (int)(NanoOfDay / CalendarMath.NanosPerSecond % 60);

    /// <summary>Fraction of the second in nanoseconds.</summary>
    public int Nanosecond => (int)(NanoOfDay % CalendarMath.NanosPerSecond);

    /// <summary>Null unless 0 ≤ <paramref name="nanoOfDay"/> &lt; one day.</summary>
    public static FeelTime? Create(long nanoOfDay, FeelTimeZone? zone) =>
        nanoOfDay is >= 0 and < CalendarMath.NanosPerDay ? new FeelTime(nanoOfDay, zone) : null;

    /// <summary>Shifts by a signed amount, wrapping around midnight; the zone is kept.</summary>
    public FeelTime Plus(Int128 nanoseconds) =>
        new((long)CalendarMath.FloorMod(NanoOfDay + nanoseconds, CalendarMath.NanosPerDay), Zone);

    /// <summary>FEEL equality (instant at second resolution for zoned times); see <see cref="TemporalOps.Equal"/>.</summary>
    public bool Equals(FeelTime? other) => other is not null && TemporalOps.Equal(this, other) == true;

    public override bool Equals(object? obj) => Equals(obj as FeelTime);

    public override int GetHashCode() => HashCode.Combine(Zone is null, TemporalComparer.Seconds(this));

    /// <summary>"10:20:00", "10:20:00.123", "10:20:00Z", "10:20:00+01:00", "10:20:00@Europe/Paris".</summary>
    public override string ToString() => AppendTo(new StringBuilder()).ToString();

    internal StringBuilder AppendTo(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"{Hour:00}:{Minute:00}:{Second:00}");
        TemporalText.AppendFraction(builder, Nanosecond);
        if (Zone is not null)
        {
            builder.Append(Zone.ToString());
        }

        return builder;
    }
}
