using System.Text;
using System.Text.RegularExpressions;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>String functions (DMN 1.5 §10.3.4.3). Positions and lengths count code points.</summary>
internal static partial class BuiltinLibrary
{
    static partial void RegisterString(Registry table)
    {
        table.Define("substring", ["string", "start position", "length"], Substring, required: 2);
        table.Define("string length", ["string"], call => Text(call, text => BuiltinCall.Number(CodePoints.Length(text))));
        table.Define("upper case", ["string"], call => Text(call, text => text.ToUpperInvariant()));
        table.Define("lower case", ["string"], call => Text(call, text => text.ToLowerInvariant()));
        table.Define("substring before", ["string", "match"], call => TextAndMatch(call, (text, match) =>
        {
            var at = text.IndexOf(match, StringComparison.Ordinal);
            return at < 0 ? "" : text[..at];
        }));
        table.Define("substring after", ["string", "match"], call => TextAndMatch(call, (text, match) =>
        {
            var at = text.IndexOf(match, StringComparison.Ordinal);
            return at < 0 ? "" : text[(at + match.Length)..];
        }));
        table.Define("contains", ["string", "match"], call => TextAndMatch(call, (text, match) => FeelSemantics.Box(text.Contains(match, StringComparison.Ordinal))));
        table.Define("starts with", ["string", "match"], call => TextAndMatch(call, (text, match) => FeelSemantics.Box(text.StartsWith(match, StringComparison.Ordinal))));
        table.Define("ends with", ["string", "match"], call => TextAndMatch(call, (text, match) => FeelSemantics.Box(text.EndsWith(match, StringComparison.Ordinal))));
        table.Define("matches", ["input", "pattern", "flags"], Matches, required: 2);
        table.Define("replace", ["input", "pattern", "replacement", "flags"], Replace, required: 3);
        table.Define("split", ["string", "delimiter"], Split);
        table.Define("string join", ["list", "delimiter"], StringJoin, required: 1);
    }

    private static object? Text(BuiltinCall call, Func<string, object> body) =>
        call.Get(0, "string", out string text) ? body(text) : null;

    private static object? TextAndMatch(BuiltinCall call, Func<string, string, object> body) =>
        call.Get(0, "string", out string text) && call.Get(1, "match", out string match) ? body(text, match) : null;

    private static object? Substring(BuiltinCall call)
    {
        if (!call.Get(0, "string", out string text)
            || !call.Position(1, "start position", CodePoints.Length(text), out var start))
        {
            return null;
        }

        var from = CodePoints.Offset(text, start);
        if (call[2] is null)
        {
            return text[from..];
        }

        if (!call.Integer(2, "length", out var length))
        {
            return null;
        }

        if (length < 0)
        {
            return call.Fail("'length' must not be negative.");
        }

        return text[from..(from + CodePoints.Offset(text[from..], length))];
    }

    /// <summary>The input, pattern and flags shared by matches, replace and split; null (reported) when any is invalid.</summary>
    private static Regex? Pattern(BuiltinCall call, string inputName, string patternName, int? flagsIndex, out string input)
    {
        string flags = "";
        if (!call.Get(0, inputName, out input)
            || !call.Get(1, patternName, out string pattern)
            || (flagsIndex is { } at && !call.Optional(at, "flags", "", out flags)))
        {
            return null;
        }

        var regex = XPathRegex.Create(pattern, flags, out var error);
        if (regex is null)
        {
            call.Fail(error!);
        }

        return regex;
    }

    /// <summary>Runs a regex operation; a pattern that exceeds the match timeout gives null.</summary>
    private static object? Guarded(BuiltinCall call, Func<object?> operation)
    {
        try
        {
            return operation();
        }
        catch (RegexMatchTimeoutException)
        {
            return call.Fail($"the regular expression took longer than {XPathRegex.MatchTimeout.TotalSeconds} s.");
        }
    }

    private static object? Matches(BuiltinCall call)
    {
        var regex = Pattern(call, "input", "pattern", 2, out var input);
        return regex is null ? null : Guarded(call, () => FeelSemantics.Box(regex.IsMatch(input)));
    }

    private static object? Replace(BuiltinCall call)
    {
        var regex = Pattern(call, "input", "pattern", 3, out var input);
        if (regex is null || !call.Get(2, "replacement", out string replacement))
        {
            return null;
        }

        var literal = call[3] is string flags && flags.Contains('q', StringComparison.Ordinal);
        var evaluator = XPathRegex.Replacement(replacement, regex, literal, out var error);
        if (evaluator is null)
        {
            return call.Fail(error!);
        }

        // The output is counted as it is made: a long replacement for many matches would otherwise multiply the input.
        long length = input.Length;
        var limit = call.Context.Limits.MaxStringLength;
        string Bounded(Match match)
        {
            if (length > limit)
            {
                return "";
            }

            var text = evaluator(match);
            length += text.Length - match.Length;
            return length > limit ? "" : text;
        }

        var result = Guarded(call, () => MatchesEmpty(call, regex) ? null : regex.Replace(input, Bounded));
        return length > limit ? call.Fail($"the result would pass {limit} characters (limit MaxStringLength).") : result;
    }

    /// <summary>XPath (FORX0003): a pattern that matches the empty string cannot drive replace or tokenize.</summary>
    private static bool MatchesEmpty(BuiltinCall call, Regex regex)
    {
        if (!regex.IsMatch(""))
        {
            return false;
        }

        call.Fail("the pattern matches the empty string.");
        return true;
    }

    private static object? Split(BuiltinCall call)
    {
        var regex = Pattern(call, "string", "delimiter", null, out var text);
        if (regex is null)
        {
            return null;
        }

        return Guarded(call, () =>
        {
            if (MatchesEmpty(call, regex))
            {
                return null;
            }

            // Like fn:tokenize, and unlike Regex.Split, captured groups are not part of the result.
            var parts = new List<object?>();
            var from = 0;
            for (var match = regex.Match(text); match.Success; match = match.NextMatch())
            {
                parts.Add(text[from..match.Index]);
                from = match.Index + match.Length;
            }

            parts.Add(text[from..]);
            return text.Length == 0 ? FeelList.Empty : new FeelList(parts);
        });
    }

    private static object? StringJoin(BuiltinCall call)
    {
        if (!call.List(0, "list", out var list) || !call.Optional(1, "delimiter", "", out string delimiter))
        {
            return null;
        }

        var builder = new StringBuilder();
        var first = true;
        foreach (var item in list.Items)
        {
            switch (item)
            {
                case null:
                    continue;
                case string text:
                    // Checked as it grows: a few long strings repeated in a list would otherwise join into gigabytes.
                    if (!call.Context.TryString((long)builder.Length + delimiter.Length + text.Length, "string join"))
                    {
                        return null;
                    }

                    builder.Append(first ? "" : delimiter).Append(text);
                    first = false;
                    break;
                default:
                    return call.Fail($"list items must be strings, not {FeelSemantics.TypeName(item)}.");
            }
        }

        return builder.ToString();
    }
}
