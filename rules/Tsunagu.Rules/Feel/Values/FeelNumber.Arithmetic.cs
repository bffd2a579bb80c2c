using System.Numerics;

namespace Tsunagu.Rules.Feel.Values;

/// <summary>Exact-then-rounded arithmetic: Int128 when the intermediate fits, BigInteger otherwise.</summary>
public readonly partial struct FeelNumber
{
    /// <summary>Intermediates up to this many digits stay below 10^38, leaving Int128 headroom for one more 34-digit addend.</summary>
    private const int MaxInt128Digits = 38;

    /// <summary>Guard digits beyond the precision kept by division so the final rounding is exact.</summary>
    private const int QuotientDigits = Precision + 1;

    public static FeelNumber operator +(FeelNumber a, FeelNumber b) => Add(a, b) ?? Clamp(a.Sign + b.Sign);
    public static FeelNumber operator -(FeelNumber a, FeelNumber b) => Add(a, -b) ?? Clamp(a.Sign - b.Sign);
    public static FeelNumber operator *(FeelNumber a, FeelNumber b) => Multiply(a, b) ?? Clamp(a.Sign * b.Sign);
    public static FeelNumber operator -(FeelNumber a) => new(-a._coefficient, a._exponent);

    /// <summary>a + b rounded to 34 digits; null when the result exceeds the decimal128 range.</summary>
    public static FeelNumber? Add(FeelNumber a, FeelNumber b)
    {
        if (a.IsZero || b.IsZero)
        {
            return a.IsZero ? b : a;
        }

        var aDigits = Digits(Int128.Abs(a._coefficient));
        var bDigits = Digits(Int128.Abs(b._coefficient));
        var aLeading = (long)a._exponent + aDigits;
        var bLeading = (long)b._exponent + bDigits;

        // An operand entirely below the other's rounding digit (with two guard digits) cannot change it.
        if (Math.Abs(aLeading - bLeading) > Precision + 2)
        {
            return aLeading > bLeading ? a : b;
        }

        // Scale the operand with the larger exponent down to the other's exponent.
        var (high, highDigits, low) = a._exponent >= b._exponent ? (a, aDigits, b) : (b, bDigits, a);
        var shift = high._exponent - low._exponent;
        return highDigits + shift <= MaxInt128Digits
            ? Finish(high._coefficient * Pow10Table[shift] + low._coefficient, low._exponent)
            : Finish((BigInteger)high._coefficient * BigInteger.Pow(10, shift) + low._coefficient, low._exponent);
    }

    /// <summary>a − b rounded to 34 digits; null when the result exceeds the decimal128 range.</summary>
    public static FeelNumber? Subtract(FeelNumber a, FeelNumber b) => Add(a, -b);

    /// <summary>a × b rounded to 34 digits; null when the result exceeds the decimal128 range.</summary>
    public static FeelNumber? Multiply(FeelNumber a, FeelNumber b)
    {
        var exponent = (long)a._exponent + b._exponent;
        var bits = BitLength(a._coefficient) + BitLength(b._coefficient);
        return bits <= 126
            ? Finish(a._coefficient * b._coefficient, exponent)
            : Finish((BigInteger)a._coefficient * b._coefficient, exponent);
    }

    /// <summary>Null when <paramref name="divisor"/> is zero or the quotient exceeds the decimal128 range.</summary>
    public static FeelNumber? Divide(FeelNumber dividend, FeelNumber divisor)
    {
        if (divisor.IsZero)
        {
            return null;
        }

        var exponent = (long)dividend._exponent - divisor._exponent;
        var dividendDigits = Digits(Int128.Abs(dividend._coefficient));
        var divisorDigits = Digits(Int128.Abs(divisor._coefficient));
        return dividendDigits + Math.Max(0, divisorDigits + QuotientDigits - dividendDigits) <= MaxInt128Digits
            ? Quotient(dividend._coefficient, divisor._coefficient, exponent)
            : Quotient((BigInteger)dividend._coefficient, (BigInteger)divisor._coefficient, exponent);
    }

    /// <summary>
    /// FEEL modulo: dividend - divisor*floor(dividend/divisor), so the result has the divisor's sign; null when divisor is zero.
    /// Computed exactly (not through a rounded quotient), then rounded to 34 digits.
    /// </summary>
    public static FeelNumber? Modulo(FeelNumber dividend, FeelNumber divisor)
    {
        if (divisor.IsZero)
        {
            return null;
        }

        var exponent = Math.Min(dividend._exponent, divisor._exponent);
        var dividendShift = dividend._exponent - exponent;
        var divisorShift = divisor._exponent - exponent;
        var fits = Digits(Int128.Abs(dividend._coefficient)) + dividendShift <= MaxInt128Digits
            && Digits(Int128.Abs(divisor._coefficient)) + divisorShift <= MaxInt128Digits;
        return fits
            ? FlooredRemainder(dividend._coefficient * Pow10Table[dividendShift], divisor._coefficient * Pow10Table[divisorShift], exponent)
            : FlooredRemainder(
                dividend._coefficient * BigInteger.Pow(10, dividendShift),
                divisor._coefficient * BigInteger.Pow(10, divisorShift),
                exponent);
    }

    /// <summary>The operators cannot return null, so an out-of-range result saturates toward its sign.</summary>
    private static FeelNumber Clamp(int sign) => sign < 0 ? MinValue : MaxValue;

    private static int BitLength(Int128 value) => 128 - (int)Int128.LeadingZeroCount(Int128.Abs(value));

    /// <summary>a / b × 10^exponent with enough guard digits that one half-even rounding is correct.</summary>
    private static FeelNumber? Quotient<T>(T a, T b, long exponent)
        where T : IBinaryInteger<T>
    {
        var shift = Math.Max(0, Digits(T.Abs(b)) + QuotientDigits - Digits(T.Abs(a)));
        var (quotient, remainder) = T.DivRem(a * Pow10<T>(shift), b);
        return Finish(quotient, exponent - shift, sticky: !T.IsZero(remainder));
    }

    private static FeelNumber? FlooredRemainder<T>(T a, T b, long exponent)
        where T : IBinaryInteger<T>
    {
        var remainder = a % b;
        if (!T.IsZero(remainder) && T.IsNegative(remainder) != T.IsNegative(b))
        {
            remainder += b;
        }

        return Finish(remainder, exponent);
    }
}
