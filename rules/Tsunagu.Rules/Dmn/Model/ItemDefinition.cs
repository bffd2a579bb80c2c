namespace Tsunagu.Rules.Dmn.Model;

/// <summary>A type definition (<c>itemDefinition</c> or a nested <c>itemComponent</c>).</summary>
public sealed record ItemDefinition
{
    public string? Id { get; init; }

    public required string Name { get; init; }

    public string? Label { get; init; }

    /// <summary>The raw base type; null for a structured type (components) or a function type.</summary>
    public string? TypeRef { get; init; }

    public bool IsCollection { get; init; }

    /// <summary>The unary-tests text of <c>allowedValues</c>.</summary>
    public string? AllowedValues { get; init; }

    /// <summary>The unary-tests text of <c>typeConstraint</c> (DMN 1.5).</summary>
    public string? TypeConstraint { get; init; }

    public IReadOnlyList<ItemDefinition> ItemComponents { get; init; } = [];

    public FunctionItem? FunctionItem { get; init; }
}

/// <summary>A function type: parameter list and output type.</summary>
public sealed record FunctionItem
{
    public IReadOnlyList<InformationItem> Parameters { get; init; } = [];

    public string? OutputTypeRef { get; init; }
}
