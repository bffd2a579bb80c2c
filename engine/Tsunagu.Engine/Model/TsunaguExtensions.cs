namespace Tsunagu.Engine.Model;

/// <summary>
/// The <c>tsunagu:</c> extension elements of a node (namespace <see cref="Namespace"/>, docs/adr/0003-bpmn-extensions.md).
/// Each is null (or empty) when absent.
/// </summary>
internal sealed record TsunaguExtensions
{
    public const string Namespace = "https://tsunagu.dev/schema/bpmn";

    public static TsunaguExtensions None { get; } = new();

    public TaskAssignment? Assignment { get; init; }

    /// <summary>The form key of a user task (<c>tsunagu:form ref</c>).</summary>
    public string? FormRef { get; init; }

    /// <summary>When a user task is due (<c>tsunagu:due expression</c>): a duration from its creation, a date and time, or ISO text of either.</summary>
    public BpmnExpression? Due { get; init; }

    /// <summary>The registered handler name of a service task (<c>tsunagu:handler name</c>).</summary>
    public string? Handler { get; init; }

    public DecisionReference? Decision { get; init; }

    public IReadOnlyList<IoMapping> Inputs { get; init; } = [];

    public IReadOnlyList<IoMapping> Outputs { get; init; } = [];

    public RetryPolicy? Retry { get; init; }

    /// <summary>The FEEL correlation key of a message catch event or receive task.</summary>
    public BpmnExpression? CorrelationKey { get; init; }

    public CalledVersion? CalledVersion { get; init; }
}

/// <summary>Who may claim a user task: FEEL expressions, or a DMN decision that yields the candidates.</summary>
internal sealed record TaskAssignment
{
    public BpmnExpression? CandidateInstitution { get; init; }

    public BpmnExpression? CandidateRole { get; init; }

    public BpmnExpression? CandidateUser { get; init; }

    public string? Decision { get; init; }
}

/// <summary>The DMN decision of a business-rule task: decision name in model key; the result goes to <see cref="ResultVariable"/>.</summary>
internal sealed record DecisionReference
{
    public required string Ref { get; init; }

    public string? Model { get; init; }

    public string? ResultVariable { get; init; }
}

/// <summary>An input (evaluated in the outer scope, set in the activity's) or output (the reverse) variable mapping.</summary>
internal sealed record IoMapping
{
    public required string Name { get; init; }

    public required BpmnExpression Expression { get; init; }
}

/// <summary>How often a failing service call is retried, and the ISO 8601 wait between attempts.</summary>
internal sealed record RetryPolicy
{
    public int Attempts { get; init; }

    public string? Backoff { get; init; }
}

/// <summary>Which version of the called process a call activity starts: the latest deployed, or <see cref="Version"/>.</summary>
internal sealed record CalledVersion
{
    public CalledVersionBinding Binding { get; init; }

    public int? Version { get; init; }
}

internal enum CalledVersionBinding
{
    Latest,
    Version,
}
