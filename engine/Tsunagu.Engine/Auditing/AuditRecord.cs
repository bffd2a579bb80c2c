using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Tsunagu.Engine.Auditing;

/// <summary>
/// One read or write of case data: when, who (and in which roles), what, on which case or meeting, with what outcome,
/// for what declared purpose. Never the data itself (要配慮個人情報 stays in the case).
/// </summary>
public sealed record AuditRecord(
    DateTimeOffset At,
    string Actor,
    string Roles,
    string Action,
    string? CaseId,
    string? MeetingId,
    int Outcome,
    string Purpose);

/// <summary>An appended audit record with its place in the chain: its sequence number, its predecessor's hash and its own.</summary>
public sealed record AuditEntry(long Sequence, AuditRecord Record, string PreviousHash, string Hash);

/// <summary>
/// The hash chain: each entry's hash is SHA-256 over its predecessor's hash and its own canonical content, so changing,
/// removing or inserting any entry breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The predecessor hash of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The time as the hash covers it: UTC to the tick, fixed width (stores keep this text to re-verify the chain).</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset Time(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>The entries that append <paramref name="records"/> after the last one (sequence 0 and <see cref="Genesis"/> when there is none).</summary>
    public static IReadOnlyList<AuditEntry> Link(long lastSequence, string lastHash, IReadOnlyList<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var entries = new List<AuditEntry>(records.Count);
        foreach (var record in records)
        {
            var hash = Hash(++lastSequence, lastHash, record);
            entries.Add(new AuditEntry(lastSequence, record, lastHash, hash));
            lastHash = hash;
        }

        return entries;
    }

    public static string Hash(long sequence, string previousHash, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(sequence);
            writer.WriteStringValue(previousHash);
            writer.WriteStringValue(Time(record.At));
            writer.WriteStringValue(record.Actor);
            writer.WriteStringValue(record.Roles);
            writer.WriteStringValue(record.Action);
            writer.WriteStringValue(record.CaseId);
            writer.WriteStringValue(record.MeetingId);
            writer.WriteNumberValue(record.Outcome);
            writer.WriteStringValue(record.Purpose);
            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }
}
