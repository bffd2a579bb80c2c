namespace Tsunagu.Engine.Model;

/// <summary>Any BPMN element with an id. <see cref="Line"/> and <see cref="Column"/> locate it in the source (1-based, 0 when unknown).</summary>
internal abstract record BpmnElement
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }
}

/// <summary>An expression as written (<c>conditionExpression</c>, <c>loopCardinality</c>, …): FEEL unless <see cref="Language"/> says otherwise.</summary>
internal sealed record BpmnExpression
{
    public required string Text { get; init; }

    /// <summary>The <c>language</c> attribute when given; null means the definitions' default (FEEL for Tsunagu).</summary>
    public string? Language { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }
}
