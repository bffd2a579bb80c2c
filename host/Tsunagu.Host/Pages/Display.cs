using System.Globalization;

namespace Tsunagu.Host.Pages;

/// <summary>How the pages write times: Japan Standard Time, whatever the server's zone.</summary>
public static class Display
{
    public static TimeZoneInfo Tokyo { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Tokyo).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A stored ISO time (a case variable); unreadable text is shown as it is.</summary>
    public static string Time(string? at) =>
        at is null ? "—" : DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? Time(parsed) : at;
}
