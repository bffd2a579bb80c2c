using static Tsunagu.Rules.Tests.Feel.BuiltinTestKit;

namespace Tsunagu.Rules.Tests.Feel;

/// <summary>Cases from DMN 1.5 §10.3.4.9 and TCK 1130-feel-interval; arguments are numbers or ranges like "[1..10)".</summary>
[TestClass]
public sealed class BuiltinRangeTests
{
    [TestMethod]
    [DataRow("before", "1", "10", true)]
    [DataRow("before", "10", "1", false)]
    [DataRow("before", "1", "[1..10]", false)]
    [DataRow("before", "1", "(1..10]", true)]
    [DataRow("before", "[1..10)", "10", true)]
    [DataRow("before", "[1..10]", "10", false)]
    [DataRow("before", "[1..10]", "[10..20]", false)]
    [DataRow("before", "[1..10)", "[10..20]", true)]
    [DataRow("before", "[1..10]", "(10..20]", true)]
    [DataRow("after", "10", "[1..10)", true)]
    [DataRow("after", "(11..20]", "11", true)]
    [DataRow("after", "[11..20]", "11", false)]
    [DataRow("after", "[11..20]", "[1..11)", true)]
    [DataRow("after", "[1..10]", "[11..20]", false)]
    [DataRow("meets", "[1..5]", "[5..10]", true)]
    [DataRow("meets", "[1..5)", "[5..10]", false)]
    [DataRow("met by", "[5..10]", "[1..5]", true)]
    [DataRow("met by", "(5..10]", "[1..5]", false)]
    [DataRow("overlaps", "[1..8]", "[3..5]", true)]
    [DataRow("overlaps", "[5..8]", "[1..5]", true)]
    [DataRow("overlaps", "(5..8]", "[1..5]", false)]
    [DataRow("overlaps", "[1..5)", "[5..8]", false)]
    [DataRow("overlaps before", "[1..5)", "(1..5]", true)]
    [DataRow("overlaps before", "[1..5]", "(1..5]", true)]
    [DataRow("overlaps before", "[1..5)", "[1..5]", false)]
    [DataRow("overlaps before", "[1..5]", "(5..8]", false)]
    [DataRow("overlaps after", "(1..5]", "[1..5)", true)]
    [DataRow("overlaps after", "[1..5]", "[1..5)", false)]
    [DataRow("finishes", "10", "[1..10]", true)]
    [DataRow("finishes", "10", "[1..10)", false)]
    [DataRow("finishes", "[5..10)", "[1..10)", true)]
    [DataRow("finishes", "(1..10]", "[1..10]", true)]
    [DataRow("finished by", "[1..10)", "10", false)]
    [DataRow("finished by", "[1..10]", "(1..10]", true)]
    [DataRow("finished by", "[1..10]", "[5..10)", false)]
    [DataRow("includes", "(1..10]", "1", false)]
    [DataRow("includes", "[1..10]", "(1..10)", true)]
    [DataRow("includes", "(1..10]", "(1..5]", true)]
    [DataRow("during", "10", "[1..10)", false)]
    [DataRow("during", "(1..10)", "[1..10]", true)]
    [DataRow("during", "[1..10]", "(1..10]", false)]
    [DataRow("starts", "1", "(1..10]", false)]
    [DataRow("starts", "(1..5]", "(1..10]", true)]
    [DataRow("starts", "[1..10)", "[1..10]", true)]
    [DataRow("starts", "(1..5]", "[1..10]", false)]
    [DataRow("started by", "[1..10]", "[1..10)", true)]
    [DataRow("started by", "(1..10]", "[1..5]", false)]
    [DataRow("coincides", "5", "5", true)]
    [DataRow("coincides", "(1..5)", "[1..5]", false)]
    [DataRow("coincides", "[1..5]", "[1..5]", true)]
    [DataRow("before", "5", "(..3]", false)]
    [DataRow("after", "5", "(..3]", true)]
    [DataRow("includes", "(..10)", "[-1000..5]", true)]
    [DataRow("includes", "[0..)", "(..5]", false)]
    [DataRow("coincides", "(..5)", "(..5)", true)]
    [DataRow("overlaps", "(..5]", "[5..)", true)]
    public void Relation_PointsAndRanges_FollowsSpecFormulas(string function, string first, string second, bool expected) =>
        Assert.AreEqual(expected, Ok(function, Arg(first), Arg(second)));

    [TestMethod]
    public void Relation_UndefinedFormOrIncomparable_ReturnsNull()
    {
        AssertInvalid("meets", 1, R("[1..5]"));
        AssertInvalid("finishes", R("[1..5]"), 5);
        AssertInvalid("coincides", 1, R("[1..5]"));
        AssertInvalid("before", "a", 1);
        AssertInvalid("includes", R("[1..5]"), "a");
        AssertInvalid("before", null, 1);
    }

    [TestMethod]
    public void Relation_NamedArguments_UseSpecParameterNames()
    {
        // before(point, range) and before(range, point) share their names; the (point, range) form is the one bound.
        Assert.AreEqual(true, CallNamed("before", ("range", R("(1..10]")), ("point", 1)).Result);
        Assert.AreEqual(true, CallNamed("finished by", ("point", 10), ("range", R("[1..10]"))).Result);
        Assert.AreEqual(true, CallNamed("during", ("point", 5), ("range", R("[1..10]"))).Result);
        Assert.AreEqual(true, CallNamed("overlaps", ("range1", R("[1..5]")), ("range2", R("[3..8]"))).Result);
        Assert.AreEqual(false, CallNamed("coincides", ("point1", 3), ("point2", 4)).Result);
        Assert.IsNull(CallNamed("meets", ("point", 1), ("range", R("[1..5]"))).Result);
    }

    private static object Arg(string text) => text[0] is '[' or '(' ? R(text) : N(text);
}
