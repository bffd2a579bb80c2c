using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Values;
using static Tsunagu.Rules.Tests.Feel.BuiltinTestKit;

namespace Tsunagu.Rules.Tests.Feel;

[TestClass]
public sealed class BuiltinListTests
{
    [TestMethod]
    public void ListContains_Element_UsesFeelEquality()
    {
        Assert.AreEqual(true, Ok("list contains", L(1, 2, 3), N("2.0")));
        Assert.AreEqual(true, Ok("list contains", L(1, null), null));
        Assert.AreEqual(false, Ok("list contains", L(1, "a"), "b"));
        AssertInvalid("list contains", null, 1);
    }

    [TestMethod]
    public void Count_ListOrSingleton_CountsItems()
    {
        Assert.AreEqual(N("3"), Ok("count", L(1, 2, 3)));
        Assert.AreEqual(N("0"), Ok("count", FeelList.Empty));
        Assert.AreEqual(N("1"), Ok("count", "a"));
        AssertInvalid("count", [null]);
    }

    [TestMethod]
    public void Sublist_StartAndLength_SelectsItems()
    {
        Assert.AreEqual(L(5, 6), Ok("sublist", L(4, 5, 6), 2));
        Assert.AreEqual(L(4, 5), Ok("sublist", L(4, 5, 6), 1, 2));
        Assert.AreEqual(L(6), Ok("sublist", L(4, 5, 6), -1, 5));
        AssertInvalid("sublist", L(4, 5, 6), 0);
        AssertInvalid("sublist", L(4, 5, 6), 4);
        AssertInvalid("sublist", L(4, 5, 6), 1, -1);
    }

    [TestMethod]
    public void AppendConcatenate_Lists_JoinsInOrder()
    {
        Assert.AreEqual(L(L("w"), L("t")), Ok("append", L(L("w")), L("t")));
        Assert.AreEqual(L(1, 2, 3), Ok("append", L(1), 2, 3));
        Assert.AreEqual(L(1), Ok("append", L(1)));
        Assert.AreEqual(L(1, 2, 3), Ok("concatenate", L(1, 2), L(3)));
        Assert.AreEqual(L(L(1), 2), Ok("concatenate", L(L(1)), L(2)));
        AssertInvalid("concatenate", L(1), null);
        AssertInvalid("append", null, 1);
    }

    [TestMethod]
    public void InsertBeforeRemove_Position_EditsCopy()
    {
        var list = L("a", "b", "c");
        Assert.AreEqual(L("a", "x", "b", "c"), Ok("insert before", list, 2, "x"));
        Assert.AreEqual(L("a", "b", "x", "c"), Ok("insert before", list, -1, "x"));
        Assert.AreEqual(L("a", "c"), Ok("remove", list, 2));
        Assert.AreEqual(L("a", "b", "c"), list);
        AssertInvalid("insert before", list, 4, "x");
        AssertInvalid("remove", list, 0);
        AssertInvalid("remove", list, "1");
    }

    [TestMethod]
    public void ReverseIndexOf_List_Works()
    {
        Assert.AreEqual(L(3, 2, 1), Ok("reverse", L(1, 2, 3)));
        Assert.AreEqual(L(2, 4), Ok("index of", L(1, 2, 3, 2), 2));
        Assert.AreEqual(FeelList.Empty, Ok("index of", L(1, 2), 9));
    }

    [TestMethod]
    public void UnionDistinctValues_Duplicates_KeepsFirstOccurrence()
    {
        Assert.AreEqual(L(1, 2, 3), Ok("union", L(1, 2), L(N("2.0"), 3)));
        Assert.AreEqual(L(1, 2, 3), Ok("distinct values", L(1, 2, 3, 2, 1)));
        Assert.AreEqual(L(L(1), "a"), Ok("distinct values", L(L(1), "a", L(1))));
    }

    [TestMethod]
    public void Flatten_NestedLists_FlattensRecursively() =>
        Assert.AreEqual(L(1, 2, 3, 4, null), Ok("flatten", L(L(1, 2), L(L(3)), 4, null)));

    [TestMethod]
    public void ListReplace_PositionOrMatch_ReplacesItems()
    {
        Assert.AreEqual(L(2, 2, 3), Ok("list replace", L(1, 2, 3), 1, 2));
        Assert.AreEqual(L(1, 2, 9), Ok("list replace", L(1, 2, 3), -1, 9));
        var greater = new DelegateFunction((a, _) => FeelSemantics.Compare(a[0], a[1]) > 0);
        Assert.AreEqual(L(2, 2, 2, 1), Ok("list replace", L(2, 4, 7, 1), greater, 2));
        var (named, _) = CallNamed("list replace", ("list", L(2, 4)), ("match", greater), ("newItem", 3));
        Assert.AreEqual(L(2, 3), named);
        AssertInvalid("list replace", L(1), 2, 0);
        AssertInvalid("list replace", L(1), new DelegateFunction((_, _) => "yes"), 0);
    }

    [TestMethod]
    public void Library_ListFunctions_AreRegistered()
    {
        foreach (var name in new[] { "list contains", "count", "min", "max", "sum", "mean", "all", "any", "sublist", "append", "concatenate",
            "insert before", "remove", "reverse", "index of", "union", "distinct values", "flatten", "product", "median", "stddev", "mode", "list replace", "sort" })
        {
            Assert.IsTrue(BuiltinLibrary.TryGet(name, out _), name);
        }
    }
}
