using System.Numerics;

namespace Tsunagu.Rules.Feel.Values;

/// <summary>Power, square root, exponential and logarithm.</summary>
public readonly partial struct FeelNumber
{
    /// <summary>Powers keep this many digits once an intermediate grows past <see cref="PowerTrimThreshold"/>.</summary>
    private const int PowerWorkingDigits = 60;

    private const int PowerTrimThreshold = 80;

    /// <summary>A power whose base already passed 10^±7000 is certain to overflow or underflow the result.</summary>
    private const long PowerRangeLimit = 7000;

    /// <summary>Radicands get at least this many digits so the integer root has two guard digits.</summary>
    private const int SqrtRadicandDigits = (2 * Precision) + 4;

    /// <summary>
    /// Exact for integer exponents (34-digit rounding); via double otherwise. Null when undefined
    /// (0 to a negative power, a non-real result) or beyond the decimal128 range.
    /// </summary>
    public static FeelNumber? Power(FeelNumber value, FeelNumber exponent)
    {
        if (exponent.TryToInt32(out var n))
        {
            return IntegerPower(value, n);
        }

        return FromDouble(Math.Pow(value.ToDouble(), exponent.ToDouble()));
    }

    /// <summary>Correctly rounded to 34 digits; null for a negative value.</summary>
    public static FeelNumber? Sqrt(FeelNumber value)
    {
        if (value.Sign <= 0)
        {
            return value.IsZero ? Zero : null;
        }

        BigInteger radicand = value._coefficient;
        long exponent = value._exponent;
        var scale = Math.Max(0, SqrtRadicandDigits - Digits(radicand));

        // Scale by an even power of ten and leave an even exponent, so halving it is exact.
        scale += (scale + (int)(exponent & 1)) & 1;
        radicand *= BigInteger.Pow(10, scale);
        exponent -= scale;
        var root = IntegerSqrt(radicand);
        return Finish(root, exponent / 2, sticky: root * root != radicand);
    }

    /// <summary>e^value via double (about 15 significant digits); null when it overflows double.</summary>
    public static FeelNumber? Exp(FeelNumber value) => FromDouble(Math.Exp(value.ToDouble()));

    /// <summary>Natural logarithm via double (about 15 significant digits); null for zero or a negative value.</summary>
    public static FeelNumber? Ln(FeelNumber value)
    {
        if (value.Sign <= 0)
        {
            return null;
        }

        var approximation = value.ToDouble();
        if (double.IsNormal(approximation))
        {
            return FromDouble(Math.Log(approximation));
        }

        // Outside the double range: ln(c × 10^e) = ln(c) + e × ln(10).
        return FromDouble(Math.Log((double)value._coefficient) + (value._exponent * Math.Log(10)));
    }

    private static FeelNumber? IntegerPower(FeelNumber value, int n)
    {
        if (n == 0)
        {
            return One;
        }

        if (value.IsZero)
        {
            return n > 0 ? Zero : null;
        }

        // Square-and-multiply; exact until an intermediate exceeds PowerTrimThreshold digits.
        BigInteger result = BigInteger.One;
        long resultExponent = 0;
        BigInteger factor = value._coefficient;
        long factorExponent = value._exponent;
        var inexact = false;
        for (var remaining = Math.Abs((long)n); ; remaining >>= 1)
        {
            if ((remaining & 1) != 0)
            {
                result *= factor;
                resultExponent += factorExponent;
                inexact |= Trim(ref result, ref resultExponent);
            }

            if (remaining == 1)
            {
                break;
            }

            factor *= factor;
            factorExponent *= 2;
            inexact |= Trim(ref factor, ref factorExponent);
            var leading = factorExponent + Digits(BigInteger.Abs(factor));
            if (Math.Abs(leading) > PowerRangeLimit)
            {
                // |result| will pass 10^±7000 too: too large (null) or too small (zero), depending on n's sign.
                return (leading > 0) == (n > 0) ? null : Zero;
            }
        }

        return n > 0
            ? Finish(result, resultExponent, inexact)
            : Quotient(BigInteger.One, result, -resultExponent);
    }

    /// <summary>Truncates to <see cref="PowerWorkingDigits"/> digits when longer than the threshold; true if digits were lost.</summary>
    private static bool Trim(ref BigInteger value, ref long exponent)
    {
        var digits = Digits(BigInteger.Abs(value));
        if (digits <= PowerTrimThreshold)
        {
            return false;
        }

        var drop = digits - PowerWorkingDigits;
        value = BigInteger.DivRem(value, BigInteger.Pow(10, drop), out var remainder);
        exponent += drop;
        return !remainder.IsZero;
    }

    /// <summary>floor(√n) for n ≥ 0 by Newton's method from an over-estimate.</summary>
    private static BigInteger IntegerSqrt(BigInteger n)
    {
        if (n < 2)
        {
            return n;
        }

        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var next = (x + (n / x)) >> 1;
            if (next >= x)
            {
                return x;
            }

            x = next;
        }
    }
}
