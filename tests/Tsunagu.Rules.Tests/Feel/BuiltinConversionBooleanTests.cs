using Tsunagu.Rules.Feel.Temporal;
using static Tsunagu.Rules.Tests.Feel.BuiltinTestKit;

namespace Tsunagu.Rules.Tests.Feel;

[TestClass]
public sealed class BuiltinConversionBooleanTests
{
    [TestMethod]
    public void String_Values_UsesFeelStringForm()
    {
        Assert.AreEqual("1.1", Ok("string", N("1.10")));
        Assert.AreEqual("abc", Ok("string", "abc"));
        Assert.AreEqual("[1, \"a\"]", Ok("string", L(1, "a")));
        Assert.AreEqual("false", Ok("string", false));
        Assert.IsNull(Ok("string", [null]));
    }

    [TestMethod]
    [DataRow("1.000.000,01", ".", ",", "1000000.01")]
    [DataRow("1,000,000.01", ",", ".", "1000000.01")]
    [DataRow("1 000 000.01", " ", ".", "1000000.01")]
    [DataRow("1000000.01", null, ".", "1000000.01")]
    [DataRow("1,000,000", ",", null, "1000000")]
    [DataRow("-12.5", null, null, "-12.5")]
    public void Number_ValidSeparators_Parses(string from, string? grouping, string? decimalSeparator, string expected) =>
        Assert.AreEqual(N(expected), Ok("number", from, grouping, decimalSeparator));

    [TestMethod]
    [DataRow("1,000,000.01", " ", ".")]
    [DataRow("1,000,000.01", ":", ".")]
    [DataRow("1,000,000.01", ",", ":")]
    [DataRow("1,000,000.00", ",", ",")]
    [DataRow("1,000,000.00", ".", ".")]
    [DataRow("foo,bar.001", ".", ",")]
    public void Number_InvalidTextOrSeparators_ReturnsNull(string from, string grouping, string decimalSeparator) =>
        AssertInvalid("number", from, grouping, decimalSeparator);

    [TestMethod]
    public void Number_WrongArguments_ReturnsNull()
    {
        AssertInvalid("number", null, ".", ",");
        AssertInvalid("number", 123, ".", ",");
        AssertInvalid("number", "1", 123, ".");
        AssertInvalid("number", "1.000.000,01", ".");
        AssertInvalid("number", "1", ".", ",", ",");
    }

    [TestMethod]
    public void Number_NamedArguments_BindsByName()
    {
        var (result, _) = CallNamed("number", ("from", "1.000.000,01"), ("decimal separator", ","), ("grouping separator", "."));
        Assert.AreEqual(N("1000000.01"), result);
        Assert.IsNull(CallNamed("number", ("from", "1"), ("decimal sep", ",")).Result);
    }

    [TestMethod]
    public void Not_ThreeValued_NegatesBooleansOnly()
    {
        Assert.AreEqual(false, Ok("not", true));
        Assert.AreEqual(true, Ok("not", false));
        Assert.IsNull(Ok("not", [null]));
        AssertInvalid("not", 1);
        AssertInvalid("not", "true");
    }

    [TestMethod]
    public void Is_SameTypeAndValue_IsTrue()
    {
        Assert.AreEqual(true, Ok("is", N("1.0"), 1));
        Assert.AreEqual(true, Ok("is", "a", "a"));
        Assert.AreEqual(true, Ok("is", null, null));
        Assert.AreEqual(true, Ok("is", TemporalOps.ParseDate("2012-12-25"), TemporalOps.ParseDate("2012-12-25")));
    }

    [TestMethod]
    public void Is_DifferentTypesOrValues_IsFalse()
    {
        Assert.AreEqual(false, Ok("is", 1, "1"));
        Assert.AreEqual(false, Ok("is", 1, null));
        Assert.AreEqual(false, Ok("is", L(1), L(2)));
        Assert.AreEqual(false, Ok("is", TemporalOps.ParseDate("2012-12-25"), TemporalOps.ParseDateTime("2012-12-25T00:00:00")));
        Assert.AreEqual(false, Ok("is", TemporalOps.ParseTime("23:00:50Z"), TemporalOps.ParseTime("23:00:50")));
    }

    [TestMethod]
    public void Is_TimeWithOffsetAndWithZone_IsFalse() =>
        Assert.AreEqual(false, Ok("is", TemporalOps.ParseTime("10:00:00+01:00"), TemporalOps.ParseTime("10:00:00@Europe/Paris")));

    [TestMethod]
    public void String_IsRegisteredWithFromParameter() =>
        Assert.AreEqual("x", CallNamed("string", ("from", "x")).Result as string);
}
