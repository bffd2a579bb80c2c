using System.Globalization;
using System.Numerics;

namespace Tsunagu.Rules.Feel.Values;

/// <summary>
/// A FEEL number: IEEE 754-2008 decimal128 semantics (34 significant digits, round half even).
/// Stored as coefficient × 10^exponent; the coefficient fits in Int128, so common arithmetic does not allocate.
/// </summary>
/// <remarks>
/// The representation is canonical (no trailing zeros in the coefficient, zero is 0 × 10^0), so equality and
/// hashing are numeric. Results beyond the decimal128 range (above 9.99…×10^6144) make the nullable statics
/// (<see cref="Add"/>, <see cref="Divide"/>, …) return null, while the operators clamp to
/// <see cref="MaxValue"/> / <see cref="MinValue"/>. Results below the smallest subnormal (10^-6176) round to zero.
/// </remarks>
public readonly partial struct FeelNumber : IEquatable<FeelNumber>, IComparable<FeelNumber>
{
    /// <summary>Significant digits of decimal128.</summary>
    public const int Precision = 34;

    /// <summary>Largest power of ten of the most significant digit (decimal128 Emax).</summary>
    private const int MaxAdjustedExponent = 6144;

    /// <summary>Smallest exponent of the least significant digit (subnormal limit, Etiny).</summary>
    private const int MinExponent = -6176;

    private readonly Int128 _coefficient;
    private readonly int _exponent;

    private FeelNumber(Int128 coefficient, int exponent)
    {
        _coefficient = coefficient;
        _exponent = exponent;
    }

    public static FeelNumber Zero => default;
    public static FeelNumber One => new(1, 0);

    /// <summary>The largest finite decimal128 value, 9.99…9 × 10^6144 (34 nines).</summary>
    public static FeelNumber MaxValue => new(Pow10Table[Precision] - 1, MaxAdjustedExponent - Precision + 1);

    public static FeelNumber MinValue => -MaxValue;

    public static FeelNumber FromInt64(long value) => Create((Int128)value, 0);

    public static FeelNumber FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        return Create(bits[3] < 0 ? -magnitude : magnitude, -scale);
    }

    /// <summary>Rounds to 34 digits; clamps to <see cref="MaxValue"/>/<see cref="MinValue"/> beyond the decimal128 range.</summary>
    public static FeelNumber FromBigInteger(BigInteger coefficient, int exponent) => Create(coefficient, exponent);

    public bool IsZero => _coefficient == 0;

    /// <summary>Canonical form has no trailing zeros, so a negative exponent always means a fractional part.</summary>
    public bool IsInteger => _exponent >= 0;

    public int Sign => Int128.Sign(_coefficient);

    public FeelNumber Abs() => new(Int128.Abs(_coefficient), _exponent);

    public bool TryToInt32(out int value)
    {
        var ok = TryToInt64(out var wide) && wide is >= int.MinValue and <= int.MaxValue;
        value = ok ? (int)wide : 0;
        return ok;
    }

    public bool TryToInt64(out long value)
    {
        value = 0;
        if (_exponent < 0 || Digits(Int128.Abs(_coefficient)) + _exponent > 19)
        {
            return false;
        }

        var wide = _coefficient * Pow10Table[_exponent];
        if (wide < long.MinValue || wide > long.MaxValue)
        {
            return false;
        }

        value = (long)wide;
        return true;
    }

    /// <summary>Nearest double (correctly rounded by the runtime's parser); ±infinity beyond the double range.</summary>
    public double ToDouble()
    {
        Span<char> text = stackalloc char[64];
        _coefficient.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        text[length++] = 'E';
        _exponent.TryFormat(text[length..], out var exponentLength, default, CultureInfo.InvariantCulture);
        return double.Parse(text[..(length + exponentLength)], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The integer part (rounded toward zero).</summary>
    public BigInteger Truncate()
    {
        if (_exponent >= 0)
        {
            return _coefficient * BigInteger.Pow(10, _exponent);
        }

        return -_exponent > Precision ? BigInteger.Zero : (BigInteger)(_coefficient / Pow10Table[-_exponent]);
    }

    public int CompareTo(FeelNumber other)
    {
        var sign = Sign;
        if (sign != other.Sign)
        {
            return sign.CompareTo(other.Sign);
        }

        if (_exponent == other._exponent)
        {
            return _coefficient.CompareTo(other._coefficient);
        }

        return sign * CompareMagnitude(Int128.Abs(_coefficient), _exponent, Int128.Abs(other._coefficient), other._exponent);
    }

    public bool Equals(FeelNumber other) => _coefficient == other._coefficient && _exponent == other._exponent;

    public override bool Equals(object? obj) => obj is FeelNumber n && Equals(n);

    public override int GetHashCode() => HashCode.Combine(_coefficient, _exponent);

    public static bool operator ==(FeelNumber a, FeelNumber b) => a.Equals(b);
    public static bool operator !=(FeelNumber a, FeelNumber b) => !a.Equals(b);
    public static bool operator <(FeelNumber a, FeelNumber b) => a.CompareTo(b) < 0;
    public static bool operator >(FeelNumber a, FeelNumber b) => a.CompareTo(b) > 0;
    public static bool operator <=(FeelNumber a, FeelNumber b) => a.CompareTo(b) <= 0;
    public static bool operator >=(FeelNumber a, FeelNumber b) => a.CompareTo(b) >= 0;

    private static int CompareMagnitude(Int128 a, int aExponent, Int128 b, int bExponent)
    {
        var aDigits = Digits(a);
        var bDigits = Digits(b);
        var adjusted = (aExponent + aDigits).CompareTo(bExponent + bDigits);
        if (adjusted != 0)
        {
            return adjusted;
        }

        // Same leading-digit position: aligning to the smaller exponent keeps both within 34 digits.
        return aExponent > bExponent
            ? (a * Pow10Table[aExponent - bExponent]).CompareTo(b)
            : a.CompareTo(b * Pow10Table[bExponent - aExponent]);
    }
}
