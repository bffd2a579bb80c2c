using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>FEEL semantics of the temporal types (DMN 1.5 §10.3.2.3, §10.3.2.7, table 57ff): parsing, arithmetic, comparison, properties.</summary>
public static class TemporalOps
{
    /// <summary>True when <paramref name="value"/> is one of the five temporal types.</summary>
    public static bool IsTemporal(object? value) => throw new NotImplementedException();

    /// <summary>The FEEL type name: "date", "time", "date and time", "years and months duration", "days and time duration"; null if not temporal.</summary>
    public static string? TypeName(object? value) => throw new NotImplementedException();

    /// <summary>Parses the string of an <c>@"…"</c> literal: a date, time, date and time or duration; null if none fits.</summary>
    public static object? ParseLiteral(string text) => throw new NotImplementedException();

    public static object? ParseDate(string text) => throw new NotImplementedException();
    public static object? ParseTime(string text) => throw new NotImplementedException();
    public static object? ParseDateTime(string text) => throw new NotImplementedException();
    /// <summary>Either duration kind, from ISO 8601 / xsd:duration text.</summary>
    public static object? ParseDuration(string text) => throw new NotImplementedException();

    /// <summary>False when the operand types are not a temporal combination; otherwise <paramref name="result"/> is the sum or null when invalid.</summary>
    public static bool TryAdd(object left, object right, out object? result) => throw new NotImplementedException();
    public static bool TrySubtract(object left, object right, out object? result) => throw new NotImplementedException();
    /// <summary>duration × number, number × duration.</summary>
    public static bool TryMultiply(object left, object right, out object? result) => throw new NotImplementedException();
    /// <summary>duration ÷ number, duration ÷ duration (same kind → number).</summary>
    public static bool TryDivide(object left, object right, out object? result) => throw new NotImplementedException();
    /// <summary>Ordering; null when the two values are not comparable (different types, or times with and without offset where the spec says so).</summary>
    public static int? Compare(object left, object right) => throw new NotImplementedException();
    /// <summary>FEEL equality; null when the types differ.</summary>
    public static bool? Equal(object left, object right) => throw new NotImplementedException();
    /// <summary>Properties such as year, month, day, weekday, hour, minute, second, time offset, timezone, years, months, days, hours, minutes, seconds.</summary>
    public static bool TryGetProperty(object value, string name, out object? result) => throw new NotImplementedException();
}
