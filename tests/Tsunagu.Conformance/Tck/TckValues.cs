using Tsunagu.Rules.Feel.Temporal;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Conformance.Tck;

/// <summary>Converts TCK values to FEEL and compares results as the established TCK runners do.</summary>
public static class TckValues
{
    private static readonly FeelNumber Tolerance = FeelNumber.FromDecimal(0.00000001m);

    public static object? ToFeel(TckValue value) => value switch
    {
        TckNil => null,
        TckList list => new FeelList([.. list.Items.Select(ToFeel)]),
        TckComponents components => FeelContext.Create(components.Components.Select(c => new KeyValuePair<string, object?>(c.Name, ToFeel(c.Value)))),
        TckSimple simple => Simple(simple),
        _ => null,
    };

    private static object? Simple(TckSimple simple) => simple.XsdType switch
    {
        "decimal" or "double" or "integer" or "int" or "long" or "float" => FeelNumber.TryParse(simple.Text.Trim(), out var n) ? n : throw Bad(simple),
        "boolean" => simple.Text.Trim() switch
        {
            "true" or "1" => FeelSemantics.True,
            "false" or "0" => FeelSemantics.False,
            _ => throw Bad(simple),
        },
        "date" => TemporalOps.ParseDate(simple.Text.Trim()) ?? throw Bad(simple),
        "time" => TemporalOps.ParseTime(simple.Text.Trim()) ?? throw Bad(simple),
        "dateTime" => TemporalOps.ParseDateTime(simple.Text.Trim()) ?? throw Bad(simple),
        "duration" or "dayTimeDuration" or "yearMonthDuration" => TemporalOps.ParseDuration(simple.Text.Trim()) ?? throw Bad(simple),
        _ => simple.Text,
    };

    private static FormatException Bad(TckSimple simple) => new($"'{simple.Text}' is not a valid xsd:{simple.XsdType}.");

    /// <summary>Numbers within 1e-8 are equal; everything else compares exactly (lists in order, contexts by entry name).</summary>
    public static bool Matches(object? expected, object? actual)
    {
        switch (expected)
        {
            case null:
                return actual is null;
            case FeelNumber number:
                return actual is FeelNumber n && (number - n).Abs() < Tolerance;
            case FeelList list:
                return actual is FeelList l && l.Count == list.Count && list.Items.Zip(l.Items).All(p => Matches(p.First, p.Second));
            case FeelContext context:
                return actual is FeelContext c && c.Count == context.Count
                    && context.Entries.All(entry => c.TryGet(entry.Key, out var v) && Matches(entry.Value, v));
            default:
                return FeelSemantics.Equal(expected, actual) == true
                    && (!TemporalOps.IsTemporal(expected) || TemporalOps.TypeName(expected) == TemporalOps.TypeName(actual));
        }
    }

    /// <summary>A FEEL literal-like rendering for failure messages.</summary>
    public static string Show(object? value) => value switch
    {
        string s => "\"" + s + "\"",
        FeelNumber n => n.ToString(),
        _ when TemporalOps.IsTemporal(value) => $"{TemporalOps.TypeName(value)}(\"{FeelSemantics.ToFeelString(value)}\")",
        _ => FeelSemantics.ToFeelString(value),
    };
}
