using System.Globalization;

namespace Tsunagu.Rules.Feel.Values;

/// <summary>Parsing and plain-notation formatting.</summary>
public readonly partial struct FeelNumber
{
    /// <summary>Digits kept while parsing: four beyond the precision, so rounding sees the exact tie position.</summary>
    private const int ParsedDigits = Precision + 4;

    /// <summary>Exponents this large already overflow or underflow; capping avoids long overflow on absurd input.</summary>
    private const long ExponentCap = 1_000_000_000;

    /// <summary>Null for NaN or infinity. Uses the shortest round-trip form, so 0.1 becomes exactly 0.1.</summary>
    public static FeelNumber? FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }

        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        return TryParse(text[..length], out var number) ? number : null;
    }

    /// <summary>
    /// FEEL numeric literal / xsd:decimal lexical form; also accepts an exponent ("1.2e3", "-5E-2").
    /// Rounds to 34 digits; false for malformed text or a value beyond the decimal128 range.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out FeelNumber value)
    {
        value = Zero;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i++] == '-';
        }

        Int128 coefficient = 0;
        var kept = 0;
        long exponent = 0;
        var sticky = false;
        var integerDigits = 0;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++, integerDigits++)
        {
            Accumulate(text[i] - '0', fractional: false, ref coefficient, ref kept, ref exponent, ref sticky);
        }

        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++, fractionDigits++)
            {
                Accumulate(text[i] - '0', fractional: true, ref coefficient, ref kept, ref exponent, ref sticky);
            }

            if (fractionDigits == 0)
            {
                return false;
            }
        }

        if (integerDigits + fractionDigits == 0 || !TryParseExponent(text[i..], ref exponent))
        {
            return false;
        }

        var result = Finish(negative ? -coefficient : coefficient, exponent, sticky);
        value = result.GetValueOrDefault();
        return result.HasValue;
    }

    /// <summary>Plain decimal notation without exponent and without trailing fractional zeros ("1.1", "-0.005", "1000").</summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "0";
        }

        var digits = Digits(Int128.Abs(_coefficient));
        var integerDigits = digits + _exponent;
        var length = (_coefficient < 0 ? 1 : 0) + (_exponent >= 0
            ? integerDigits
            : integerDigits > 0 ? digits + 1 : 2 - integerDigits + digits);
        return string.Create(length, this, static (span, number) => number.Write(span));
    }

    private static void Accumulate(int digit, bool fractional, ref Int128 coefficient, ref int kept, ref long exponent, ref bool sticky)
    {
        if (coefficient == 0 && digit == 0)
        {
            // Leading zeros are not significant, but fractional ones still shift the point.
            exponent -= fractional ? 1 : 0;
        }
        else if (kept < ParsedDigits)
        {
            coefficient = (coefficient * 10) + digit;
            kept++;
            exponent -= fractional ? 1 : 0;
        }
        else
        {
            sticky |= digit != 0;
            exponent += fractional ? 0 : 1;
        }
    }

    /// <summary>Parses an optional "e±digits" suffix (which must be all that remains) into <paramref name="exponent"/>.</summary>
    private static bool TryParseExponent(ReadOnlySpan<char> text, ref long exponent)
    {
        if (text.IsEmpty)
        {
            return true;
        }

        if (text[0] is not ('e' or 'E') || text.Length < 2)
        {
            return false;
        }

        var i = 1;
        var negative = text[i] == '-';
        i += text[i] is '+' or '-' ? 1 : 0;
        if (i == text.Length)
        {
            return false;
        }

        long value = 0;
        for (; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = Math.Min((value * 10) + text[i] - '0', ExponentCap);
        }

        exponent += negative ? -value : value;
        return true;
    }

    private void Write(Span<char> span)
    {
        var position = 0;
        if (_coefficient < 0)
        {
            span[position++] = '-';
        }

        Span<char> digits = stackalloc char[40];
        Int128.Abs(_coefficient).TryFormat(digits, out var count, default, CultureInfo.InvariantCulture);
        digits = digits[..count];
        var integerDigits = count + _exponent;
        if (_exponent >= 0)
        {
            digits.CopyTo(span[position..]);
            span[(position + count)..].Fill('0');
        }
        else if (integerDigits > 0)
        {
            digits[..integerDigits].CopyTo(span[position..]);
            span[position + integerDigits] = '.';
            digits[integerDigits..].CopyTo(span[(position + integerDigits + 1)..]);
        }
        else
        {
            span[position++] = '0';
            span[position++] = '.';
            span.Slice(position, -integerDigits).Fill('0');
            digits.CopyTo(span[(position - integerDigits)..]);
        }
    }
}
