namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>FEEL semantics of the temporal types (DMN 1.5 §10.3.2.3, §10.3.2.7, table 57ff): parsing, arithmetic, comparison, properties.</summary>
public static partial class TemporalOps
{
    /// <summary>True when <paramref name="value"/> is one of the five temporal types.</summary>
    public static bool IsTemporal(object? value) => TypeName(value) is not null;

    /// <summary>The FEEL type name: "date", "time", "date and time", "years and months duration", "days and time duration"; null if not temporal.</summary>
    public static string? TypeName(object? value) => value switch
    {
        FeelDate => "date",
        FeelTime => "time",
        FeelDateTime => "date and time",
        YearsMonthsDuration => "years and months duration",
        DaysTimeDuration => "days and time duration",
        _ => null,
    };

    /// <summary>Parses the string of an <c>@"…"</c> literal: a date, time, date and time or duration; null if none fits.</summary>
    public static object? ParseLiteral(string text) =>
        ParseDate(text) ?? ParseTime(text) ?? ParseDateTime(text) ?? ParseDuration(text);

    /// <summary>A <see cref="FeelDate"/> from "YYYY-MM-DD" (4–9 year digits, optional leading '-'); null when invalid.</summary>
    public static object? ParseDate(string text) => TemporalText.ParseDate(text);

    /// <summary>A <see cref="FeelTime"/> from "hh:mm:ss[.f][Z|±hh:mm|@Region/City]"; "24:00:00" is midnight.</summary>
    public static object? ParseTime(string text) => TemporalText.ParseTime(text);

    /// <summary>A <see cref="FeelDateTime"/> from "date'T'time"; a bare date gives local midnight; "T24:00:00" rolls to the next day.</summary>
    public static object? ParseDateTime(string text) => TemporalText.ParseDateTime(text);

    /// <summary>Either duration kind, from ISO 8601 / xsd:duration text.</summary>
    public static object? ParseDuration(string text) => DurationText.Parse(text);

    /// <summary>Ordering; null when the two values are not comparable (different types, or times with and without offset where the spec says so).</summary>
    public static int? Compare(object left, object right) => TemporalComparer.Compare(left, right);

    /// <summary>FEEL equality; null when the types differ.</summary>
    public static bool? Equal(object left, object right) => Compare(left, right) is int c ? c == 0 : null;
}
