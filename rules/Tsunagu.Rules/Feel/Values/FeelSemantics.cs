using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Tsunagu.Rules.Feel.Temporal;

namespace Tsunagu.Rules.Feel.Values;

/// <summary>Equality, ordering and the string form of FEEL values (DMN 1.5 §10.3.2).</summary>
public static class FeelSemantics
{
    public static readonly object True = true;
    public static readonly object False = false;

    public static object Box(bool value) => value ? True : False;

    /// <summary>FEEL <c>=</c>: null = null is true, null = x is false, values of different types are not comparable (null).</summary>
    public static bool? Equal(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        switch (left)
        {
            case FeelNumber a when right is FeelNumber b:
                return a == b;
            case string a when right is string b:
                return string.Equals(a, b, StringComparison.Ordinal);
            case bool a when right is bool b:
                return a == b;
            // The same instance is equal to itself: a shortcut that keeps shared parts from being compared again and again.
            case FeelList a when right is FeelList b:
                return ReferenceEquals(a, b) ? true : ListEqual(a, b);
            case FeelContext a when right is FeelContext b:
                return ReferenceEquals(a, b) ? true : ContextEqual(a, b);
            case FeelRange a when right is FeelRange b:
                return RangeEqual(a, b);
            case FeelFunction when right is FeelFunction:
                return ReferenceEquals(left, right);
        }

        if (TemporalOps.IsTemporal(left) && TemporalOps.IsTemporal(right))
        {
            return TemporalOps.Equal(left, right);
        }

        return null;
    }

    /// <summary>FEEL ordering for numbers, strings and temporal values of one type; null when not comparable.</summary>
    public static int? Compare(object? left, object? right)
    {
        switch (left)
        {
            case FeelNumber a when right is FeelNumber b:
                return a.CompareTo(b);
            case string a when right is string b:
                return Math.Sign(string.CompareOrdinal(a, b));
            case null:
                return null;
        }

        return right is not null && TemporalOps.IsTemporal(left) && TemporalOps.IsTemporal(right)
            ? TemporalOps.Compare(left, right)
            : null;
    }

    /// <summary>The FEEL type name used by <c>instance of</c> and messages.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "Null",
        FeelNumber => "number",
        string => "string",
        bool => "boolean",
        FeelList => "list",
        FeelContext => "context",
        FeelRange => "range",
        FeelFunction => "function",
        _ => TemporalOps.TypeName(value) ?? value.GetType().Name,
    };

    /// <summary>The result of FEEL <c>string(value)</c>.</summary>
    /// <summary>Longest string form <see cref="ToFeelString(object?)"/> gives before it cuts the text short with "…".</summary>
    public const int MaxPrintedLength = 16 * 1024 * 1024;

    /// <summary>The string form; a value too large or too deeply nested to print ends in "…" where it was cut.</summary>
    public static string ToFeelString(object? value) => TryToFeelString(value, MaxPrintedLength, out var text) ? text : text + "…";

    /// <summary>
    /// The string form, or false when it would pass <paramref name="maxLength"/> characters or nest too deeply for the
    /// stack; <paramref name="text"/> is then the part made. Values sharing parts (a <c>for</c> over <c>partial</c>) can
    /// print exponentially long, so the length is checked as it grows.
    /// </summary>
    public static bool TryToFeelString(object? value, int maxLength, out string text)
    {
        if (value is string s)
        {
            text = s;
            return s.Length <= maxLength;
        }

        var builder = new StringBuilder();
        var complete = Append(builder, value, quoteStrings: false, maxLength) && builder.Length <= maxLength;
        text = builder.ToString();
        return complete;
    }

    private static bool Append(StringBuilder builder, object? value, bool quoteStrings, int maxLength)
    {
        if (builder.Length > maxLength || (value is FeelList or FeelContext or FeelRange && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            return false;
        }

        switch (value)
        {
            case null:
                builder.Append("null");
                return true;
            case string s when quoteStrings:
                builder.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                return true;
            case bool b:
                builder.Append(b ? "true" : "false");
                return true;
            case FeelList list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ", ");
                    if (!Append(builder, list[i], quoteStrings: true, maxLength))
                    {
                        return false;
                    }
                }

                builder.Append(']');
                return true;
            case FeelContext context:
                builder.Append('{');
                var first = true;
                foreach (var (key, entry) in context.Entries)
                {
                    builder.Append(first ? "" : ", ").Append(key).Append(": ");
                    if (!Append(builder, entry, quoteStrings: true, maxLength))
                    {
                        return false;
                    }

                    first = false;
                }

                builder.Append('}');
                return true;
            case FeelRange range:
                builder.Append(range.StartIncluded ? '[' : '(');
                if (!range.StartUnbounded && !Append(builder, range.Start, quoteStrings: true, maxLength))
                {
                    return false;
                }

                builder.Append("..");
                if (!range.EndUnbounded && !Append(builder, range.End, quoteStrings: true, maxLength))
                {
                    return false;
                }

                builder.Append(range.EndIncluded ? ']' : ')');
                return true;
            default:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                return true;
        }
    }

    /// <summary>Item by item; null (undecided) when the lists nest too deeply for the stack.</summary>
    private static bool? ListEqual(FeelList a, FeelList b)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return null;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            var e = Equal(a[i], b[i]);
            if (e != true)
            {
                return e;
            }
        }

        return true;
    }

    private static bool? ContextEqual(FeelContext a, FeelContext b)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return null;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a.Entries)
        {
            if (!b.TryGet(key, out var other))
            {
                return false;
            }

            var e = Equal(value, other);
            if (e != true)
            {
                return e;
            }
        }

        return true;
    }

    private static bool? RangeEqual(FeelRange a, FeelRange b)
    {
        if (a.StartIncluded != b.StartIncluded || a.EndIncluded != b.EndIncluded
            || a.StartUnbounded != b.StartUnbounded || a.EndUnbounded != b.EndUnbounded)
        {
            return false;
        }

        var start = a.StartUnbounded || Equal(a.Start, b.Start) == true;
        var end = a.EndUnbounded || Equal(a.End, b.End) == true;
        return start && end;
    }
}
