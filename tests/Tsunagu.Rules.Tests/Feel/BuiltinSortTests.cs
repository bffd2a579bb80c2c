using Tsunagu.Rules.Feel.Values;
using static Tsunagu.Rules.Tests.Feel.BuiltinTestKit;

namespace Tsunagu.Rules.Tests.Feel;

[TestClass]
public sealed class BuiltinSortTests
{
    private static readonly DelegateFunction Greater = new((a, _) => FeelSemantics.Compare(a[0], a[1]) > 0);

    [TestMethod]
    public void Sort_Precedes_OrdersByFunction()
    {
        Assert.AreEqual(L(5, 4, 3, 1), Ok("sort", L(3, 1, 4, 5), Greater));
        Assert.AreEqual(L("10", "8", "9", "A", "Aa", "a"), Ok("sort", L("A", "a", "10", "Aa", "9", "8"), new DelegateFunction((a, _) => FeelSemantics.Compare(a[0], a[1]) < 0)));
        Assert.AreEqual(FeelList.Empty, Ok("sort", FeelList.Empty, Greater));
    }

    [TestMethod]
    public void Sort_EqualKeys_IsStable()
    {
        var rows = L(C(("k", 2), ("id", "a")), C(("k", 1), ("id", "b")), C(("k", 2), ("id", "c")), C(("k", 1), ("id", "d")));
        var byKey = new DelegateFunction((a, _) => Key(a[0]) < Key(a[1]));
        var sorted = (FeelList)Ok("sort", rows, byKey)!;
        Assert.AreEqual(L("b", "d", "a", "c"), new FeelList([.. sorted.Items.Select(r => ((FeelContext)r!).TryGet("id", out var id) ? id : null)]));
    }

    [TestMethod]
    public void Sort_NonStrictPrecedes_DoesNotThrow()
    {
        var atMost = new DelegateFunction((a, _) => FeelSemantics.Compare(a[0], a[1]) <= 0);
        Assert.AreEqual(L(1, 2, 2, 3), Ok("sort", L(2, 3, 1, 2), atMost));
    }

    [TestMethod]
    public void Sort_WithoutPrecedes_UsesNaturalOrder()
    {
        Assert.AreEqual(L(1, 2, 3), Ok("sort", L(3, 1, 2)));
        Assert.AreEqual(L("a", "b"), CallNamed("sort", ("list", L("b", "a"))).Result);
        AssertInvalid("sort", L(1, "a"));
    }

    [TestMethod]
    public void Sort_InvalidArguments_ReturnsNull()
    {
        AssertInvalid("sort", L(2, 1), new DelegateFunction((_, _) => null));
        AssertInvalid("sort", L(2, 1), "precedes");
        AssertInvalid("sort", null, Greater);
    }

    private static FeelNumber Key(object? row) => (FeelNumber)(((FeelContext)row!).TryGet("k", out var k) ? k : null)!;
}
