namespace Tsunagu.Engine.Model;

/// <summary>A task, subprocess or call activity.</summary>
internal abstract record Activity : FlowNode
{
    /// <summary>The default outgoing flow id (taken when no conditional outgoing flow holds).</summary>
    public string? Default { get; init; }

    public bool IsForCompensation { get; init; }

    public int StartQuantity { get; init; } = 1;

    public int CompletionQuantity { get; init; } = 1;

    public LoopCharacteristics? LoopCharacteristics { get; init; }

    public IoSpecification? IoSpecification { get; init; }

    public IReadOnlyList<Property> Properties { get; init; } = [];
}

/// <summary>An untyped <c>task</c> (the spec's "abstract task"): it completes at once.</summary>
internal sealed record AbstractTask : Activity;

internal sealed record UserTask : Activity;

internal sealed record ManualTask : Activity;

/// <summary>A service task; Tsunagu calls the handler named by <see cref="TsunaguExtensions.Handler"/>.</summary>
internal sealed record ServiceTask : Activity
{
    public string? Implementation { get; init; }

    public string? OperationRef { get; init; }
}

/// <summary>A script task: <see cref="Script"/> is the body as written (trimmed).</summary>
internal sealed record ScriptTask : Activity
{
    public string? ScriptFormat { get; init; }

    public string? Script { get; init; }
}

/// <summary>A business-rule task; Tsunagu evaluates <see cref="TsunaguExtensions.Decision"/>.</summary>
internal sealed record BusinessRuleTask : Activity
{
    public string? Implementation { get; init; }
}

internal sealed record SendTask : Activity
{
    public string? MessageRef { get; init; }

    public string? OperationRef { get; init; }
}

internal sealed record ReceiveTask : Activity
{
    public string? MessageRef { get; init; }

    public string? OperationRef { get; init; }

    public bool Instantiate { get; init; }
}

/// <summary>An embedded subprocess; its children are the nodes whose <see cref="FlowNode.ParentId"/> is its id.</summary>
internal record SubProcess : Activity
{
    /// <summary>True for an event subprocess (started by its start event, not by a sequence flow).</summary>
    public bool TriggeredByEvent { get; init; }
}

internal sealed record Transaction : SubProcess
{
    /// <summary>The transaction <c>method</c> as written (##Compensate, ##Store, ##Image), null when absent.</summary>
    public string? Method { get; init; }
}

/// <summary>An ad-hoc subprocess: parsed so that it can be shown and validated; an executor may refuse it.</summary>
internal sealed record AdHocSubProcess : SubProcess
{
    /// <summary>Parallel (default) or Sequential.</summary>
    public string Ordering { get; init; } = "Parallel";

    public BpmnExpression? CompletionCondition { get; init; }

    public bool CancelRemainingInstances { get; init; } = true;
}

/// <summary>Calls a process or a global task by id (<see cref="CalledElement"/>); see <see cref="TsunaguExtensions.CalledVersion"/>.</summary>
internal sealed record CallActivity : Activity
{
    public string? CalledElement { get; init; }
}
