namespace Tsunagu.Engine.Model;

/// <summary>
/// A process. <see cref="Nodes"/> holds every flow node, including those nested in subprocesses
/// (each knows its scope through <see cref="FlowNode.ParentId"/>); <see cref="TopLevelNodeIds"/> are those directly in the process.
/// </summary>
internal sealed record ProcessDefinition : BpmnElement
{
    public bool IsExecutable { get; init; }

    public IReadOnlyDictionary<string, FlowNode> Nodes { get; init; } = new Dictionary<string, FlowNode>();

    /// <summary>Every sequence flow of the process and its subprocesses, by id.</summary>
    public IReadOnlyDictionary<string, SequenceFlow> SequenceFlows { get; init; } = new Dictionary<string, SequenceFlow>();

    public IReadOnlyList<string> TopLevelNodeIds { get; init; } = [];

    /// <summary>Lanes of all lane sets, nested lanes flattened (each keeps its <see cref="Lane.ParentLaneId"/>).</summary>
    public IReadOnlyList<Lane> Lanes { get; init; } = [];

    public IReadOnlyList<Property> Properties { get; init; } = [];

    /// <summary>Data objects of the process and its subprocesses.</summary>
    public IReadOnlyList<DataObject> DataObjects { get; init; } = [];

    public IReadOnlyList<DataObjectReference> DataObjectReferences { get; init; } = [];

    /// <summary>Associations of the process and its subprocesses (e.g. a compensation boundary event to its handler).</summary>
    public IReadOnlyList<Association> Associations { get; init; } = [];

    /// <summary>The nodes directly inside the process or subprocess <paramref name="scopeId"/>.</summary>
    public IEnumerable<FlowNode> ChildrenOf(string scopeId) => Nodes.Values.Where(n => n.ParentId == scopeId);
}

internal sealed record Lane : BpmnElement
{
    public string? ParentLaneId { get; init; }

    public IReadOnlyList<string> FlowNodeRefs { get; init; } = [];
}

/// <summary>A sequence flow; <see cref="ParentId"/> is the process or subprocess it is declared in.</summary>
internal sealed record SequenceFlow : BpmnElement
{
    public required string SourceRef { get; init; }

    public required string TargetRef { get; init; }

    public required string ParentId { get; init; }

    public BpmnExpression? ConditionExpression { get; init; }
}

/// <summary>An association between two elements; <see cref="BpmnElement.Id"/> is empty when the document gives none.</summary>
internal sealed record Association : BpmnElement
{
    public required string SourceRef { get; init; }

    public required string TargetRef { get; init; }
}
