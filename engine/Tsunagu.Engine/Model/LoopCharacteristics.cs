namespace Tsunagu.Engine.Model;

internal abstract record LoopCharacteristics
{
    public int Line { get; init; }

    public int Column { get; init; }
}

/// <summary>Repeats the activity while <see cref="LoopCondition"/> holds, at most <see cref="LoopMaximum"/> times.</summary>
internal sealed record StandardLoopCharacteristics : LoopCharacteristics
{
    public BpmnExpression? LoopCondition { get; init; }

    /// <summary>True: the condition is checked before each iteration (while); false: after (do-while).</summary>
    public bool TestBefore { get; init; }

    public int? LoopMaximum { get; init; }
}

/// <summary>
/// Runs the activity once per element of <see cref="InputCollection"/> or <see cref="LoopCardinality"/> times.
/// Collection and element names come from the <c>tsunagu:multiInstance</c> extension or the BPMN
/// <c>loopDataInputRef</c>/<c>inputDataItem</c> (and output counterparts).
/// </summary>
internal sealed record MultiInstanceLoopCharacteristics : LoopCharacteristics
{
    public bool IsSequential { get; init; }

    public BpmnExpression? LoopCardinality { get; init; }

    /// <summary>A FEEL expression (extension) or the id of a data input/property (BPMN <c>loopDataInputRef</c>).</summary>
    public string? InputCollection { get; init; }

    /// <summary>The variable holding the current element in each instance.</summary>
    public string? InputElement { get; init; }

    /// <summary>The variable that receives the collected outputs.</summary>
    public string? OutputCollection { get; init; }

    /// <summary>What each instance contributes to <see cref="OutputCollection"/>: a FEEL expression or a variable name.</summary>
    public string? OutputElement { get; init; }

    public BpmnExpression? CompletionCondition { get; init; }

    /// <summary>None, One, All (default) or Complex: when instances throw their completion events.</summary>
    public string Behavior { get; init; } = "All";

    public string? OneBehaviorEventRef { get; init; }

    public string? NoneBehaviorEventRef { get; init; }

    /// <summary>The root-level event definitions the behavior refs name (null when absent or unresolved).</summary>
    public EventDefinition? OneBehaviorEvent { get; init; }

    public EventDefinition? NoneBehaviorEvent { get; init; }

    public IReadOnlyList<ComplexBehaviorDefinition> ComplexBehaviorDefinitions { get; init; } = [];
}

internal sealed record ComplexBehaviorDefinition
{
    public BpmnExpression? Condition { get; init; }

    /// <summary>The id of the implicit throw event's definition, as written in <c>event</c>.</summary>
    public string? EventId { get; init; }

    public IReadOnlyList<EventDefinition> EventDefinitions { get; init; } = [];
}
