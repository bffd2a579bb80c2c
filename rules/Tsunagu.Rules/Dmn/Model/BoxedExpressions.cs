namespace Tsunagu.Rules.Dmn.Model;

/// <summary>The DMN 1.4+ boxed <c>if/then/else</c>.</summary>
public sealed record Conditional : Expression
{
    public required Expression If { get; init; }

    public required Expression Then { get; init; }

    public required Expression Else { get; init; }
}

/// <summary>The DMN 1.4+ boxed filter: the items of <see cref="In"/> for which <see cref="Match"/> is true (<c>item</c> in scope).</summary>
public sealed record Filter : Expression
{
    public required Expression In { get; init; }

    public required Expression Match { get; init; }
}

/// <summary>The DMN 1.4+ boxed <c>for</c>: <see cref="Return"/> evaluated per item of <see cref="In"/>.</summary>
public sealed record For : Expression
{
    public required string IteratorVariable { get; init; }

    public required Expression In { get; init; }

    public required Expression Return { get; init; }
}

public enum QuantifierKind
{
    Some,
    Every,
}

/// <summary>The DMN 1.4+ boxed <c>some</c>/<c>every</c>.</summary>
public sealed record Quantified : Expression
{
    public required QuantifierKind Kind { get; init; }

    public required string IteratorVariable { get; init; }

    public required Expression In { get; init; }

    public required Expression Satisfies { get; init; }
}
