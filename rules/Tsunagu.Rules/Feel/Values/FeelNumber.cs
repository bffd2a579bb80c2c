using System.Numerics;

namespace Tsunagu.Rules.Feel.Values;

/// <summary>
/// A FEEL number: IEEE 754-2008 decimal128 semantics (34 significant digits, round half even).
/// Stored as coefficient × 10^exponent; the coefficient fits in Int128, so common arithmetic does not allocate.
/// </summary>
public readonly struct FeelNumber : IEquatable<FeelNumber>, IComparable<FeelNumber>
{
    public static FeelNumber Zero => throw new NotImplementedException();
    public static FeelNumber One => throw new NotImplementedException();

    public static FeelNumber FromInt64(long value) => throw new NotImplementedException();
    public static FeelNumber FromDecimal(decimal value) => throw new NotImplementedException();
    /// <summary>Null for NaN or infinity.</summary>
    public static FeelNumber? FromDouble(double value) => throw new NotImplementedException();
    public static FeelNumber FromBigInteger(BigInteger coefficient, int exponent) => throw new NotImplementedException();

    /// <summary>FEEL numeric literal / xsd:decimal lexical form; also accepts an exponent ("1.2e3", "-5E-2").</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out FeelNumber value) => throw new NotImplementedException();

    public bool IsZero => throw new NotImplementedException();
    public bool IsInteger => throw new NotImplementedException();
    public int Sign => throw new NotImplementedException();

    public static FeelNumber operator +(FeelNumber a, FeelNumber b) => throw new NotImplementedException();
    public static FeelNumber operator -(FeelNumber a, FeelNumber b) => throw new NotImplementedException();
    public static FeelNumber operator *(FeelNumber a, FeelNumber b) => throw new NotImplementedException();
    public static FeelNumber operator -(FeelNumber a) => throw new NotImplementedException();
    /// <summary>Null when <paramref name="divisor"/> is zero.</summary>
    public static FeelNumber? Divide(FeelNumber dividend, FeelNumber divisor) => throw new NotImplementedException();
    /// <summary>FEEL modulo: dividend - divisor*floor(dividend/divisor); null when divisor is zero.</summary>
    public static FeelNumber? Modulo(FeelNumber dividend, FeelNumber divisor) => throw new NotImplementedException();
    /// <summary>Exact for integer exponents (34-digit rounding); via double otherwise. Null when undefined.</summary>
    public static FeelNumber? Power(FeelNumber value, FeelNumber exponent) => throw new NotImplementedException();
    public static FeelNumber? Sqrt(FeelNumber value) => throw new NotImplementedException();
    public static FeelNumber? Exp(FeelNumber value) => throw new NotImplementedException();
    public static FeelNumber? Ln(FeelNumber value) => throw new NotImplementedException();

    public FeelNumber Abs() => throw new NotImplementedException();
    /// <summary>Rounds to <paramref name="scale"/> digits after the point (negative: before it).</summary>
    public FeelNumber Round(int scale, MidpointRounding mode) => throw new NotImplementedException();
    public FeelNumber Floor(int scale) => throw new NotImplementedException();
    public FeelNumber Ceiling(int scale) => throw new NotImplementedException();

    public bool TryToInt32(out int value) => throw new NotImplementedException();
    public bool TryToInt64(out long value) => throw new NotImplementedException();
    public double ToDouble() => throw new NotImplementedException();
    public BigInteger Truncate() => throw new NotImplementedException();

    public int CompareTo(FeelNumber other) => throw new NotImplementedException();
    public bool Equals(FeelNumber other) => throw new NotImplementedException();
    public override bool Equals(object? obj) => obj is FeelNumber n && Equals(n);
    public override int GetHashCode() => throw new NotImplementedException();
    public static bool operator ==(FeelNumber a, FeelNumber b) => a.Equals(b);
    public static bool operator !=(FeelNumber a, FeelNumber b) => !a.Equals(b);
    public static bool operator <(FeelNumber a, FeelNumber b) => a.CompareTo(b) < 0;
    public static bool operator >(FeelNumber a, FeelNumber b) => a.CompareTo(b) > 0;
    public static bool operator <=(FeelNumber a, FeelNumber b) => a.CompareTo(b) <= 0;
    public static bool operator >=(FeelNumber a, FeelNumber b) => a.CompareTo(b) >= 0;

    /// <summary>Plain decimal notation without exponent and without trailing fractional zeros ("1.1", "-0.005", "1000").</summary>
    public override string ToString() => throw new NotImplementedException();
}
