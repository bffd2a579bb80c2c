using System.Xml.Linq;

namespace Tsunagu.Engine.Model;

/// <summary>A parsed BPMN document: processes, collaborations and the root-level elements they reference.</summary>
internal sealed record BpmnDefinitions
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? TargetNamespace { get; init; }

    /// <summary>The <c>expressionLanguage</c> attribute as written (null when absent).</summary>
    public string? ExpressionLanguage { get; init; }

    public IReadOnlyList<ProcessDefinition> Processes { get; init; } = [];

    public IReadOnlyList<Collaboration> Collaborations { get; init; } = [];

    public IReadOnlyList<BpmnMessage> Messages { get; init; } = [];

    public IReadOnlyList<BpmnSignal> Signals { get; init; } = [];

    public IReadOnlyList<BpmnError> Errors { get; init; } = [];

    public IReadOnlyList<BpmnEscalation> Escalations { get; init; } = [];

    public IReadOnlyList<ItemDefinition> ItemDefinitions { get; init; } = [];

    public IReadOnlyList<BpmnInterface> Interfaces { get; init; } = [];

    /// <summary>Root-level global tasks (<c>globalScriptTask</c>, …) a call activity may call, by id; their <see cref="FlowNode.ParentId"/> is the definitions id.</summary>
    public IReadOnlyDictionary<string, Activity> GlobalTasks { get; init; } = new Dictionary<string, Activity>();

    /// <summary>The document as parsed, with DI, for display and round-trip.</summary>
    public required XDocument Document { get; init; }

    /// <summary><c>sha256:</c> and the hex SHA-256 of the canonical document (layout, prefixes, comments do not count).</summary>
    public required string VersionHash { get; init; }

    public ProcessDefinition? FindProcess(string id) => Processes.FirstOrDefault(p => p.Id == id);
}

internal sealed record Collaboration : BpmnElement
{
    public IReadOnlyList<Participant> Participants { get; init; } = [];

    public IReadOnlyList<MessageFlow> MessageFlows { get; init; } = [];
}

/// <summary>A pool: <see cref="ProcessRef"/> is null for a black-box pool.</summary>
internal sealed record Participant : BpmnElement
{
    public string? ProcessRef { get; init; }
}

internal sealed record MessageFlow : BpmnElement
{
    public required string SourceRef { get; init; }

    public required string TargetRef { get; init; }

    public string? MessageRef { get; init; }
}

internal sealed record BpmnMessage : BpmnElement
{
    public string? ItemRef { get; init; }
}

internal sealed record BpmnSignal : BpmnElement;

internal sealed record BpmnError : BpmnElement
{
    public string? ErrorCode { get; init; }
}

internal sealed record BpmnEscalation : BpmnElement
{
    public string? EscalationCode { get; init; }
}

internal sealed record ItemDefinition : BpmnElement
{
    public string? StructureRef { get; init; }

    public bool IsCollection { get; init; }
}

internal sealed record BpmnInterface : BpmnElement
{
    public IReadOnlyList<BpmnOperation> Operations { get; init; } = [];
}

internal sealed record BpmnOperation : BpmnElement
{
    public string? InMessageRef { get; init; }

    public string? OutMessageRef { get; init; }
}
