using System.Globalization;
using System.Text.Json;

namespace Tsunagu.Engine.Storage.Sqlite;

/// <summary>How values are written to SQLite columns, in one place so every table agrees.</summary>
public static class SqliteValues
{
    // Fixed width and UTC, so comparing the text compares the instants and indexes on time columns work.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset Time(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string Id(Guid id) => id.ToString("D");

    public static Guid Id(string text) => Guid.ParseExact(text, "D");

    public static string List(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> List(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}
