using System.Numerics;

namespace Tsunagu.Rules.Feel.Values;

/// <summary>Rounding to 34 digits or to a scale, canonicalization and digit arithmetic shared by all operations.</summary>
public readonly partial struct FeelNumber
{
    private const double Log10Of2 = 0.30102999566398120;

    /// <summary>10^0 … 10^38, every power of ten that fits in Int128.</summary>
    private static readonly Int128[] Pow10Table = BuildPow10Table();

    /// <summary>Rounds to <paramref name="scale"/> digits after the point (negative: before it).</summary>
    public FeelNumber Round(int scale, MidpointRounding mode) => Round(scale, mode switch
    {
        MidpointRounding.AwayFromZero => FeelRounding.HalfUp,
        MidpointRounding.ToZero => FeelRounding.Down,
        MidpointRounding.ToPositiveInfinity => FeelRounding.Ceiling,
        MidpointRounding.ToNegativeInfinity => FeelRounding.Floor,
        _ => FeelRounding.HalfEven,
    });

    /// <summary>Rounds to <paramref name="scale"/> digits after the point (negative: before it).</summary>
    public FeelNumber Round(int scale, FeelRounding mode)
    {
        var drop = -(long)scale - _exponent;
        if (drop <= 0 || IsZero)
        {
            return this;
        }

        var magnitude = Int128.Abs(_coefficient);
        var negative = _coefficient < 0;
        var clamped = (int)Math.Min(drop, Digits(magnitude) + 1);
        var rounded = RoundOff(magnitude, clamped, sticky: false, negative, mode);
        return Create(negative ? -rounded : rounded, -(long)scale);
    }

    public FeelNumber Floor(int scale) => Round(scale, FeelRounding.Floor);

    public FeelNumber Ceiling(int scale) => Round(scale, FeelRounding.Ceiling);

    /// <summary>Like <see cref="Finish{T}"/> but clamps an out-of-range result instead of returning null.</summary>
    private static FeelNumber Create<T>(T coefficient, long exponent)
        where T : IBinaryInteger<T>
        => Finish(coefficient, exponent) ?? (T.IsNegative(coefficient) ? MinValue : MaxValue);

    /// <summary>
    /// Rounds coefficient × 10^exponent half-even to 34 digits (or to the subnormal limit) and canonicalizes it.
    /// <paramref name="sticky"/> says that nonzero digits below the coefficient were already discarded.
    /// Null when the result exceeds the decimal128 range.
    /// </summary>
    private static FeelNumber? Finish<T>(T coefficient, long exponent, bool sticky = false)
        where T : IBinaryInteger<T>
    {
        if (T.IsZero(coefficient))
        {
            return Zero;
        }

        var negative = T.IsNegative(coefficient);
        var magnitude = T.Abs(coefficient);
        var digits = Digits(magnitude);
        var drop = Math.Max(digits - Precision, MinExponent - exponent);
        if (drop > 0)
        {
            // Dropping more than digits+1 places rounds to zero either way; clamping keeps 10^drop small.
            var clamped = (int)Math.Min(drop, digits + 1);
            if (clamped >= Pow10Table.Length && typeof(T) != typeof(BigInteger))
            {
                // 10^clamped does not fit in Int128 (only deep in the subnormal range).
                return Finish(BigInteger.CreateTruncating(coefficient), exponent, sticky);
            }

            magnitude = RoundOff(magnitude, clamped, sticky, negative, FeelRounding.HalfEven);
            exponent += drop;
            digits = Math.Max(digits - clamped, 1);
            if (magnitude == Pow10<T>(digits))
            {
                digits++;
            }
        }

        if (T.IsZero(magnitude))
        {
            return Zero;
        }

        if (exponent + digits - 1 > MaxAdjustedExponent)
        {
            return null;
        }

        var canonical = Int128.CreateTruncating(magnitude);
        while (canonical % 10 == 0)
        {
            canonical /= 10;
            exponent++;
        }

        return new FeelNumber(negative ? -canonical : canonical, (int)exponent);
    }

    /// <summary>Divides a non-negative magnitude by 10^drop and rounds the quotient by <paramref name="mode"/>.</summary>
    private static T RoundOff<T>(T magnitude, int drop, bool sticky, bool negative, FeelRounding mode)
        where T : IBinaryInteger<T>
    {
        var divisor = Pow10<T>(drop);
        var (quotient, remainder) = T.DivRem(magnitude, divisor);
        if (T.IsZero(remainder) && !sticky)
        {
            return quotient;
        }

        // Compare the remainder with divisor - remainder rather than 2 × remainder, which could overflow Int128.
        var half = remainder.CompareTo(divisor - remainder);
        if (half == 0 && sticky)
        {
            half = 1;
        }

        var up = mode switch
        {
            FeelRounding.Up => true,
            FeelRounding.Down => false,
            FeelRounding.Ceiling => !negative,
            FeelRounding.Floor => negative,
            FeelRounding.HalfUp => half >= 0,
            FeelRounding.HalfDown => half > 0,
            _ => half > 0 || (half == 0 && T.IsOddInteger(quotient)),
        };
        return up ? quotient + T.One : quotient;
    }

    /// <summary>Number of decimal digits of a non-negative value (1 for zero).</summary>
    private static int Digits<T>(T magnitude)
        where T : IBinaryInteger<T>
    {
        // floor(log10) is floor(log2 × log10(2)) or one more; a single comparison decides.
        var log2 = long.CreateTruncating(T.Log2(magnitude));
        var lower = (int)(log2 * Log10Of2);
        return magnitude >= Pow10<T>(lower + 1) ? lower + 2 : lower + 1;
    }

    private static T Pow10<T>(int power)
        where T : IBinaryInteger<T>
        => power < Pow10Table.Length
            ? T.CreateTruncating(Pow10Table[power])
            : T.CreateTruncating(BigInteger.Pow(10, power));

    private static Int128[] BuildPow10Table()
    {
        var table = new Int128[39];
        table[0] = 1;
        for (var i = 1; i < table.Length; i++)
        {
            table[i] = table[i - 1] * 10;
        }

        return table;
    }
}
