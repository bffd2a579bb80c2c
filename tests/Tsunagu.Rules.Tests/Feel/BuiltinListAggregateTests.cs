using Tsunagu.Rules.Feel.Values;
using static Tsunagu.Rules.Tests.Feel.BuiltinTestKit;

namespace Tsunagu.Rules.Tests.Feel;

[TestClass]
public sealed class BuiltinListAggregateTests
{
    [TestMethod]
    [DataRow("min", "1")]
    [DataRow("max", "3")]
    [DataRow("sum", "6")]
    [DataRow("mean", "2")]
    [DataRow("product", "6")]
    [DataRow("median", "2")]
    [DataRow("stddev", "1")]
    public void Aggregate_ListOrItems_SameResult(string function, string expected)
    {
        Assert.AreEqual(N(expected), Ok(function, L(3, 1, 2)));
        Assert.AreEqual(N(expected), Ok(function, 3, 1, 2));
        Assert.AreEqual(N(expected), CallNamed(function, ("list", L(3, 1, 2))).Result);
    }

    [TestMethod]
    [DataRow("min")]
    [DataRow("max")]
    [DataRow("sum")]
    [DataRow("mean")]
    [DataRow("product")]
    [DataRow("median")]
    [DataRow("stddev")]
    public void Aggregate_EmptyListOrNull_ReturnsNull(string function)
    {
        AssertInvalid(function, FeelList.Empty);
        AssertInvalid(function, [null]);
        AssertInvalid(function);
        Assert.IsNull(CallNamed(function, ("l", L(1))).Result);
    }

    [TestMethod]
    [DataRow("sum")]
    [DataRow("mean")]
    [DataRow("product")]
    [DataRow("median")]
    [DataRow("stddev")]
    [DataRow("mode")]
    public void NumericAggregate_NonNumberItem_ReturnsNull(string function)
    {
        AssertInvalid(function, L(1, 2, "foo", 4));
        AssertInvalid(function, L(1, 2, null, 4));
    }

    [TestMethod]
    public void MinMax_ComparableValues_UsesFeelOrdering()
    {
        Assert.AreEqual("a", Ok("min", L("b", "a", "c")));
        Assert.AreEqual(N("7"), Ok("max", 7));
        AssertInvalid("max", L(1, "a"));
        AssertInvalid("min", L(1, null));
    }

    [TestMethod]
    public void Mean_NonTerminatingQuotient_RoundsTo34Digits() =>
        Assert.AreEqual(N("0.3333333333333333333333333333333333"), Ok("mean", 1, 0, 0));

    [TestMethod]
    public void Median_EvenCount_AveragesMiddleItems()
    {
        Assert.AreEqual(N("6"), Ok("median", L(8, 2, 5, 7)));
        Assert.AreEqual(N("2.5"), Ok("median", L(6, 1, 2, 3)));
        Assert.AreEqual(N("4"), Ok("median", 8, 2, 5, 3, 4));
    }

    [TestMethod]
    public void Stddev_Sample_DividesByCountMinusOne()
    {
        Assert.AreEqual(N("2.081665999466132735282297706979931"), Ok("stddev", 2, 4, 7, 5));
        AssertInvalid("stddev", L(47));
        AssertInvalid("stddev", 47);
    }

    [TestMethod]
    public void Mode_MostFrequent_ReturnsSortedList()
    {
        Assert.AreEqual(L(6), Ok("mode", L(6, 3, 9, 6, 6)));
        Assert.AreEqual(L(1, 3, 6), Ok("mode", L(3, 6, 1, 9, 6, 1, 3)));
        Assert.AreEqual(L(N("2.5")), Ok("mode", L(N("2.5"), 1, N("2.50"), 3)));
        Assert.AreEqual(FeelList.Empty, Ok("mode", FeelList.Empty));
        AssertInvalid("mode", [null]);
    }

    [TestMethod]
    public void Product_Decimals_MultipliesExactly() =>
        Assert.AreEqual(N("18.75"), Ok("product", L(N("2.5"), 1, N("2.5"), 3)));

    [TestMethod]
    public void AllAny_ThreeValuedLogic_DecidesOrReturnsNull()
    {
        Assert.AreEqual(true, Ok("any", L(true, false)));
        Assert.AreEqual(false, Ok("any", L(false, false)));
        Assert.AreEqual(false, Ok("any", FeelList.Empty));
        Assert.AreEqual(true, Ok("any", true));
        Assert.AreEqual(true, Ok("any", null, true));
        Assert.IsNull(Ok("any", null, false));
        Assert.AreEqual(false, Ok("all", L(true, false, null)));
        Assert.AreEqual(true, Ok("all", FeelList.Empty));
        Assert.IsNull(Ok("all", L(true, null)));
        AssertInvalid("any", L(123, false));
        AssertInvalid("all", L(true, "x"));
        AssertInvalid("any", [null]);
        AssertInvalid("any");
    }
}
