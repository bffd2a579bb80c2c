using System.Xml.Linq;
using Tsunagu.Rules.Dmn.Model;

namespace Tsunagu.Rules.Dmn;

/// <summary>Boxed expressions, located among the other children of their container.</summary>
internal sealed partial class DmnReader
{
    /// <summary>DMN children of expression containers (decision, binding, context entry…) that are not expressions.</summary>
    private static readonly HashSet<string> NonExpressions = new(StringComparer.Ordinal)
    {
        "description", "extensionElements", "variable", "question", "allowedAnswers",
        "informationRequirement", "knowledgeRequirement", "authorityRequirement",
        "supportedObjective", "impactedPerformanceIndicator", "decisionMaker", "decisionOwner",
        "usingProcess", "usingTask", "formalParameter", "parameter", "binding",
    };

    private IEnumerable<XElement> ExpressionElements(XElement container) =>
        container.Elements().Where(e => e.Name.Namespace == ns && !NonExpressions.Contains(e.Name.LocalName));

    /// <summary>The container's expression, or null when it has none.</summary>
    private Expression? FindExpression(XElement container) =>
        ExpressionElements(container).FirstOrDefault() is { } element ? ReadExpression(element) : null;

    private Expression RequiredExpression(XElement container) =>
        FindExpression(container) ?? throw Fail(container, $"Element '{container.Name.LocalName}' needs an expression.");

    /// <summary>The expression inside a required child such as <c>&lt;if&gt;</c> or <c>&lt;in&gt;</c>.</summary>
    private Expression ChildExpression(XElement parent, string name) =>
        Child(parent, name) is { } child
            ? RequiredExpression(child)
            : throw Fail(parent, $"Element '{parent.Name.LocalName}' is missing its '{name}' child.");

    private Expression ReadExpression(XElement element)
    {
        Expression expression = element.Name.LocalName switch
        {
            "literalExpression" => ReadLiteral(element),
            "context" => new Context { Entries = Children(element, "contextEntry").Select(ReadContextEntry).ToList() },
            "invocation" => ReadInvocation(element),
            "list" => new ListExpression { Items = ExpressionElements(element).Select(ReadExpression).ToList() },
            "relation" => ReadRelation(element),
            "functionDefinition" => ReadFunctionDefinition(element),
            "decisionTable" => ReadDecisionTable(element),
            "conditional" => new Conditional
            {
                If = ChildExpression(element, "if"),
                Then = ChildExpression(element, "then"),
                Else = ChildExpression(element, "else"),
            },
            "filter" => new Filter { In = ChildExpression(element, "in"), Match = ChildExpression(element, "match") },
            "for" => new For
            {
                IteratorVariable = RequiredAttr(element, "iteratorVariable"),
                In = ChildExpression(element, "in"),
                Return = ChildExpression(element, "return"),
            },
            "some" => ReadQuantified(element, QuantifierKind.Some),
            "every" => ReadQuantified(element, QuantifierKind.Every),
            var other => throw Fail(element, $"Unsupported expression element '{other}'."),
        };
        return WithCommon(expression, element);
    }

    /// <summary>Copies the attributes every expression has.</summary>
    private static T WithCommon<T>(T expression, XElement element)
        where T : Expression =>
        (T)((Expression)expression with { Id = Attr(element, "id"), TypeRef = Attr(element, "typeRef"), Label = Attr(element, "label") });

    private LiteralExpression ReadLiteral(XElement element) => new()
    {
        Text = EntryText(element),
        ExpressionLanguage = Attr(element, "expressionLanguage"),
    };

    private ContextEntry ReadContextEntry(XElement element) => new()
    {
        Variable = Child(element, "variable") is { } variable ? ReadInformationItem(variable) : null,
        Value = RequiredExpression(element),
    };

    private Invocation ReadInvocation(XElement element) => new()
    {
        Callee = RequiredExpression(element),
        Bindings = Children(element, "binding").Select(binding => new Binding
        {
            Parameter = Child(binding, "parameter") is { } parameter
                ? ReadInformationItem(parameter)
                : throw Fail(binding, "A binding needs a parameter."),
            Value = FindExpression(binding),
        }).ToList(),
    };

    private Relation ReadRelation(XElement element)
    {
        var columns = Children(element, "column").Select(ReadInformationItem).ToList();
        var rows = Children(element, "row").Select(row =>
        {
            var cells = ExpressionElements(row).Select(ReadExpression).ToList();
            return cells.Count == columns.Count
                ? cells
                : throw Fail(row, $"The relation row has {cells.Count} cells but there are {columns.Count} columns.");
        }).ToList();
        return new Relation { Columns = columns, Rows = rows };
    }

    /// <summary>Also reads <c>encapsulatedLogic</c>, which has the same content.</summary>
    private FunctionDefinition ReadFunctionDefinition(XElement element) => new()
    {
        Kind = Attr(element, "kind") switch
        {
            null or "FEEL" => FunctionKind.Feel,
            "Java" => FunctionKind.Java,
            "PMML" => FunctionKind.Pmml,
            var other => throw Fail(element, $"Unknown function kind '{other}': expected FEEL, Java or PMML."),
        },
        Parameters = Children(element, "formalParameter").Select(ReadInformationItem).ToList(),
        Body = FindExpression(element),
    };

    private Quantified ReadQuantified(XElement element, QuantifierKind kind) => new()
    {
        Kind = kind,
        IteratorVariable = RequiredAttr(element, "iteratorVariable"),
        In = ChildExpression(element, "in"),
        Satisfies = ChildExpression(element, "satisfies"),
    };
}
