namespace Tsunagu.Rules.Dmn.Model;

/// <summary>A dependency on a decision's or an input data's value; exactly one of the hrefs is set.</summary>
public sealed record InformationRequirement
{
    public string? Id { get; init; }

    public DmnHref? RequiredDecision { get; init; }

    public DmnHref? RequiredInput { get; init; }

    /// <summary>Whichever of <see cref="RequiredDecision"/> and <see cref="RequiredInput"/> is set.</summary>
    public DmnHref Required =>
        RequiredDecision ?? RequiredInput ?? throw new InvalidOperationException("The information requirement has no href.");
}

/// <summary>A dependency on a business knowledge model or decision service that is invoked.</summary>
public sealed record KnowledgeRequirement
{
    public string? Id { get; init; }

    public required DmnHref RequiredKnowledge { get; init; }
}
