using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Feel;

/// <summary>The FEEL parser's syntax trees: names, precedence, the special forms, literals and syntax errors.</summary>
[TestClass]
public sealed class FeelParserTests
{
    [TestMethod]
    public void ParseExpression_KnownMultiWordName_IsOneName()
    {
        var node = Parse("Monthly Salary * 12", "Monthly Salary");

        var product = Is<BinaryNode>(node);
        Assert.AreEqual(BinaryOp.Multiply, product.Op);
        Assert.AreEqual("Monthly Salary", Is<NameRef>(product.Left).Name);
        Assert.AreEqual(FeelNumber.FromInt64(12), Is<Literal>(product.Right).Value);
    }

    [TestMethod]
    public void ParseExpression_LongestKnownNameWins_OverShorterPrefix()
    {
        var node = Parse("Loan Amount Total - Loan Amount", "Loan Amount", "Loan Amount Total");

        var difference = Is<BinaryNode>(node);
        Assert.AreEqual("Loan Amount Total", Is<NameRef>(difference.Left).Name);
        Assert.AreEqual("Loan Amount", Is<NameRef>(difference.Right).Name);
    }

    [TestMethod]
    public void ParseExpression_BuiltinWithSpacesAndKeyword_IsInvokedByFullName()
    {
        var call = Is<InvokeNode>(Parse("date and time(\"2024-01-01T10:00:00\")"));

        Assert.AreEqual("date and time", Is<NameRef>(call.Callee).Name);
        Assert.AreEqual("2024-01-01T10:00:00", Is<Literal>(call.Positional.Single()).Value);
    }

    [TestMethod]
    public void ParseExpression_NameWithOperatorCharacters_JoinsWhenKnown()
    {
        Assert.AreEqual("income/expenses ratio", Is<NameRef>(Parse("income/expenses ratio", "income/expenses ratio")).Name);
        Assert.IsInstanceOfType<BinaryNode>(Parse("income/expenses", "income", "expenses"));
    }

    [TestMethod]
    public void ParseExpression_ArithmeticPrecedence_PowerThenProductThenSum()
    {
        var sum = Is<BinaryNode>(Parse("1 + 2 * 3 ** 2"));
        Assert.AreEqual(BinaryOp.Add, sum.Op);
        var product = Is<BinaryNode>(sum.Right);
        Assert.AreEqual(BinaryOp.Multiply, product.Op);
        Assert.AreEqual(BinaryOp.Power, Is<BinaryNode>(product.Right).Op);
    }

    [TestMethod]
    public void ParseExpression_SubtractionChain_IsLeftAssociative()
    {
        var outer = Is<BinaryNode>(Parse("10 - 4 - 3"));

        Assert.AreEqual(FeelNumber.FromInt64(3), Is<Literal>(outer.Right).Value);
        Assert.AreEqual(BinaryOp.Subtract, Is<BinaryNode>(outer.Left).Op);
    }

    [TestMethod]
    public void ParseExpression_AndBindsTighterThanOr()
    {
        var or = Is<OrNode>(Parse("a or b and c", "a", "b", "c"));

        Assert.AreEqual("a", Is<NameRef>(or.Left).Name);
        Assert.IsInstanceOfType<AndNode>(or.Right);
    }

    [TestMethod]
    public void ParseExpression_ComparisonBindsTighterThanAnd()
    {
        var and = Is<AndNode>(Parse("x > 1 and x < 5", "x"));

        Assert.AreEqual(BinaryOp.Greater, Is<BinaryNode>(and.Left).Op);
        Assert.AreEqual(BinaryOp.Less, Is<BinaryNode>(and.Right).Op);
    }

    [TestMethod]
    public void ParseExpression_Between_KeepsValueAndBounds()
    {
        var between = Is<BetweenNode>(Parse("x between 1 + 1 and 10", "x"));

        Assert.AreEqual("x", Is<NameRef>(between.Value).Name);
        Assert.AreEqual(BinaryOp.Add, Is<BinaryNode>(between.Low).Op);
        Assert.AreEqual(FeelNumber.FromInt64(10), Is<Literal>(between.High).Value);
    }

    [TestMethod]
    public void ParseExpression_InWithParenthesisedTests_KeepsEachTest()
    {
        var tests = Is<InNode>(Parse("x in (1, [2..3], < 0)", "x")).Tests;

        Assert.HasCount(3, tests);
        Assert.IsInstanceOfType<Literal>(tests[0]);
        Assert.IsInstanceOfType<RangeNode>(tests[1]);
        Assert.AreEqual(BinaryOp.Less, Is<UnaryComparisonNode>(tests[2]).Op);
    }

    [TestMethod]
    public void ParseExpression_InWithParenthesisedRange_IsOneRangeTest()
    {
        var range = Is<RangeNode>(Is<InNode>(Parse("x in (1..5]", "x")).Tests.Single());

        Assert.IsFalse(range.StartIncluded);
        Assert.IsTrue(range.EndIncluded);
    }

    [TestMethod]
    [DataRow("[1..10]", true, true)]
    [DataRow("[1..10)", true, false)]
    [DataRow("]1..10[", false, false)]
    [DataRow("(1..10]", false, true)]
    public void ParseExpression_RangeLiteral_ReadsEndpointInclusion(string text, bool startIncluded, bool endIncluded)
    {
        var range = Is<RangeNode>(Parse(text));

        Assert.AreEqual(startIncluded, range.StartIncluded);
        Assert.AreEqual(endIncluded, range.EndIncluded);
        Assert.AreEqual(FeelNumber.FromInt64(10), Is<Literal>(range.End!).Value);
    }

    [TestMethod]
    public void ParseExpression_InstanceOfGenericType_ReadsTypeArguments()
    {
        var type = Is<InstanceOfNode>(Parse("x instance of list<context<a: number, b: date and time>>", "x")).Type;

        Assert.AreEqual("list", type.Name);
        var context = type.Arguments.Single();
        Assert.AreEqual("context", context.Name);
        Assert.AreEqual("a, b", string.Join(", ", context.Fields!.Select(f => f.Key)));
        Assert.AreEqual("date and time", context.Fields![1].Value.Name);
    }

    [TestMethod]
    public void ParseExpression_InstanceOfFunctionType_ReadsParametersAndResult()
    {
        var type = Is<InstanceOfNode>(Parse("f instance of function<number, string> -> boolean", "f")).Type;

        Assert.AreEqual("function", type.Name);
        Assert.AreEqual("number, string", string.Join(", ", type.Arguments.Select(a => a.Name)));
        Assert.AreEqual("boolean", type.Result!.Name);
    }

    [TestMethod]
    public void ParseExpression_FilterThenPath_NestsInSourceOrder()
    {
        var path = Is<PathNode>(Parse("orders[amount > 10].id", "orders"));

        Assert.AreEqual("id", path.Member);
        var filter = Is<FilterNode>(path.Target);
        Assert.AreEqual("orders", Is<NameRef>(filter.Target).Name);
        Assert.AreEqual("amount", Is<NameRef>(Is<BinaryNode>(filter.Predicate).Left).Name);
    }

    [TestMethod]
    public void ParseExpression_ForWithTwoIterations_SecondSeesTheFirst()
    {
        var loop = Is<ForNode>(Parse("for i in 1..3, j in [i, i * 10] return i + j"));

        Assert.AreEqual("i", loop.Iterations[0].Name);
        Assert.IsNotNull(loop.Iterations[0].RangeEnd);
        Assert.AreEqual("j", loop.Iterations[1].Name);
        Assert.AreEqual("i", Is<NameRef>(Is<ListNode>(loop.Iterations[1].Domain).Items[0]).Name);
    }

    [TestMethod]
    [DataRow("some x in [1, 2] satisfies x > 1", false)]
    [DataRow("every x in [1, 2] satisfies x > 1", true)]
    public void ParseExpression_Quantifier_ReadsKind(string text, bool every)
    {
        var quantified = Is<QuantifiedNode>(Parse(text));

        Assert.AreEqual(every, quantified.Every);
        Assert.AreEqual("x", quantified.Iterations.Single().Name);
    }

    [TestMethod]
    public void ParseExpression_FunctionDefinition_ReadsTypedParameters()
    {
        var function = Is<FunctionNode>(Parse("function(first name: string, age) first name + string(age)"));

        Assert.AreEqual("first name", function.Parameters[0].Name);
        Assert.AreEqual("string", function.Parameters[0].Type!.Name);
        Assert.IsNull(function.Parameters[1].Type);
        Assert.AreEqual("first name", Is<NameRef>(Is<BinaryNode>(function.Body).Left).Name);
        Assert.IsFalse(function.External);
    }

    [TestMethod]
    public void ParseExpression_NamedArguments_KeepNamesInOrder()
    {
        var call = Is<InvokeNode>(Parse("substring(start position: 2, string: \"abc\")"));

        Assert.IsEmpty(call.Positional);
        Assert.AreEqual("start position, string", string.Join(", ", call.Named!.Select(n => n.Key)));
    }

    [TestMethod]
    public void ParseExpression_Comments_AreIgnored()
    {
        var sum = Is<BinaryNode>(Parse("1 /* one */ + // plus\n 2"));

        Assert.AreEqual(BinaryOp.Add, sum.Op);
        Assert.AreEqual(FeelNumber.FromInt64(2), Is<Literal>(sum.Right).Value);
    }

    [TestMethod]
    [DataRow("\"a\\\"b\"", "a\"b")]
    [DataRow("\"tab\\there\\n\"", "tab\there\n")]
    [DataRow("\"caf\\u00e9\"", "café")]
    [DataRow("\"\\U01F600\"", "\U0001F600")]
    [DataRow("\"\\uD83D\\uDE00\"", "\U0001F600")]
    [DataRow("\"\\d{3}\"", "\\d{3}")]
    [DataRow("\"日本語\"", "日本語")]
    public void ParseExpression_StringLiteral_DecodesFeelEscapesOnly(string text, string expected) =>
        Assert.AreEqual(expected, Is<Literal>(Parse(text)).Value);

    [TestMethod]
    public void ParseExpression_AtLiteral_KeepsTheTextForTheCompiler() =>
        Assert.AreEqual("2024-02-29", Is<AtLiteral>(Parse("@\"2024-02-29\"")).Text);

    [TestMethod]
    public void ParseExpression_IfThenElse_ReadsAllThreeParts()
    {
        var branch = Is<IfNode>(Parse("if x > 0 then \"pos\" else \"neg\"", "x"));

        Assert.IsInstanceOfType<BinaryNode>(branch.Condition);
        Assert.AreEqual("pos", Is<Literal>(branch.Then).Value);
        Assert.AreEqual("neg", Is<Literal>(branch.Else).Value);
    }

    [TestMethod]
    [DataRow("1 +", 3)]
    [DataRow("(1 + 2", 6)]
    [DataRow("[1, 2", 5)]
    [DataRow("\"open", 0)]
    [DataRow("1 /* open", 2)]
    [DataRow("a $ b", 2)]
    [DataRow("1 2", 2)]
    [DataRow("if x then 1", 11)]
    [DataRow("f(a: 1, 2)", 8)]
    public void ParseExpression_SyntaxError_ThrowsWithPosition(string text, int position)
    {
        var error = Assert.ThrowsExactly<FeelSyntaxException>(() => Parse(text, "x", "a", "b", "f"));

        Assert.AreEqual(position, error.Position, error.Message);
    }

    [TestMethod]
    public void ParseUnaryTests_NotWithList_IsNegatedTests()
    {
        var not = Is<NotTestsNode>(Parser.ParseUnaryTests("not(1, 2)", _ => false));

        Assert.HasCount(2, not.Tests);
    }

    [TestMethod]
    public void ParseUnaryTests_Dash_IsAnyTest() => Assert.IsInstanceOfType<AnyTestNode>(Parser.ParseUnaryTests("-", _ => false));

    private static Node Parse(string text, params string[] names) =>
        Parser.ParseExpression(text, name => names.Contains(name) || BuiltinLibrary.TryGet(name, out _));

    private static T Is<T>(Node node)
        where T : Node
    {
        Assert.IsInstanceOfType<T>(node, $"expected {typeof(T).Name}, got {node}");
        return (T)node;
    }
}
