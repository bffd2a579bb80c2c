using System.Text.Json.Nodes;

namespace Tsunagu.Engine.Runtime;

public enum HistoryKind
{
    InstanceStarted,
    InstanceCompleted,
    InstanceTerminated,
    InstanceFailed,
    InstanceCancelled,
    InstanceMigrated,
    ActivityStarted,
    ActivityCompleted,
    ActivityCancelled,
    TokenMoved,
    VariableSet,
    TaskCreated,
    TaskClaimed,
    TaskUnclaimed,
    TaskReassigned,
    TaskCompleted,
    DecisionEvaluated,
    IncidentCreated,
    IncidentResolved,
    EventThrown,
    EventCaught,
}

/// <summary>One audit entry of an instance: what happened, where, by whom, when.</summary>
public sealed record HistoryEvent
{
    public required Guid InstanceId { get; init; }

    public required string ProcessKey { get; init; }

    public int ProcessVersion { get; init; }

    public required HistoryKind Kind { get; init; }

    public string? NodeId { get; init; }

    public string? TokenId { get; init; }

    /// <summary>Who caused it: a user id, "system" for the engine, "scheduler" for timers.</summary>
    public required string Actor { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Details: variable name and value, flow id, decision version and rules, incident message…</summary>
    public JsonObject? Data { get; init; }
}
