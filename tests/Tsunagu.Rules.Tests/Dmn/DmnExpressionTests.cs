using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Rules.Tests.Dmn;

[TestClass]
public sealed class DmnExpressionTests
{
    private static string Literal(string text) => $"<literalExpression><text>{text}</text></literalExpression>";

    private static string TextOf(Expression expression) => ((LiteralExpression)expression).Text;

    [TestMethod]
    public void Parse_LiteralExpression_KeepsTextTypeAndLanguage()
    {
        var literal = DmnTestData.DecisionExpression<LiteralExpression>(
            """<literalExpression id="le" typeRef="number" label="L" expressionLanguage="urn:x"><text><![CDATA[ a < b ]]></text></literalExpression>""");

        Assert.AreEqual(("le", "number", "L", "urn:x", "a < b"), (literal.Id, literal.TypeRef, literal.Label, literal.ExpressionLanguage, literal.Text));
    }

    [TestMethod]
    public void Parse_Context_ReadsEntriesAndFinalResultEntry()
    {
        var context = DmnTestData.DecisionExpression<Context>($"""
            <context>
              <contextEntry><variable name="a" typeRef="number"/>{Literal("1")}</contextEntry>
              <contextEntry>{Literal("a + 1")}</contextEntry>
            </context>
            """);

        Assert.AreEqual(("a", "number"), (context.Entries[0].Variable!.Name, context.Entries[0].Variable!.TypeRef));
        Assert.AreEqual("1", TextOf(context.Entries[0].Value));
        Assert.IsNull(context.Entries[1].Variable);
        Assert.AreEqual("a + 1", TextOf(context.Entries[1].Value));
    }

    [TestMethod]
    public void Parse_Invocation_ReadsCalleeAndBindings()
    {
        var invocation = DmnTestData.DecisionExpression<Invocation>($"""
            <invocation>
              {Literal("Greet")}
              <binding><parameter name="who"/>{Literal("\"Bob\"")}</binding>
              <binding><parameter name="unset"/></binding>
            </invocation>
            """);

        Assert.AreEqual("Greet", TextOf(invocation.Callee));
        Assert.AreEqual("who", invocation.Bindings[0].Parameter.Name);
        Assert.AreEqual("\"Bob\"", TextOf(invocation.Bindings[0].Value!));
        Assert.IsNull(invocation.Bindings[1].Value);
    }

    [TestMethod]
    public void Parse_ListExpression_KeepsItemOrderAndKinds()
    {
        var list = DmnTestData.DecisionExpression<ListExpression>($"<list>{Literal("1")}<list>{Literal("2")}</list></list>");

        Assert.AreEqual("1", TextOf(list.Items[0]));
        Assert.AreEqual("2", TextOf(((ListExpression)list.Items[1]).Items.Single()));
    }

    [TestMethod]
    public void Parse_Relation_ReadsColumnsAndRows()
    {
        var relation = DmnTestData.DecisionExpression<Relation>($"""
            <relation>
              <column name="name"/><column name="price" typeRef="number"/>
              <row>{Literal("\"widget\"")}{Literal("25")}</row>
              <row>{Literal("\"sprocket\"")}{Literal("15")}</row>
            </relation>
            """);

        DmnTestData.SequenceIs(relation.Columns.Select(c => c.Name), "name", "price");
        Assert.HasCount(2, relation.Rows);
        Assert.AreEqual("15", TextOf(relation.Rows[1][1]));
    }

    [TestMethod]
    public void Parse_RelationRowWithMissingCell_Throws()
    {
        Assert.ThrowsExactly<ModelParseException>(() => DmnTestData.DecisionExpression<Relation>(
            $"""<relation><column name="a"/><column name="b"/><row id="r">{Literal("1")}</row></relation>"""));
    }

    [TestMethod]
    [DataRow(null, FunctionKind.Feel)]
    [DataRow("FEEL", FunctionKind.Feel)]
    [DataRow("Java", FunctionKind.Java)]
    [DataRow("PMML", FunctionKind.Pmml)]
    public void Parse_FunctionDefinition_ReadsKindParametersAndBody(string? kind, FunctionKind expected)
    {
        var kindAttribute = kind is null ? "" : $"""kind="{kind}" """;
        var function = DmnTestData.DecisionExpression<FunctionDefinition>(
            $"""<functionDefinition {kindAttribute}><formalParameter name="x" typeRef="number"/>{Literal("x * 2")}</functionDefinition>""");

        Assert.AreEqual(expected, function.Kind);
        Assert.AreEqual("x", function.Parameters.Single().Name);
        Assert.AreEqual("x * 2", TextOf(function.Body!));
    }

    [TestMethod]
    public void Parse_Conditional_ReadsIfThenElse()
    {
        var conditional = DmnTestData.DecisionExpression<Conditional>(
            $"<conditional><if>{Literal("true")}</if><then>{Literal("1")}</then><else>{Literal("2")}</else></conditional>");

        Assert.AreEqual(("true", "1", "2"), (TextOf(conditional.If), TextOf(conditional.Then), TextOf(conditional.Else)));
    }

    [TestMethod]
    public void Parse_ConditionalWithoutElse_Throws()
    {
        var e = Assert.ThrowsExactly<ModelParseException>(() => DmnTestData.DecisionExpression<Conditional>(
            $"<conditional><if>{Literal("true")}</if><then>{Literal("1")}</then></conditional>"));

        Assert.Contains("'else'", e.Message);
    }

    [TestMethod]
    public void Parse_Filter_ReadsInAndMatch()
    {
        var filter = DmnTestData.DecisionExpression<Filter>($"<filter><in>{Literal("[1,2,3]")}</in><match>{Literal("item > 1")}</match></filter>");

        Assert.AreEqual(("[1,2,3]", "item > 1"), (TextOf(filter.In), TextOf(filter.Match)));
    }

    [TestMethod]
    public void Parse_For_ReadsIteratorInAndReturn()
    {
        var loop = DmnTestData.DecisionExpression<For>(
            $"""<for iteratorVariable="e"><in typeRef="number">{Literal("[1,2]")}</in><return>{Literal("e * 2")}</return></for>""");

        Assert.AreEqual(("e", "[1,2]", "e * 2"), (loop.IteratorVariable, TextOf(loop.In), TextOf(loop.Return)));
    }

    [TestMethod]
    [DataRow("some", QuantifierKind.Some)]
    [DataRow("every", QuantifierKind.Every)]
    public void Parse_Quantified_ReadsKindIteratorInAndSatisfies(string element, QuantifierKind expected)
    {
        var quantified = DmnTestData.DecisionExpression<Quantified>(
            $"""<{element} iteratorVariable="e"><in>{Literal("[1,2]")}</in><satisfies>{Literal("e > 1")}</satisfies></{element}>""");

        Assert.AreEqual((expected, "e", "[1,2]", "e > 1"), (quantified.Kind, quantified.IteratorVariable, TextOf(quantified.In), TextOf(quantified.Satisfies)));
    }

    [TestMethod]
    public void Parse_ForWithoutIteratorVariable_Throws()
    {
        var e = Assert.ThrowsExactly<ModelParseException>(() => DmnTestData.DecisionExpression<For>(
            $"<for><in>{Literal("[1]")}</in><return>{Literal("1")}</return></for>"));

        Assert.Contains("iteratorVariable", e.Message);
    }

    [TestMethod]
    public void Parse_UnknownExpressionElement_Throws()
    {
        var e = Assert.ThrowsExactly<ModelParseException>(() => DmnTestData.Parse("""<decision id="d" name="d"><teleport/></decision>"""));

        Assert.Contains("teleport", e.Message);
        Assert.AreEqual("d", e.ElementId);
    }

    [TestMethod]
    public void Parse_DecisionWithoutLogic_HasNullExpression()
    {
        var decision = DmnTestData.Parse("""<decision id="d" name="d"><question>Why?</question></decision>""").Decisions.Single();

        Assert.IsNull(decision.Expression);
    }
}
