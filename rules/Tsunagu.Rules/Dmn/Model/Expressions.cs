namespace Tsunagu.Rules.Dmn.Model;

/// <summary>A boxed expression: decision logic, a context entry's value, a function body and so on.</summary>
public abstract record Expression
{
    public string? Id { get; init; }

    /// <summary>The raw declared result type.</summary>
    public string? TypeRef { get; init; }

    public string? Label { get; init; }
}

/// <summary>Expression text; <see cref="ExpressionLanguage"/> is null when the model default applies.</summary>
public sealed record LiteralExpression : Expression
{
    public required string Text { get; init; }

    public string? ExpressionLanguage { get; init; }
}

public sealed record Context : Expression
{
    public IReadOnlyList<ContextEntry> Entries { get; init; } = [];
}

/// <summary>A context entry; <see cref="Variable"/> is null for the final result entry.</summary>
public sealed record ContextEntry
{
    public InformationItem? Variable { get; init; }

    public required Expression Value { get; init; }
}

/// <summary>A call of <see cref="Callee"/> (usually a literal naming a BKM) with named arguments.</summary>
public sealed record Invocation : Expression
{
    public required Expression Callee { get; init; }

    public IReadOnlyList<Binding> Bindings { get; init; } = [];
}

/// <summary>A named argument; a null <see cref="Value"/> passes null.</summary>
public sealed record Binding
{
    public required InformationItem Parameter { get; init; }

    public Expression? Value { get; init; }
}

public sealed record ListExpression : Expression
{
    public IReadOnlyList<Expression> Items { get; init; } = [];
}

/// <summary>A table of contexts: each row holds one expression per column, in column order.</summary>
public sealed record Relation : Expression
{
    public IReadOnlyList<InformationItem> Columns { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<Expression>> Rows { get; init; } = [];
}

public enum FunctionKind
{
    Feel,
    Java,
    Pmml,
}

/// <summary>A function; for Java and PMML the body is a context describing the external function.</summary>
public sealed record FunctionDefinition : Expression
{
    public FunctionKind Kind { get; init; } = FunctionKind.Feel;

    public IReadOnlyList<InformationItem> Parameters { get; init; } = [];

    public Expression? Body { get; init; }
}
