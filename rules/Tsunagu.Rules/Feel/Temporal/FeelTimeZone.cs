using System.Collections.Concurrent;
using System.Globalization;

namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>The zone of a time or date and time: a fixed UTC offset or an IANA region (<c>@Europe/Paris</c>).</summary>
public sealed class FeelTimeZone : IEquatable<FeelTimeZone>
{
    /// <summary>Offsets beyond ±18 hours are rejected, as in ISO 8601 practice.</summary>
    public const int MaxOffsetSeconds = 18 * 3600;

    public static readonly FeelTimeZone Utc = new(0, null, null);

    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Regions = new(StringComparer.Ordinal);

    private readonly TimeZoneInfo? _region;

    private FeelTimeZone(int offsetSeconds, string? id, TimeZoneInfo? region)
    {
        OffsetSeconds = offsetSeconds;
        Id = id;
        _region = region;
    }

    /// <summary>The fixed offset; for a region, its base (standard) offset.</summary>
    public int OffsetSeconds { get; }

    /// <summary>The IANA id for a region zone; null for a fixed offset.</summary>
    public string? Id { get; }

    public bool IsRegion => Id is not null;

    public static FeelTimeZone? FromOffset(int offsetSeconds) =>
        Math.Abs(offsetSeconds) > MaxOffsetSeconds ? null : offsetSeconds == 0 ? Utc : new FeelTimeZone(offsetSeconds, null, null);

    /// <summary>Resolves an IANA zone id from the system time zone database; null when unknown.</summary>
    public static FeelTimeZone? FromId(string id)
    {
        var region = Regions.GetOrAdd(id, static key =>
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(key);
            }
            catch (TimeZoneNotFoundException)
            {
                return null;
            }
            catch (InvalidTimeZoneException)
            {
                return null;
            }
        });
        return region is null ? null : new FeelTimeZone((int)region.BaseUtcOffset.TotalSeconds, id, region);
    }

    /// <summary>Offset that applies to a local date-time in this zone; in a DST overlap the earlier instant wins.</summary>
    public int OffsetForLocal(long dayNumber, long nanoOfDay)
    {
        if (_region is null || !TryToDateTime(dayNumber, nanoOfDay, out var local))
        {
            return OffsetSeconds;
        }

        var offset = _region.IsAmbiguousTime(local)
            ? _region.GetAmbiguousTimeOffsets(local).Max()
            : _region.GetUtcOffset(local);
        return (int)offset.TotalSeconds;
    }

    /// <summary>Offset in force at a UTC instant.</summary>
    public int OffsetForUtc(long dayNumber, long nanoOfDay)
    {
        if (_region is null || !TryToDateTime(dayNumber, nanoOfDay, out var utc))
        {
            return OffsetSeconds;
        }

        return (int)_region.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).TotalSeconds;
    }

    public bool Equals(FeelTimeZone? other) =>
        other is not null && OffsetSeconds == other.OffsetSeconds && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as FeelTimeZone);

    public override int GetHashCode() => HashCode.Combine(OffsetSeconds, Id);

    /// <summary>"Z", "+01:00", "-02:45:55" or "@Europe/Paris".</summary>
    public override string ToString()
    {
        if (Id is not null)
        {
            return "@" + Id;
        }

        if (OffsetSeconds == 0)
        {
            return "Z";
        }

        var abs = Math.Abs(OffsetSeconds);
        var text = string.Create(CultureInfo.InvariantCulture, $"{(OffsetSeconds < 0 ? '-' : '+')}{abs / 3600:00}:{abs / 60 % 60:00}");
        return abs % 60 == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text}:{abs % 60:00}");
    }

    // Region rules exist only within DateTime's range; outside it (and at its very edges) the base offset applies.
    private static bool TryToDateTime(long dayNumber, long nanoOfDay, out DateTime value)
    {
        var (year, month, day) = CalendarMath.FromDayNumber(dayNumber);
        if (year is < 2 or > 9998)
        {
            value = default;
            return false;
        }

        value = new DateTime((int)year, month, day, 0, 0, 0, DateTimeKind.Unspecified).AddTicks(nanoOfDay / 100);
        return true;
    }
}
