using Tsunagu.Rules.Feel.Values;
using static Tsunagu.Rules.Tests.Feel.BuiltinTestKit;

namespace Tsunagu.Rules.Tests.Feel;

[TestClass]
public sealed class BuiltinContextTests
{
    [TestMethod]
    public void GetValue_Key_ReturnsEntryOrNull()
    {
        Assert.AreEqual("foo", Ok("get value", C(("a", "foo")), "a"));
        Assert.IsNull(Ok("get value", C(("a", "foo")), "b"));
        AssertInvalid("get value", L(1), "a");
        AssertInvalid("get value", C(("a", "foo")), 1);
    }

    [TestMethod]
    public void GetEntries_Context_ListsKeyValueContextsInOrder()
    {
        Assert.AreEqual(L(C(("key", "a"), ("value", "foo")), C(("key", "b"), ("value", "bar"))), Ok("get entries", C(("a", "foo"), ("b", "bar"))));
        Assert.AreEqual(FeelList.Empty, Ok("get entries", FeelContext.Empty));
        AssertInvalid("get entries", L(1, 2));
        AssertInvalid("get entries", [null]);
        Assert.IsNull(CallNamed("get entries", ("map", FeelContext.Empty)).Result);
    }

    [TestMethod]
    public void Context_Entries_BuildsContext()
    {
        Assert.AreEqual(C(("a", 1), ("b", 2)), Ok("context", L(C(("key", "a"), ("value", 1)), C(("key", "b"), ("value", 2)))));
        Assert.AreEqual(C(("a", 1)), Ok("context", C(("key", "a"), ("value", 1))));
        Assert.AreEqual(C(("a", null)), Ok("context", C(("key", "a"), ("value", null))));
        Assert.AreEqual(C(("a", 1)), Ok("context", L(C(("key", "a"), ("value", 1), ("ignored", "x")))));
        Assert.AreEqual(FeelContext.Empty, Ok("context", FeelList.Empty));
    }

    [TestMethod]
    public void Context_InvalidEntries_ReturnsNull()
    {
        AssertInvalid("context", L(C(("key", "a"), ("value", 1)), C(("key", "a"), ("value", 2))));
        AssertInvalid("context", C(("value", 1)));
        AssertInvalid("context", C(("key", null), ("value", 1)));
        AssertInvalid("context", C(("key", "a")));
        AssertInvalid("context", "foo");
        AssertInvalid("context", [null]);
    }

    [TestMethod]
    public void ContextPut_Key_AddsOrReplacesInPlace()
    {
        var original = C(("a", 1), ("b", 2), ("c", 3));
        Assert.AreEqual(L("a", "b", "c"), new FeelList([.. ((FeelContext)Ok("context put", original, "b", 9)!).Entries.Select(e => (object?)e.Key)]));
        Assert.AreEqual(C(("a", 1), ("b", 9), ("c", 3)), Ok("context put", original, "b", 9));
        Assert.AreEqual(C(("a", 1), ("b", 2), ("c", 3), ("d", null)), Ok("context put", original, "d", null));
        Assert.AreEqual(C(("a", 1), ("b", 2), ("c", 3)), original);
        AssertInvalid("context put", FeelContext.Empty, null, 1);
        AssertInvalid("context put", null, "a", 1);
        AssertInvalid("context put", L(1), "a", 1);
        AssertInvalid("context put", FeelContext.Empty, "a");
    }

    [TestMethod]
    public void ContextPut_Keys_UpdatesNestedContext()
    {
        var nested = C(("x", 1), ("y", C(("a", 0))));
        Assert.AreEqual(C(("x", 1), ("y", C(("a", 2)))), Ok("context put", nested, L("y", "a"), 2));
        Assert.AreEqual(C(("x", 1), ("y", C(("a", 0), ("b", 2)))), Ok("context put", nested, L("y", "b"), 2));
        Assert.AreEqual(C(("x", 1), ("y", C(("a", 2)))), CallNamed("context put", ("context", nested), ("keys", L("y", "a")), ("value", 2)).Result);
        AssertInvalid("context put", nested, L("y", null), 2);
        AssertInvalid("context put", nested, FeelList.Empty, 2);
        AssertInvalid("context put", nested, L("y", "a", "b"), 2);
        Assert.IsNull(CallNamed("context put", ("context", nested), ("key", L("y", "a")), ("value", 2)).Result);
    }

    [TestMethod]
    public void ContextMerge_Contexts_LaterEntriesWin()
    {
        Assert.AreEqual(C(("a", 1), ("b", 3), ("c", 4)), Ok("context merge", L(C(("a", 1), ("b", 2)), C(("b", 3), ("c", 4)))));
        Assert.AreEqual(FeelContext.Empty, Ok("context merge", FeelList.Empty));
        AssertInvalid("context merge", L(C(("a", 1)), 1));
        AssertInvalid("context merge", [null]);
    }
}
