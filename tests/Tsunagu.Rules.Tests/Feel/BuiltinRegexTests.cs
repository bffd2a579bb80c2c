using static Tsunagu.Rules.Tests.Feel.BuiltinTestKit;

namespace Tsunagu.Rules.Tests.Feel;

[TestClass]
public sealed class BuiltinRegexTests
{
    [TestMethod]
    [DataRow("abracadabra", "bra", "", true)]
    [DataRow("abracadabra", "^bra", "", false)]
    [DataRow("\nabcd\ndefg\n", "^$", "m", true)]
    [DataRow("abc\n", "c$", "", false)]
    [DataRow("abc\n", "c$", "m", true)]
    [DataRow("Mary\rJones", "Mary.Jones", "", false)]
    [DataRow("Mary\nJones", "Mary.Jones", "s", true)]
    [DataRow("abc", "ABC", "i", true)]
    [DataRow("\u212A", "k", "i", true)]
    [DataRow("x", "[A-Z-[OI]]", "i", true)]
    [DataRow("O", "[A-Z-[OI]]", "i", false)]
    [DataRow("i", "[A-Z-[OI]]", "i", false)]
    [DataRow("q", "[^Q]", "i", false)]
    [DataRow("aA", "(a)\\1", "i", true)]
    [DataRow("hello world", "hello\\ sworld", "x", true)]
    [DataRow("hello world", "he ll o[ ]worl d", "x", true)]
    [DataRow("hello world", "\\p{ I s B a s i c L a t i n }+", "x", true)]
    [DataRow("a.b", "a.b", "q", true)]
    [DataRow("axb", "a.b", "q", false)]
    [DataRow("a b", "a\\sb", "", true)]
    [DataRow("a\u00A0b", "a\\sb", "", false)]
    [DataRow("a-b", "a\\wb", "", false)]
    [DataRow("a+b", "^a\\wb$", "", true)]
    [DataRow("\U0001F40E", "^.$", "", true)]
    [DataRow("12", "^\\d{2}$", "", true)]
    [DataRow("abcd\n\ndefg\n ", "^$", "m", true)]
    [DataRow("hello world", " hello[ ]world", "x", true)]
    [DataRow("a", "a[^b]", "", false)]
    [DataRow("a ", "a[^b]", "", true)]
    [DataRow("abc", "[a-c-[b]]{2}", "", false)]
    public void Matches_XPathPatternAndFlags_Searches(string input, string pattern, string flags, bool expected) =>
        Assert.AreEqual(expected, Ok("matches", input, pattern, flags));

    [TestMethod]
    [DataRow("input", "pattern", "p")]
    [DataRow("input", "pattern", " ")]
    [DataRow("hello world", "\\p{ IsBasicLatin}+", "")]
    [DataRow("h", "(.)\\2", "")]
    [DataRow("input", "\\3", "")]
    [DataRow("abcd", "(asd)[\\1]", "")]
    [DataRow("abcd", "(asd)[asd\\0]", "")]
    [DataRow("abcd", "1[asd\\0]", "")]
    [DataRow("aa", "(a\\1)", "")]
    [DataRow("a", "(?=a)", "")]
    [DataRow("a", "a{,2}", "")]
    [DataRow("a", "a]", "")]
    [DataRow("a", "[]", "")]
    [DataRow("a", "(a", "")]
    [DataRow("a", "\\z", "")]
    public void Matches_InvalidPatternOrFlags_ReturnsNull(string input, string pattern, string flags) =>
        AssertInvalid("matches", input, pattern, flags);

    [TestMethod]
    public void Matches_NullArguments_FlagsMayBeNull()
    {
        Assert.AreEqual(true, Ok("matches", "abracadabra", "bra", null));
        AssertInvalid("matches", null, "pattern");
        AssertInvalid("matches", "input", null);
        AssertInvalid("matches", "input");
    }

    [TestMethod]
    public void Matches_CatastrophicPattern_TimesOutToNull()
    {
        var (result, diagnostics) = Call("matches", new string('a', 32) + "!", "^(a+)+$");
        Assert.IsNull(result);
        Assert.IsTrue(diagnostics.Any(d => d.Contains("longer than", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("abcd", "(ab)|(a)", "[1=$1][2=$2]", "", "[1=ab][2=]cd")]
    [DataRow("abracadabra", "a.*?a", "*", "", "*c*bra")]
    [DataRow("abracadabra", "a(.)", "a$1$1", "", "abbraccaddabbra")]
    [DataRow("darted", "^(.*?)d(.*)$", "$1c$2", "", "carted")]
    [DataRow("0123456789", "(\\d{3})(\\d{3})(\\d{4})", "($1) $2-$3", "", "(012) 345-6789")]
    [DataRow("facetiously", "[iouy]", "[$0]", "", "facet[i][o][u]sl[y]")]
    [DataRow("abc", "[A-Z]", "#", "i", "###")]
    [DataRow("a b c d ", "[a-z]", "#", "x", "# # # # ")]
    [DataRow("abc", "b", "\\$\\\\", "", "a$\\c")]
    [DataRow("abc", "(b)", "$12", "", "ab2c")]
    [DataRow("a.c", ".", "$1", "q", "a$1c")]
    [DataRow("abc", ".^[d-z]*", "smix", "", "abc")]
    [DataRow("AAAA", "A+?", "b", "", "bbbb")]
    [DataRow("AAAA", "A+", "b", "", "b")]
    [DataRow("foobar", "^fo*b*", "#", "", "#ar")]
    [DataRow("a.b.c.", "[a-z]", "#", "s", "#.#.#.")]
    public void Replace_XPathReplacement_SubstitutesGroups(string input, string pattern, string replacement, string flags, string expected) =>
        Assert.AreEqual(expected, Ok("replace", input, pattern, replacement, flags));

    [TestMethod]
    public void Replace_InvalidReplacementOrEmptyMatch_ReturnsNull()
    {
        AssertInvalid("replace", "abc", "b", "$");
        AssertInvalid("replace", "abc", "b", "\\x");
        AssertInvalid("replace", "abc", "x*", "-");
        AssertInvalid("replace", "abc", "b", null);
        Assert.AreEqual("###", CallNamed("replace", ("input", "abc"), ("pattern", "[A-Z]"), ("replacement", "#"), ("flags", "i")).Result);
    }

    [TestMethod]
    public void Split_RegexDelimiter_KeepsEmptyTokens()
    {
        Assert.AreEqual(L("John", "Doe"), Ok("split", "John Doe", "\\s"));
        Assert.AreEqual(L("a", "b", "c", "", ""), Ok("split", "a;b;c;;", ";"));
        Assert.AreEqual(L("a", "b"), Ok("split", "a1b", "(\\d)"));
        AssertInvalid("split", "abc", "x*");
        AssertInvalid("split", 1, ",");
    }
}
