namespace Tsunagu.Engine.Model;

/// <summary>A process or subprocess variable declared with <c>dataObject</c>; <see cref="ParentId"/> is its scope.</summary>
internal sealed record DataObject : BpmnElement
{
    public required string ParentId { get; init; }

    public string? ItemSubjectRef { get; init; }

    public bool IsCollection { get; init; }
}

internal sealed record DataObjectReference : BpmnElement
{
    public required string ParentId { get; init; }

    public string? DataObjectRef { get; init; }
}

/// <summary>A <c>property</c> of a process, activity or event.</summary>
internal sealed record Property : BpmnElement
{
    public string? ItemSubjectRef { get; init; }
}

/// <summary>A <c>dataInput</c> or <c>dataOutput</c> of an ioSpecification or event.</summary>
internal sealed record DataItem : BpmnElement
{
    public string? ItemSubjectRef { get; init; }

    public bool IsCollection { get; init; }
}

/// <summary>An activity's <c>ioSpecification</c>; input/output sets hold ids of <see cref="DataInputs"/>/<see cref="DataOutputs"/>.</summary>
internal sealed record IoSpecification
{
    public IReadOnlyList<DataItem> DataInputs { get; init; } = [];

    public IReadOnlyList<DataItem> DataOutputs { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<string>> InputSets { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<string>> OutputSets { get; init; } = [];
}

/// <summary>A data input or output association as written: refs are ids of data objects, properties, data inputs/outputs.</summary>
internal sealed record DataAssociation
{
    public string? Id { get; init; }

    public IReadOnlyList<string> SourceRefs { get; init; } = [];

    public string? TargetRef { get; init; }

    public BpmnExpression? Transformation { get; init; }

    public IReadOnlyList<DataAssignment> Assignments { get; init; } = [];

    public int Line { get; init; }

    public int Column { get; init; }
}

internal sealed record DataAssignment
{
    public required BpmnExpression From { get; init; }

    public required BpmnExpression To { get; init; }
}
