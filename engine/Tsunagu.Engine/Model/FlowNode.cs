namespace Tsunagu.Engine.Model;

/// <summary>An event, activity or gateway. <see cref="ParentId"/> is the process or subprocess that contains it.</summary>
internal abstract record FlowNode : BpmnElement
{
    public required string ParentId { get; init; }

    /// <summary>Incoming sequence flow ids, from the flows' <c>targetRef</c> (the <c>incoming</c> elements are only a hint).</summary>
    public IReadOnlyList<string> Incoming { get; init; } = [];

    /// <summary>Outgoing sequence flow ids, from the flows' <c>sourceRef</c>.</summary>
    public IReadOnlyList<string> Outgoing { get; init; } = [];

    public TsunaguExtensions Extensions { get; init; } = TsunaguExtensions.None;

    /// <summary>Activities' and events' data input associations; empty for gateways.</summary>
    public IReadOnlyList<DataAssociation> DataInputAssociations { get; init; } = [];

    /// <summary>Activities' and events' data output associations; empty for gateways.</summary>
    public IReadOnlyList<DataAssociation> DataOutputAssociations { get; init; } = [];
}

internal abstract record Gateway : FlowNode
{
    /// <summary>The <c>gatewayDirection</c> as written (Unspecified, Converging, Diverging, Mixed).</summary>
    public string GatewayDirection { get; init; } = "Unspecified";
}

internal sealed record ExclusiveGateway : Gateway
{
    public string? Default { get; init; }
}

internal sealed record InclusiveGateway : Gateway
{
    public string? Default { get; init; }
}

internal sealed record ParallelGateway : Gateway;

internal sealed record EventBasedGateway : Gateway
{
    public bool Instantiate { get; init; }

    /// <summary>Exclusive or Parallel (only meaningful when <see cref="Instantiate"/>).</summary>
    public string EventGatewayType { get; init; } = "Exclusive";
}

internal sealed record ComplexGateway : Gateway
{
    public string? Default { get; init; }

    public BpmnExpression? ActivationCondition { get; init; }
}
