namespace Tsunagu.Rules.Dmn.Model;

public enum HitPolicy
{
    Unique,
    First,
    Priority,
    Any,
    Collect,
    RuleOrder,
    OutputOrder,
}

/// <summary>The aggregation of a COLLECT table; <see cref="None"/> returns the list of matches.</summary>
public enum Aggregation
{
    None,
    Sum,
    Min,
    Max,
    Count,
}

public sealed record DecisionTable : Expression
{
    public HitPolicy HitPolicy { get; init; } = HitPolicy.Unique;

    public Aggregation Aggregation { get; init; } = Aggregation.None;

    public string? OutputLabel { get; init; }

    public IReadOnlyList<InputClause> Inputs { get; init; } = [];

    public IReadOnlyList<OutputClause> Outputs { get; init; } = [];

    /// <summary>The names of the annotation columns (DMN 1.2+).</summary>
    public IReadOnlyList<string> RuleAnnotationClauses { get; init; } = [];

    public IReadOnlyList<Rule> Rules { get; init; } = [];
}

public sealed record InputClause
{
    public string? Id { get; init; }

    public string? Label { get; init; }

    public required LiteralExpression InputExpression { get; init; }

    /// <summary>The unary-tests text restricting the input's values.</summary>
    public string? InputValues { get; init; }
}

public sealed record OutputClause
{
    public string? Id { get; init; }

    /// <summary>The component name; set when the table has several outputs.</summary>
    public string? Name { get; init; }

    public string? Label { get; init; }

    public string? TypeRef { get; init; }

    /// <summary>The unary-tests text listing the output's values (in priority order for PRIORITY/OUTPUT ORDER).</summary>
    public string? OutputValues { get; init; }

    public string? DefaultOutputEntry { get; init; }
}

/// <summary>A rule: one entry text per input clause, output clause and annotation clause, in clause order.</summary>
public sealed record Rule
{
    public string? Id { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> InputEntries { get; init; } = [];

    public IReadOnlyList<string> OutputEntries { get; init; } = [];

    public IReadOnlyList<string> AnnotationEntries { get; init; } = [];
}
