using System.Numerics;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Feel;

[TestClass]
public sealed class FeelNumberTests
{
    [TestMethod]
    [DataRow("1.1", "1.1")]
    [DataRow("-0.005", "-0.005")]
    [DataRow("1000", "1000")]
    [DataRow("1.10", "1.1")]
    [DataRow("0.0", "0")]
    [DataRow("-0", "0")]
    [DataRow("+7", "7")]
    [DataRow(".5", "0.5")]
    [DataRow("007.50", "7.5")]
    [DataRow("1.2e3", "1200")]
    [DataRow("-5E-2", "-0.05")]
    [DataRow("1e+2", "100")]
    [DataRow("1234567890123456789012345678901234e4", "12345678901234567890123456789012340000")]
    [DataRow("1e-40", "0.0000000000000000000000000000000000000001")]
    public void TryParse_ValidText_FormatsPlain(string text, string expected)
    {
        Assert.IsTrue(FeelNumber.TryParse(text, out var value));
        Assert.AreEqual(expected, value.ToString());
    }

    [TestMethod]
    [DataRow("")]
    [DataRow(" 1")]
    [DataRow("1 ")]
    [DataRow("1.")]
    [DataRow(".")]
    [DataRow("-")]
    [DataRow("NaN")]
    [DataRow("Infinity")]
    [DataRow("1e")]
    [DataRow("1e+")]
    [DataRow("1.2.3")]
    [DataRow("1,5")]
    [DataRow("1e7000")]
    public void TryParse_InvalidOrOutOfRange_ReturnsFalse(string text)
    {
        Assert.IsFalse(FeelNumber.TryParse(text, out _));
    }

    [TestMethod]
    [DataRow("1.00000000000000000000000000000000050", "1")]
    [DataRow("1.00000000000000000000000000000000150", "1.000000000000000000000000000000002")]
    [DataRow("1.000000000000000000000000000000000500001", "1.000000000000000000000000000000001")]
    [DataRow("-1.00000000000000000000000000000000150", "-1.000000000000000000000000000000002")]
    [DataRow("99999999999999999999999999999999995", "100000000000000000000000000000000000")]
    public void TryParse_MoreThan34Digits_RoundsHalfEven(string text, string expected)
    {
        Assert.IsTrue(FeelNumber.TryParse(text, out var value));
        Assert.AreEqual(expected, value.ToString());
    }

    [TestMethod]
    public void Add_PointOnePlusPointTwo_IsExactlyPointThree()
    {
        Assert.AreEqual(N("0.3"), N("0.1") + N("0.2"));
        Assert.AreEqual("0.3", (N("0.1") + N("0.2")).ToString());
    }

    [TestMethod]
    [DataRow("1.2345", "2.234", "3.4685")]
    [DataRow("1.1234", "-0.2345", "0.8889")]
    [DataRow("1e30", "1e-30", "1000000000000000000000000000000")]
    [DataRow("1", "1e-33", "1.000000000000000000000000000000001")]
    [DataRow("1", "5e-34", "1")]
    [DataRow("1", "1.5e-33", "1.000000000000000000000000000000002")]
    [DataRow("9999999999999999999999999999999999", "1", "10000000000000000000000000000000000")]
    [DataRow("123456789012345678901234567890.1234", "987654321098765432109876543210.9876", "1111111110111111111011111111101.111")]
    [DataRow("5", "-5", "0")]
    public void Add_Values_RoundsTo34Digits(string a, string b, string expected)
    {
        Assert.AreEqual(expected, (N(a) + N(b)).ToString());
        Assert.AreEqual(expected, (N(b) + N(a)).ToString());
    }

    [TestMethod]
    public void Subtract_LargeMinusTiny_RoundsBackToLarge()
    {
        Assert.AreEqual(N("1e40"), N("1e40") - N("1e-40"));
        Assert.AreEqual("0.8889", (N("1.1234") - N("0.2345")).ToString());
    }

    [TestMethod]
    [DataRow("12345678901234567890", "98765432109876543210", "1219326311370217952237463801111264000000")]
    [DataRow("1.5", "-2", "-3")]
    [DataRow("0.1", "0.1", "0.01")]
    [DataRow("3333333333333333333333333333333333", "3", "9999999999999999999999999999999999")]
    [DataRow("9999999999999999999999999999999999", "9999999999999999999999999999999999", "99999999999999999999999999999999980000000000000000000000000000000000")]
    public void Multiply_Values_ExactThenRounded(string a, string b, string expected)
    {
        Assert.AreEqual(expected, (N(a) * N(b)).ToString());
    }

    [TestMethod]
    [DataRow("1", "3", "0.3333333333333333333333333333333333")]
    [DataRow("2", "3", "0.6666666666666666666666666666666667")]
    [DataRow("-2", "3", "-0.6666666666666666666666666666666667")]
    [DataRow("100", "10", "10")]
    [DataRow("1", "4", "0.25")]
    [DataRow("15", "7", "2.142857142857142857142857142857143")]
    [DataRow("1", "123456789", "0.000000008100000073710000670761006103925156")]
    [DataRow("1e40", "3e-10", "33333333333333333333333333333333330000000000000000")]
    public void Divide_Values_Rounds34DigitsHalfEven(string a, string b, string expected)
    {
        Assert.AreEqual(expected, FeelNumber.Divide(N(a), N(b)).ToString());
    }

    [TestMethod]
    public void Divide_ByZero_ReturnsNull()
    {
        Assert.IsNull(FeelNumber.Divide(N("1"), FeelNumber.Zero));
    }

    [TestMethod]
    public void Equals_TrailingZeros_EqualWithSameHash()
    {
        var a = N("1.0");
        var b = FeelNumber.FromInt64(1);
        Assert.AreEqual(a, b);
        Assert.IsTrue(a == b);
        Assert.AreEqual(a.GetHashCode(), b.GetHashCode());
        Assert.AreEqual(N("1200"), N("1.2e3"));
        Assert.AreEqual(FeelNumber.FromDecimal(2.50m), N("2.5"));
    }

    [TestMethod]
    [DataRow("1", "2", -1)]
    [DataRow("-1", "-2", 1)]
    [DataRow("0.1", "0.09", 1)]
    [DataRow("-0.1", "0.09", -1)]
    [DataRow("1e10", "9999999999", 1)]
    [DataRow("12.5", "12.50", 0)]
    [DataRow("0", "-0.0001", 1)]
    public void CompareTo_Values_TotalOrder(string a, string b, int expected)
    {
        Assert.AreEqual(expected, Math.Sign(N(a).CompareTo(N(b))));
        Assert.AreEqual(-expected, Math.Sign(N(b).CompareTo(N(a))));
    }

    [TestMethod]
    [DataRow("10", "4", "2")]
    [DataRow("10", "-4", "-2")]
    [DataRow("-10", "4", "2")]
    [DataRow("-12", "-5", "-2")]
    [DataRow("10.1", "4.5", "1.1")]
    [DataRow("-10.1", "4.5", "3.4")]
    [DataRow("10.1", "-4.5", "-3.4")]
    [DataRow("-10.1", "-4.5", "-1.1")]
    [DataRow("0", "4", "0")]
    [DataRow("1e50", "7", "2")]
    public void Modulo_Values_TakesDivisorSign(string a, string b, string expected)
    {
        Assert.AreEqual(expected, FeelNumber.Modulo(N(a), N(b)).ToString());
    }

    [TestMethod]
    public void Modulo_ByZero_ReturnsNull()
    {
        Assert.IsNull(FeelNumber.Modulo(N("10"), FeelNumber.Zero));
    }

    [TestMethod]
    [DataRow("2", "10", "1024")]
    [DataRow("2", "-2", "0.25")]
    [DataRow("0", "0", "1")]
    [DataRow("-3", "3", "-27")]
    [DataRow("1.1", "2", "1.21")]
    [DataRow("2", "200", "1606938044258990275541962092341162602522202993782792835301376")]
    [DataRow("3", "-1", "0.3333333333333333333333333333333333")]
    [DataRow("4", "0.5", "2")]
    public void Power_Values_ExactForIntegerExponents(string value, string exponent, string expected)
    {
        Assert.AreEqual(N(expected), FeelNumber.Power(N(value), N(exponent)));
    }

    [TestMethod]
    public void Power_Undefined_ReturnsNull()
    {
        Assert.IsNull(FeelNumber.Power(FeelNumber.Zero, N("-1")));
        Assert.IsNull(FeelNumber.Power(N("-8"), N("0.5")));
        Assert.IsNull(FeelNumber.Power(N("10"), N("7000")));
        Assert.AreEqual(FeelNumber.Zero, FeelNumber.Power(N("10"), N("-7000")));
    }

    [TestMethod]
    [DataRow("2", "1.414213562373095048801688724209698")]
    [DataRow("16", "4")]
    [DataRow("0.01", "0.1")]
    [DataRow("1e-5", "0.003162277660168379331998893544432719")]
    [DataRow("99999999999999999999999999999999", "9999999999999999.999999999999999950")]
    [DataRow("0", "0")]
    public void Sqrt_Values_CorrectTo34Digits(string value, string expected)
    {
        Assert.AreEqual(N(expected), FeelNumber.Sqrt(N(value)));
    }

    [TestMethod]
    public void Sqrt_Negative_ReturnsNull()
    {
        Assert.IsNull(FeelNumber.Sqrt(N("-1")));
    }

    [TestMethod]
    public void ExpAndLn_Values_AccurateToDoublePrecision()
    {
        Assert.AreEqual(54.598150033144236, FeelNumber.Exp(N("4"))!.Value.ToDouble(), 1e-12);
        Assert.AreEqual(1.3862943611198906, FeelNumber.Ln(N("4"))!.Value.ToDouble(), 1e-12);
        Assert.AreEqual(921.03403719761836, FeelNumber.Ln(N("1e400"))!.Value.ToDouble(), 1e-9);
        Assert.IsNull(FeelNumber.Ln(FeelNumber.Zero));
        Assert.IsNull(FeelNumber.Ln(N("-1")));
        Assert.IsNull(FeelNumber.Exp(N("100000")));
    }

    [TestMethod]
    [DataRow("2.5", 0, FeelRounding.HalfEven, "2")]
    [DataRow("3.5", 0, FeelRounding.HalfEven, "4")]
    [DataRow("-2.5", 0, FeelRounding.HalfEven, "-2")]
    [DataRow("2.5", 0, FeelRounding.HalfUp, "3")]
    [DataRow("-2.5", 0, FeelRounding.HalfUp, "-3")]
    [DataRow("2.5", 0, FeelRounding.HalfDown, "2")]
    [DataRow("-2.5", 0, FeelRounding.HalfDown, "-2")]
    [DataRow("2.51", 0, FeelRounding.HalfDown, "3")]
    [DataRow("-1.126", 2, FeelRounding.HalfDown, "-1.13")]
    [DataRow("5.5", 0, FeelRounding.Up, "6")]
    [DataRow("-5.5", 0, FeelRounding.Up, "-6")]
    [DataRow("1.121", 2, FeelRounding.Up, "1.13")]
    [DataRow("-1.126", 2, FeelRounding.Down, "-1.12")]
    [DataRow("-1.56", 1, FeelRounding.Floor, "-1.6")]
    [DataRow("-1.56", 1, FeelRounding.Ceiling, "-1.5")]
    [DataRow("1234.5", -2, FeelRounding.HalfEven, "1200")]
    [DataRow("1250", -2, FeelRounding.HalfEven, "1200")]
    [DataRow("0.0004", 2, FeelRounding.Up, "0.01")]
    [DataRow("0.0004", 2, FeelRounding.HalfUp, "0")]
    [DataRow("5.5", -6111, FeelRounding.Up, "1e6111")]
    [DataRow("5.5", 6176, FeelRounding.Up, "5.5")]
    public void Round_TiesAndDirections_FollowMode(string value, int scale, FeelRounding mode, string expected)
    {
        Assert.AreEqual(N(expected), N(value).Round(scale, mode));
    }

    [TestMethod]
    [DataRow("2.5", MidpointRounding.ToEven, "2")]
    [DataRow("-2.5", MidpointRounding.AwayFromZero, "-3")]
    [DataRow("-2.7", MidpointRounding.ToZero, "-2")]
    [DataRow("-2.1", MidpointRounding.ToNegativeInfinity, "-3")]
    [DataRow("-2.9", MidpointRounding.ToPositiveInfinity, "-2")]
    public void Round_MidpointRounding_MapsToMode(string value, MidpointRounding mode, string expected)
    {
        Assert.AreEqual(N(expected), N(value).Round(0, mode));
    }

    [TestMethod]
    public void FloorAndCeiling_WithScale_RoundTowardInfinities()
    {
        Assert.AreEqual(N("-2"), N("-1.5").Floor(0));
        Assert.AreEqual(N("1.5"), N("1.56").Floor(1));
        Assert.AreEqual(N("1.6"), N("1.51").Ceiling(1));
        Assert.AreEqual(N("-1"), N("-1.5").Ceiling(0));
    }

    [TestMethod]
    public void FromDouble_ShortestRoundTrip_AndNonFinite()
    {
        Assert.AreEqual(N("0.1"), FeelNumber.FromDouble(0.1));
        Assert.AreEqual(N("1e-5"), FeelNumber.FromDouble(1e-5));
        Assert.AreEqual(N("1e20"), FeelNumber.FromDouble(1e20));
        Assert.IsNull(FeelNumber.FromDouble(double.NaN));
        Assert.IsNull(FeelNumber.FromDouble(double.PositiveInfinity));
    }

    [TestMethod]
    public void FromDecimal_Extremes_Exact()
    {
        Assert.AreEqual("79228162514264337593543950335", FeelNumber.FromDecimal(decimal.MaxValue).ToString());
        Assert.AreEqual("-0.0000000000000000000000000001", FeelNumber.FromDecimal(-0.0000000000000000000000000001m).ToString());
    }

    [TestMethod]
    public void TryToInt64_IntegralInRange_Succeeds()
    {
        Assert.IsTrue(N("1e18").TryToInt64(out var big));
        Assert.AreEqual(1_000_000_000_000_000_000L, big);
        Assert.IsTrue(N("-9223372036854775808").TryToInt64(out var min));
        Assert.AreEqual(long.MinValue, min);
        Assert.IsFalse(N("9223372036854775808").TryToInt64(out _));
        Assert.IsFalse(N("1.5").TryToInt64(out _));
        Assert.IsTrue(N("-2147483648").TryToInt32(out var i));
        Assert.AreEqual(int.MinValue, i);
        Assert.IsFalse(N("2147483648").TryToInt32(out _));
    }

    [TestMethod]
    public void Truncate_Values_DropsFraction()
    {
        Assert.AreEqual(new BigInteger(-3), N("-3.99").Truncate());
        Assert.AreEqual(BigInteger.Pow(10, 40), N("1e40").Truncate());
        Assert.AreEqual(BigInteger.Zero, N("1e-50").Truncate());
    }

    [TestMethod]
    public void Add_BeyondRange_NullFromStaticAndClampedOperator()
    {
        var max = FeelNumber.MaxValue;
        Assert.IsNull(FeelNumber.Add(max, max));
        Assert.IsNull(FeelNumber.Multiply(max, N("10")));
        Assert.AreEqual(max, max + max);
        Assert.AreEqual(FeelNumber.MinValue, FeelNumber.MinValue * N("10"));
    }

    [TestMethod]
    public void Multiply_BelowSubnormal_RoundsToZero()
    {
        Assert.AreEqual(FeelNumber.Zero, N("1e-4000") * N("1e-4000"));
        Assert.AreEqual(N("1e-6176"), N("1e-6000") * N("1e-176"));
    }

    [TestMethod]
    public void Arithmetic_Int128Path_DoesNotAllocate()
    {
        var a = N("12345.678");
        var b = N("-98.7654321");
        var sink = Work(a, b);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            sink += Work(a, b);
        }

        Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.AreNotEqual(0, sink);

        static int Work(FeelNumber a, FeelNumber b) =>
            (a + b).CompareTo(a * b) + (a - b).Sign + a.Round(2, FeelRounding.HalfEven).Sign
            + FeelNumber.Modulo(a, b)!.Value.Sign + (FeelNumber.TryParse("-1.5", out var c) ? c.Sign : 0);
    }

    private static FeelNumber N(string text) =>
        FeelNumber.TryParse(text, out var value) ? value : throw new FormatException(text);
}
