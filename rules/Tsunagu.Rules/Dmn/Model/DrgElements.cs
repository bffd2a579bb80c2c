namespace Tsunagu.Rules.Dmn.Model;

/// <summary>A node of the decision requirements graph that has a value in scope under its variable's name.</summary>
public abstract record DrgElement
{
    public string? Id { get; init; }

    public required string Name { get; init; }

    public string? Label { get; init; }

    public string? Description { get; init; }

    /// <summary>The element's variable; when the document omits it (as dmn-js does) it is the element's name, untyped.</summary>
    public required InformationItem Variable { get; init; }
}

public sealed record Decision : DrgElement
{
    public IReadOnlyList<InformationRequirement> InformationRequirements { get; init; } = [];

    public IReadOnlyList<KnowledgeRequirement> KnowledgeRequirements { get; init; } = [];

    /// <summary>The decision logic; null when the model leaves it undefined.</summary>
    public Expression? Expression { get; init; }
}

public sealed record InputData : DrgElement;

public sealed record BusinessKnowledgeModel : DrgElement
{
    /// <summary>The BKM's function (its parameters are the BKM's); null when the model leaves it undefined.</summary>
    public FunctionDefinition? EncapsulatedLogic { get; init; }

    public IReadOnlyList<KnowledgeRequirement> KnowledgeRequirements { get; init; } = [];
}

/// <summary>
/// A decision service. Every list keeps document order, which matters: <see cref="InputData"/> and
/// <see cref="InputDecisions"/> give the service's positional parameter order.
/// </summary>
public sealed record DecisionService : DrgElement
{
    public IReadOnlyList<DmnHref> OutputDecisions { get; init; } = [];

    public IReadOnlyList<DmnHref> EncapsulatedDecisions { get; init; } = [];

    public IReadOnlyList<DmnHref> InputDecisions { get; init; } = [];

    public IReadOnlyList<DmnHref> InputData { get; init; } = [];
}
