using System.Buffers.Text;
using System.Text.Json;

namespace Tsunagu.Cases;

/// <summary>A page of a list: its items and, when more may follow, the cursor the next page starts after.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// Keyset paging of the lists (ADR 0024): a page is at most <c>limit</c> items after an opaque cursor naming the last
/// item of the previous page by its sort keys, so a page costs the same wherever it is and items added meanwhile are
/// neither skipped nor repeated.
/// </summary>
public static class Paging
{
    public const int MaxLimit = 200;

    /// <summary>
    /// The page size asked for, 1 to <paramref name="max"/>; <paramref name="otherwise"/> when none (each list keeps the
    /// size it answered with before it had pages, so a client that never pages sees what it saw).
    /// </summary>
    public static int Limit(int? limit, int otherwise, int max = MaxLimit) =>
        limit is not { } asked ? otherwise
        : asked >= 1 && asked <= max ? asked
        : throw new CaseInputException("limit", $"From 1 to {max}.");

    /// <summary>The cursor of an item by its sort keys.</summary>
    public static string Cursor(params string[] keys) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(keys));

    /// <summary>The sort keys a cursor of this list holds (<paramref name="count"/> of them), or null for the first page.</summary>
    public static string[]? Keys(string? after, int count)
    {
        if (after is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(after)) is { } keys && keys.Length == count && keys.All(k => k is not null)
                ? keys
                : throw InvalidCursor();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw InvalidCursor();
        }
    }

    /// <summary>
    /// A page from rows read one beyond the limit: the first <paramref name="limit"/> items, and the cursor of the last
    /// of them when the extra row shows that more follow.
    /// </summary>
    public static Page<T> Of<T>(IReadOnlyList<T> rows, int limit, Func<T, string> cursor)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cursor);
        return rows.Count > limit ? new Page<T>([.. rows.Take(limit)], cursor(rows[limit - 1])) : new Page<T>(rows, null);
    }

    /// <summary>The answer to a cursor the list never gave.</summary>
    public static CaseInputException InvalidCursor() => new("after", "Not a cursor this list gave; start again without one.");

    internal static string Text(DateTimeOffset value) => value.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    internal static DateTimeOffset Time(string text) => DateTimeOffset.TryParseExact(
        text, "O", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var value) ? value : throw InvalidCursor();

    internal static Guid Id(string text) => Guid.TryParseExact(text, "D", out var value) ? value : throw InvalidCursor();
}
