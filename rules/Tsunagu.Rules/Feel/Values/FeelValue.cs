using System.Collections;
using System.Globalization;
using System.Text.Json;
using Tsunagu.Rules.Feel.Temporal;

namespace Tsunagu.Rules.Feel.Values;

/// <summary>Converts between CLR / JSON values and FEEL values.</summary>
public static class FeelValue
{
    /// <summary>Maximum nesting accepted from callers, so a hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// A FEEL value from a CLR value: numbers, strings, booleans, FEEL values as they are, DateOnly/DateTime/DateTimeOffset/TimeSpan
    /// via their ISO text, dictionaries as contexts, other enumerables as lists. Throws <see cref="ArgumentException"/> for anything else.
    /// </summary>
    public static object? FromClr(object? value, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"Values may be nested at most {MaxDepth} levels deep.");
        }

        return value switch
        {
            null => null,
            bool b => FeelSemantics.Box(b),
            string s => s,
            FeelNumber or FeelList or FeelContext or FeelRange or FeelFunction => value,
            int i => FeelNumber.FromInt64(i),
            long l => FeelNumber.FromInt64(l),
            decimal m => FeelNumber.FromDecimal(m),
            double d => FeelNumber.FromDouble(d) ?? throw new ArgumentException("NaN and infinity are not FEEL numbers."),
            float f => FeelNumber.FromDouble(f) ?? throw new ArgumentException("NaN and infinity are not FEEL numbers."),
            DateOnly d => TemporalOps.ParseDate(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            DateTimeOffset d => TemporalOps.ParseDateTime(d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
            JsonElement json => FromJson(json, depth),
            IDictionary dictionary => FromDictionary(dictionary, depth),
            IEnumerable sequence => new FeelList([.. sequence.Cast<object?>().Select(v => FromClr(v, depth + 1))]),
            _ when TemporalOps.IsTemporal(value) => value,
            _ => throw new ArgumentException($"A {value.GetType().Name} cannot be converted to a FEEL value."),
        };
    }

    /// <summary>A FEEL value from JSON: numbers exactly (as decimal text), objects as contexts, arrays as lists.</summary>
    public static object? FromJson(JsonElement json, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"Values may be nested at most {MaxDepth} levels deep.");
        }

        return json.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True => FeelSemantics.True,
            JsonValueKind.False => FeelSemantics.False,
            JsonValueKind.String => json.GetString(),
            JsonValueKind.Number => FeelNumber.TryParse(json.GetRawText(), out var n) ? n : throw new ArgumentException($"Number {json.GetRawText()} is out of range."),
            JsonValueKind.Array => new FeelList([.. json.EnumerateArray().Select(e => FromJson(e, depth + 1))]),
            _ => FeelContext.Create(json.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, FromJson(p.Value, depth + 1)))),
        };
    }

    /// <summary>Writes a FEEL value as JSON: numbers as JSON numbers, temporal values as their FEEL strings, ranges and functions as strings.</summary>
    public static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case FeelNumber n:
                writer.WriteRawValue(n.ToString());
                break;
            case FeelList list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case FeelContext context:
                writer.WriteStartObject();
                foreach (var (key, entry) in context.Entries)
                {
                    writer.WritePropertyName(key);
                    WriteJson(writer, entry);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(FeelSemantics.ToFeelString(value));
                break;
        }
    }

    private static FeelContext FromDictionary(IDictionary dictionary, int depth)
    {
        var entries = new List<KeyValuePair<string, object?>>();
        foreach (DictionaryEntry entry in dictionary)
        {
            entries.Add(new(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", FromClr(entry.Value, depth + 1)));
        }

        return FeelContext.Create(entries);
    }
}
