using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Syntax;

namespace Tsunagu.Rules.Tests.Feel;

/// <summary>Hostile nesting and unbounded recursion give a typed error or null with a diagnostic, never a crashed process.</summary>
[TestClass]
public sealed class FeelDepthTests
{
    [TestMethod]
    public void Compile_DeeplyNestedParentheses_ThrowsSyntaxError()
    {
        var text = new string('(', 100_000) + "1" + new string(')', 100_000);

        var error = Assert.ThrowsExactly<FeelSyntaxException>(() => FeelExpression.Compile(text));

        StringAssert.Contains(error.Message, "nests");
    }

    [TestMethod]
    public void Compile_LongNegationChain_ThrowsSyntaxError() =>
        Assert.ThrowsExactly<FeelSyntaxException>(() => FeelExpression.Compile(new string('-', 100_000) + "1"));

    [TestMethod]
    public void Evaluate_UnboundedRecursion_GivesNullWithDiagnostic()
    {
        var context = new FeelEvaluationContext();

        var value = FeelExpression.Compile("{ f: function(n) f(n + 1), r: f(0) }.r").Evaluate(new Dictionary<string, object?>(), context);

        Assert.IsNull(value);
        Assert.IsTrue(context.Diagnostics.Any(d => d.Contains("nest", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Evaluate_BoundedRecursion_StillWorks()
    {
        var value = FeelExpression.Compile("{ fact: function(n) if n <= 1 then 1 else n * fact(n - 1), r: fact(20) }.r").Evaluate(new Dictionary<string, object?>());

        Assert.AreEqual("2432902008176640000", value?.ToString());
    }
}
