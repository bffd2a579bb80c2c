using System.Globalization;
using System.Text;

namespace Tsunagu.Rules.Feel.Syntax;

/// <summary>Splits FEEL text into tokens (DMN 1.5 §10.3.1.2). Names are single words here; the parser joins multi-word names.</summary>
internal static class Lexer
{
    private static readonly string[] Symbols = ["**", "..", "<=", ">=", "!=", "->", "+", "-", "*", "/", "=", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", ":", "@", "'"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            i = SkipTrivia(text, i);
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", text.Length, text.Length));
                return tokens;
            }

            var c = text[i];
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (c == '"')
            {
                tokens.Add(ReadString(text, ref i));
            }
            else if (IsNameStart(text, i))
            {
                var start = i;
                i += char.IsSurrogatePair(text, i) ? 2 : 1;
                while (i < text.Length && IsNamePart(text, i))
                {
                    i += char.IsSurrogatePair(text, i) ? 2 : 1;
                }

                tokens.Add(new Token(TokenKind.Name, text[start..i], start, i));
            }
            else
            {
                var symbol = Array.Find(Symbols, s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                    ?? throw new FeelSyntaxException($"Unexpected character '{c}'.", i);
                tokens.Add(new Token(TokenKind.Symbol, symbol, i, i + symbol.Length));
                i += symbol.Length;
            }
        }
    }

    private static int SkipTrivia(string text, int i)
    {
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (string.CompareOrdinal(text, i, "//", 0, 2) == 0)
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (string.CompareOrdinal(text, i, "/*", 0, 2) == 0)
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FeelSyntaxException("Unterminated comment.", i);
                }

                i = end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool IsNameStart(string text, int i)
    {
        var c = text[i];
        if (c is '?' or '_')
        {
            return true;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber
            || (char.IsSurrogatePair(text, i) && category != UnicodeCategory.OtherNotAssigned);
    }

    private static bool IsNamePart(string text, int i) =>
        IsNameStart(text, i) || char.IsAsciiDigit(text[i])
        || CharUnicodeInfo.GetUnicodeCategory(text, i) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        return new Token(TokenKind.Number, text[start..i], start, i);
    }

    private static Token ReadString(string text, ref int i)
    {
        var start = i++;
        var builder = new StringBuilder();
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                builder.Append(ReadEscape(text, ref i));
            }
            else
            {
                builder.Append(text[i++]);
            }
        }

        if (i >= text.Length)
        {
            throw new FeelSyntaxException("Unterminated string literal.", start);
        }

        i++;
        return new Token(TokenKind.String, builder.ToString(), start, i);
    }

    private static string ReadEscape(string text, ref int i)
    {
        var c = text[i++];
        switch (c)
        {
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'u':
            case 'U':
                var at = i;
                var code = ReadHex(text, ref i, c == 'u' ? 4 : 6);
                return code is > 0x10FFFF or (>= 0xD800 and <= 0xDFFF)
                    ? throw new FeelSyntaxException("Invalid code point in unicode escape.", at)
                    : char.ConvertFromUtf32(code);
            case '"' or '\'' or '\\':
                return c.ToString();
            default:
                // Not a FEEL escape: kept as written, so regex patterns such as "\d" reach the regex engine intact.
                return "\\" + c;
        }
    }

    private static int ReadHex(string text, ref int i, int digits)
    {
        if (i + digits > text.Length || !int.TryParse(text.AsSpan(i, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            throw new FeelSyntaxException("Invalid unicode escape.", i);
        }

        i += digits;
        if (digits == 4 && char.IsHighSurrogate((char)code) && i + 6 <= text.Length && text[i] == '\\' && text[i + 1] == 'u'
            && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var low) && char.IsLowSurrogate((char)low))
        {
            i += 6;
            return char.ConvertToUtf32((char)code, (char)low);
        }

        return code;
    }
}
