using Tsunagu.Rules.Feel.Values;
using static Tsunagu.Rules.Tests.Feel.BuiltinTestKit;

namespace Tsunagu.Rules.Tests.Feel;

[TestClass]
public sealed class BuiltinStringTests
{
    private const string Horse = "\U0001F40E";
    private const string Grin = "\U0001F600";

    [TestMethod]
    [DataRow("foobar", 3, null, "obar")]
    [DataRow("foobar", 3, 3, "oba")]
    [DataRow("foobar", 6, null, "r")]
    [DataRow("foobar", -2, 1, "a")]
    [DataRow("foobar", -6, 6, "foobar")]
    [DataRow("foobar", 5, 10, "ar")]
    [DataRow("foobar", 1, 0, "")]
    public void Substring_Positions_CountsFromOneOrFromTheEnd(string text, int start, int? length, string expected) =>
        Assert.AreEqual(expected, length is null ? Ok("substring", text, start) : Ok("substring", text, start, length));

    [TestMethod]
    public void Substring_FractionalLength_IsTruncated() =>
        Assert.AreEqual("oba", Ok("substring", "foobar", 3, N("3.8")));

    [TestMethod]
    public void Substring_SurrogatePairs_CountAsOneCharacter()
    {
        Assert.AreEqual("foo", Ok("substring", Horse + "foo", 2));
        Assert.AreEqual(Horse, Ok("substring", "foo" + Horse + "bar" + Grin, 4, 1));
        Assert.AreEqual(Horse + "bar", Ok("substring", "foo" + Horse + "bar" + Grin, 4, 4));
        Assert.AreEqual(Grin, Ok("substring", "foo" + Horse + "bar" + Grin, -1));
    }

    [TestMethod]
    public void Substring_InvalidArguments_ReturnsNull()
    {
        AssertInvalid("substring", "foobar", 0);
        AssertInvalid("substring", "foobar", 7);
        AssertInvalid("substring", "foobar", -7);
        AssertInvalid("substring", "foobar", 1, -1);
        AssertInvalid("substring", 12, 1);
        AssertInvalid("substring", "foobar", "1");
        AssertInvalid("substring", null, 1);
    }

    [TestMethod]
    public void Substring_NamedArguments_BindsByName() =>
        Assert.AreEqual("obar", CallNamed("substring", ("string", "foobar"), ("start position", 3)).Result);

    [TestMethod]
    public void StringLength_SurrogatePairs_CountsCodePoints()
    {
        Assert.AreEqual(N("0"), Ok("string length", ""));
        Assert.AreEqual(N("1"), Ok("string length", Horse));
        Assert.AreEqual(N("2"), Ok("string length", Horse + Grin));
        Assert.AreEqual(N("6"), Ok("string length", "\\u0009"));
        AssertInvalid("string length", 1);
    }

    [TestMethod]
    public void UpperLowerCase_Strings_ChangesCaseInvariantly()
    {
        Assert.AreEqual("ABC1?", Ok("upper case", "aBc1?"));
        Assert.AreEqual("", Ok("upper case", ""));
        Assert.AreEqual("xyz ", Ok("lower case", "XyZ "));
        AssertInvalid("lower case", [null]);
    }

    [TestMethod]
    [DataRow("substring before", "foobar", "bar", "foo")]
    [DataRow("substring before", "foobar", "o", "f")]
    [DataRow("substring before", "foobar", "x", "")]
    [DataRow("substring before", "abc", "", "")]
    [DataRow("substring after", "foobar", "ob", "ar")]
    [DataRow("substring after", "foobar", "o", "obar")]
    [DataRow("substring after", "foobar", "x", "")]
    [DataRow("substring after", "abc", "", "abc")]
    [DataRow("substring after", "abc", "c", "")]
    public void SubstringBeforeAfter_Match_SplitsAtFirstOccurrence(string function, string text, string match, string expected) =>
        Assert.AreEqual(expected, Ok(function, text, match));

    [TestMethod]
    public void ContainsStartsEndsWith_SurrogatePairs_MatchWholeCharacters()
    {
        Assert.AreEqual(true, Ok("contains", Horse + Grin, Grin));
        Assert.AreEqual(true, Ok("starts with", Horse + Grin, Horse));
        Assert.AreEqual(true, Ok("ends with", Horse + Grin, Grin));
        Assert.AreEqual(false, Ok("contains", "foobar", "of"));
        Assert.AreEqual(false, Ok("starts with", "foobar", "bar"));
        AssertInvalid("ends with", "foobar", 1);
        AssertInvalid("contains", null, "a");
    }

    [TestMethod]
    public void StringJoin_ListAndDelimiter_SkipsNulls()
    {
        Assert.AreEqual("abc", Ok("string join", L("a", "b", "c")));
        Assert.AreEqual("a and b and c", Ok("string join", L("a", "b", "c"), " and "));
        Assert.AreEqual("aXc", Ok("string join", L("a", null, "c"), "X"));
        Assert.AreEqual("abc", Ok("string join", L("a", "b", "c"), null));
        Assert.AreEqual("", Ok("string join", FeelList.Empty, "X"));
        Assert.AreEqual("a", Ok("string join", "a", "X"));
    }

    [TestMethod]
    public void StringJoin_InvalidArguments_ReturnsNull()
    {
        AssertInvalid("string join", [null]);
        AssertInvalid("string join", L(1, 2), "X");
        AssertInvalid("string join", L("a"), "X", "foo");
        AssertInvalid("string join");
        Assert.AreEqual("aXc", CallNamed("string join", ("delimiter", "X"), ("list", L("a", "c"))).Result);
        Assert.IsNull(CallNamed("string join", ("list", L("a")), ("delimitr", "X")).Result);
    }
}
