using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Syntax;

/// <summary>FEEL abstract syntax. Positions are offsets into the source text, for messages.</summary>
internal abstract record Node(int Position);

internal sealed record Literal(int Position, object? Value) : Node(Position);

/// <summary>An <c>@"…"</c> literal; parsed into a temporal value at compile time.</summary>
internal sealed record AtLiteral(int Position, string Text) : Node(Position);

internal sealed record NameRef(int Position, string Name) : Node(Position);

internal sealed record PathNode(int Position, Node Target, string Member) : Node(Position);

internal sealed record FilterNode(int Position, Node Target, Node Predicate) : Node(Position);

internal sealed record InvokeNode(int Position, Node Callee, IReadOnlyList<Node> Positional, IReadOnlyList<KeyValuePair<string, Node>>? Named) : Node(Position);

internal sealed record NegateNode(int Position, Node Operand) : Node(Position);

internal enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

internal sealed record BinaryNode(int Position, BinaryOp Op, Node Left, Node Right) : Node(Position);

internal sealed record AndNode(int Position, Node Left, Node Right) : Node(Position);

internal sealed record OrNode(int Position, Node Left, Node Right) : Node(Position);

internal sealed record BetweenNode(int Position, Node Value, Node Low, Node High) : Node(Position);

/// <summary><c>value in test</c> or <c>value in (test, test…)</c>: true when any positive unary test holds.</summary>
internal sealed record InNode(int Position, Node Value, IReadOnlyList<Node> Tests) : Node(Position);

internal sealed record InstanceOfNode(int Position, Node Value, FeelTypeRef Type) : Node(Position);

internal sealed record IfNode(int Position, Node Condition, Node Then, Node Else) : Node(Position);

/// <summary>One iteration context: <c>name in domain</c> or <c>name in from..to</c>.</summary>
internal sealed record Iteration(string Name, Node Domain, Node? RangeEnd);

internal sealed record ForNode(int Position, IReadOnlyList<Iteration> Iterations, Node Body) : Node(Position);

internal sealed record QuantifiedNode(int Position, bool Every, IReadOnlyList<Iteration> Iterations, Node Condition) : Node(Position);

internal sealed record FunctionParameter(string Name, FeelTypeRef? Type);

internal sealed record FunctionNode(int Position, IReadOnlyList<FunctionParameter> Parameters, Node Body, bool External) : Node(Position);

internal sealed record ListNode(int Position, IReadOnlyList<Node> Items) : Node(Position);

internal sealed record ContextNode(int Position, IReadOnlyList<KeyValuePair<string, Node>> Entries) : Node(Position);

internal sealed record RangeNode(int Position, bool StartIncluded, Node? Start, Node? End, bool EndIncluded) : Node(Position);

/// <summary><c>&lt; e</c>, <c>&gt;= e</c>, <c>= e</c>, <c>!= e</c> as a unary test or (FEEL 1.4+) as a range value.</summary>
internal sealed record UnaryComparisonNode(int Position, BinaryOp Op, Node Operand) : Node(Position);

/// <summary>The unary test <c>-</c>: matches anything.</summary>
internal sealed record AnyTestNode(int Position) : Node(Position);

/// <summary><c>not(tests)</c> in a unary-test list.</summary>
internal sealed record NotTestsNode(int Position, IReadOnlyList<Node> Tests) : Node(Position);

/// <summary>A FEEL type as written after <c>instance of</c> or in a typed parameter.</summary>
internal sealed record FeelTypeRef(string Name, IReadOnlyList<FeelTypeRef> Arguments, IReadOnlyList<KeyValuePair<string, FeelTypeRef>>? Fields, FeelTypeRef? Result)
{
    public static FeelTypeRef Simple(string name) => new(name, [], null, null);
}
