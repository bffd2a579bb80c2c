namespace Tsunagu.Engine.Model;

/// <summary>An event; <see cref="EventDefinitions"/> is empty for a none event, has several for a multiple event.</summary>
internal abstract record Event : FlowNode
{
    /// <summary>Inline definitions and those referenced with <c>eventDefinitionRef</c>, in document order.</summary>
    public IReadOnlyList<EventDefinition> EventDefinitions { get; init; } = [];

    /// <summary>The event's own <c>dataInput</c>s (throw events) or <c>dataOutput</c>s (catch events).</summary>
    public IReadOnlyList<DataItem> DataItems { get; init; } = [];
}

internal sealed record StartEvent : Event
{
    public bool IsInterrupting { get; init; } = true;

    public bool ParallelMultiple { get; init; }
}

internal sealed record EndEvent : Event;

internal sealed record IntermediateCatchEvent : Event
{
    public bool ParallelMultiple { get; init; }
}

internal sealed record IntermediateThrowEvent : Event;

internal sealed record BoundaryEvent : Event
{
    public required string AttachedToRef { get; init; }

    public bool CancelActivity { get; init; } = true;

    public bool ParallelMultiple { get; init; }
}

/// <summary>What triggers or is thrown by an event. <see cref="Id"/> may be null for inline definitions without one.</summary>
internal abstract record EventDefinition
{
    public string? Id { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }
}

/// <summary>A timer: exactly one of the three values should be set, as written (ISO 8601 or a FEEL expression).</summary>
internal sealed record TimerEventDefinition : EventDefinition
{
    public BpmnExpression? TimeDate { get; init; }

    public BpmnExpression? TimeDuration { get; init; }

    public BpmnExpression? TimeCycle { get; init; }
}

internal sealed record MessageEventDefinition : EventDefinition
{
    public string? MessageRef { get; init; }

    public string? OperationRef { get; init; }
}

internal sealed record SignalEventDefinition : EventDefinition
{
    public string? SignalRef { get; init; }
}

/// <summary>An error; a null <see cref="ErrorRef"/> on a catch event catches every error.</summary>
internal sealed record ErrorEventDefinition : EventDefinition
{
    public string? ErrorRef { get; init; }
}

/// <summary>An escalation; a null <see cref="EscalationRef"/> on a catch event catches every escalation.</summary>
internal sealed record EscalationEventDefinition : EventDefinition
{
    public string? EscalationRef { get; init; }
}

internal sealed record TerminateEventDefinition : EventDefinition;

internal sealed record CancelEventDefinition : EventDefinition;

internal sealed record LinkEventDefinition : EventDefinition
{
    public string? Name { get; init; }
}

/// <summary>Compensation; a null <see cref="ActivityRef"/> compensates the whole enclosing scope.</summary>
internal sealed record CompensateEventDefinition : EventDefinition
{
    public string? ActivityRef { get; init; }

    public bool WaitForCompletion { get; init; } = true;
}

internal sealed record ConditionalEventDefinition : EventDefinition
{
    public BpmnExpression? Condition { get; init; }
}
