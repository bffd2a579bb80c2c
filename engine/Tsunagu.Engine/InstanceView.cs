using System.Text.Json.Nodes;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine;

/// <summary>A job an instance waits for: a timer, a retry, a delivery — its kind, the node it triggers and when it falls due.</summary>
public sealed record ScheduledJob(Guid Id, string Kind, string? NodeId, DateTimeOffset DueAt);

/// <summary>A token stopped by a failure (a script, a decision, a budget): where, why and since when; retried with <see cref="ProcessEngine.RetryIncidentAsync"/>.</summary>
public sealed record InstanceIncident(string Id, string NodeId, string Message, DateTimeOffset CreatedAt);

/// <summary>
/// What a caller may read of a process instance: identity, status, times, the process-level variables (copies), where
/// its tokens stand, its open tasks and subscriptions by node and name, its pending jobs and its incidents.
/// </summary>
public sealed record InstanceView(
    Guid Id,
    string ProcessKey,
    int ProcessVersion,
    string? BusinessKey,
    InstanceStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyDictionary<string, JsonNode?> Variables)
{
    public IReadOnlyList<string> ActiveNodes { get; init; } = [];

    /// <summary>Where the tokens stand for an observer: like <see cref="ActiveNodes"/>, a multi-instance activity once per item.</summary>
    public IReadOnlyList<string> StandingNodes { get; init; } = [];

    /// <summary>The nodes of the open user tasks.</summary>
    public IReadOnlyList<string> Tasks { get; init; } = [];

    /// <summary>The messages and signals the instance waits for.</summary>
    public IReadOnlyList<string> Subscriptions { get; init; } = [];

    public IReadOnlyList<ScheduledJob> Jobs { get; init; } = [];

    public IReadOnlyList<InstanceIncident> Incidents { get; init; } = [];

    internal static InstanceView Of(InstanceState state) => new(
        state.Id,
        state.ProcessKey,
        state.ProcessVersion,
        state.BusinessKey,
        state.Status,
        state.StartedAt,
        state.EndedAt,
        // Both callers read the state from the store for this view alone, so its variables' nodes are the view's: no copy.
        state.Scopes.First(s => s.ParentScopeId is null).Variables.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal))
    {
        ActiveNodes = [.. state.Tokens.Select(t => t.NodeId)],
        StandingNodes = [.. state.StandingTokens().Select(t => t.NodeId)],
        Tasks = [.. state.Tasks.Select(t => t.NodeId)],
        Subscriptions = [.. state.Subscriptions.Select(s => s.Name)],
        Jobs = [.. state.Jobs.Select(j => new ScheduledJob(j.Id, j.Kind.ToString(), j.NodeId, j.DueAt))],
        Incidents = [.. state.Incidents.Select(i => new InstanceIncident(i.Id, i.NodeId, i.Message, i.CreatedAt))],
    };
}
