using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>
/// XML Schema / XPath 3.1 regular expressions (F&amp;O §5.6) translated to .NET: FEEL's <c>matches</c>,
/// <c>replace</c> and <c>split</c> use them. Differences handled here: the flags (s, m, i, x, q), <c>.</c> and <c>$</c>,
/// the XSD meaning of <c>\s \w \i \c</c>, back-references (never inside a class, only to closed groups),
/// and surrogate pairs matched by <c>.</c> as one character.
/// </summary>
internal static partial class XPathRegex
{
    /// <summary>Bounds a hostile pattern (catastrophic backtracking) so it cannot hang an evaluation.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private const int CacheLimit = 256;
    private const string Flags = "smixq";
    private const string SingleCharEscapes = "nrt\\|.-^?*+{}()[]$";
    private const string Surrogate = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";
    private const string NameStart = @"\p{L}\p{Nl}_:";
    private const string NameChar = NameStart + @"\p{Nd}\p{Mn}\p{Mc}\p{Lm}\-.\u00B7";

    private static readonly ConcurrentDictionary<(string Pattern, string Flags), (Regex? Regex, string? Error)> Cache = new();

    /// <summary>The compiled pattern, or null with the reason when the pattern or the flags are invalid.</summary>
    public static Regex? Create(string pattern, string flags, out string? error)
    {
        if (!Cache.TryGetValue((pattern, flags), out var entry))
        {
            entry = Compile(pattern, flags);
            if (Cache.Count >= CacheLimit)
            {
                Cache.Clear();
            }

            Cache[(pattern, flags)] = entry;
        }

        error = entry.Error;
        return entry.Regex;
    }

    private static (Regex? Regex, string? Error) Compile(string pattern, string flags)
    {
        foreach (var flag in flags)
        {
            if (!Flags.Contains(flag, StringComparison.Ordinal))
            {
                return (null, $"invalid regular expression flag '{flag}' (allowed: s, m, i, x, q).");
            }
        }

        var options = RegexOptions.CultureInvariant;
        if (flags.Contains('i', StringComparison.Ordinal))
        {
            options |= RegexOptions.IgnoreCase;
        }

        string? translated;
        string? error = null;
        if (flags.Contains('q', StringComparison.Ordinal))
        {
            translated = Regex.Escape(pattern);
        }
        else
        {
            var multiline = flags.Contains('m', StringComparison.Ordinal);
            if (multiline)
            {
                options |= RegexOptions.Multiline;
            }

            var source = flags.Contains('x', StringComparison.Ordinal) ? RemoveWhitespace(pattern) : pattern;
            translated = new Translator(source, flags.Contains('s', StringComparison.Ordinal), multiline).Run(out error);
        }

        if (translated is null)
        {
            return (null, $"invalid regular expression '{pattern}': {error}");
        }

        try
        {
            return (new Regex(translated, options, MatchTimeout), null);
        }
        catch (ArgumentException e)
        {
            return (null, $"invalid regular expression '{pattern}': {e.Message}");
        }
    }

    /// <summary>
    /// fn:replace's replacement string: <c>$N</c> inserts group N (as many digits as name a group; a missing group is empty),
    /// <c>\$</c> and <c>\\</c> are literal; any other <c>$</c> or <c>\</c> is an error. With the q flag it is all literal.
    /// </summary>
    public static MatchEvaluator? Replacement(string replacement, Regex regex, bool literal, out string? error)
    {
        error = null;
        if (literal)
        {
            return _ => replacement;
        }

        var groups = regex.GetGroupNumbers().Length - 1;
        var parts = new List<(string? Text, int Group)>();
        var text = new StringBuilder();
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            var next = i + 1 < replacement.Length ? replacement[i + 1] : '\0';
            if (c == '\\' && next is '\\' or '$')
            {
                text.Append(next);
                i++;
            }
            else if (c == '$' && char.IsAsciiDigit(next))
            {
                var group = next - '0';
                for (i += 2; i < replacement.Length && char.IsAsciiDigit(replacement[i]) && (group * 10) + (replacement[i] - '0') <= groups; i++)
                {
                    group = (group * 10) + (replacement[i] - '0');
                }

                i--;
                parts.Add((text.ToString(), -1));
                parts.Add((null, group));
                text.Clear();
            }
            else if (c is '\\' or '$')
            {
                error = $"invalid replacement '{replacement}': '{c}' must be escaped as '\\{c}'.";
                return null;
            }
            else
            {
                text.Append(c);
            }
        }

        parts.Add((text.ToString(), -1));
        return match =>
        {
            var result = new StringBuilder();
            foreach (var (part, group) in parts)
            {
                result.Append(part ?? (group <= groups ? match.Groups[group].Value : ""));
            }

            return result.ToString();
        };
    }

    /// <summary>The x flag: whitespace goes everywhere except inside character classes (even inside <c>\p{…}</c>).</summary>
    private static string RemoveWhitespace(string pattern)
    {
        var builder = new StringBuilder(pattern.Length);
        var depth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (depth == 0 && IsXmlWhitespace(c))
            {
                continue;
            }

            builder.Append(c);
            if (c == '\\')
            {
                while (depth == 0 && i + 1 < pattern.Length && IsXmlWhitespace(pattern[i + 1]))
                {
                    i++;
                }

                if (i + 1 < pattern.Length)
                {
                    builder.Append(pattern[++i]);
                }
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && depth > 0)
            {
                depth--;
            }
        }

        return builder.ToString();
    }

    private static bool IsXmlWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r';
}
