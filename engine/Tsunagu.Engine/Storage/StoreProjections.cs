using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage;

/// <summary>What the engine writes and reads through a store: the commit of a state with its query rows, and states back.</summary>
internal static class StoreProjections
{
    public static InstanceCommit Commit(InstanceState state, int expectedRevision, IReadOnlyList<HistoryEvent> history) =>
        new(new StoredInstance(state.Id, state.ProcessKey, state.ProcessVersion, state.BusinessKey, state.Status, state.Revision, state.StartedAt, StateJson.Serialize(state)), expectedRevision, history)
        {
            Tasks = [.. Tasks(state)],
            Jobs = [.. Jobs(state)],
            Subscriptions = [.. Subscriptions(state).Select(s => new SubscriptionRecord(state.Id, s.Id, s.Kind, s.Name, s.CorrelationKey))],
            Waits = [.. Waits(state)],
        };

    /// <summary>
    /// A row per standing token of an active instance (<see cref="InstanceState.StandingTokens"/>), carrying the incident
    /// that stopped it; an incident whose token has gone on (merged at a join) keeps a row of its own at its node until it
    /// is retried.
    /// </summary>
    public static IEnumerable<WaitRecord> Waits(InstanceState state)
    {
        if (state.Status != InstanceStatus.Active)
        {
            return [];
        }

        var incidents = state.Incidents.ToLookup(i => i.TokenId, StringComparer.Ordinal);
        var tokens = state.StandingTokens().Select(t => Wait(state, t.NodeId, incidents[t.Id].FirstOrDefault()));
        var orphans = state.Incidents.Where(i => !state.Tokens.Any(t => t.Id == i.TokenId)).Select(i => Wait(state, i.NodeId, i));
        return tokens.Concat(orphans);
    }

    private static WaitRecord Wait(InstanceState state, string nodeId, IncidentState? incident) =>
        new(state.Id, state.ProcessKey, state.ProcessVersion, state.BusinessKey, nodeId)
        {
            IncidentId = incident?.Id,
            IncidentMessage = incident?.Message,
            IncidentAt = incident?.CreatedAt,
        };

    /// <summary>The wait rows grouped per node (the in-memory store's count; SQL stores group in SQL).</summary>
    public static IReadOnlyList<WaitCount> Count(IEnumerable<WaitRecord> waits) =>
        [.. waits.GroupBy(w => w.NodeId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new WaitCount(g.Key, g.Count(), g.Count(w => w.IncidentId is not null)))];

    /// <summary>A wait row that carries an incident, as an incident.</summary>
    public static IncidentRecord Incident(WaitRecord wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        return new(wait.InstanceId, wait.ProcessKey, wait.ProcessVersion, wait.BusinessKey, wait.IncidentId!, wait.NodeId, wait.IncidentMessage!, wait.IncidentAt!.Value);
    }

    public static async Task<InstanceState?> LoadStateAsync(this IProcessStore store, Guid instanceId, CancellationToken cancellationToken) =>
        await store.LoadInstanceAsync(instanceId, cancellationToken) is { } stored ? StateJson.Deserialize(stored.StateJson) : null;

    public static IEnumerable<TaskRecord> Tasks(InstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status != InstanceStatus.Active ? [] : state.Tasks.Select(t => new TaskRecord(
            t.Id, state.Id, state.ProcessKey, t.NodeId, t.Name, t.FormRef, state.BusinessKey, t.Status, t.Assignee,
            [.. t.CandidateInstitutions], [.. t.CandidateRoles], [.. t.CandidateUsers], t.AssignmentReason, t.CreatedAt, t.DueAt));
    }

    public static IEnumerable<DueJob> Jobs(InstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Jobs.Select(j => new DueJob(state.Id, j.Id, j.DueAt));
    }

    public static IEnumerable<SubscriptionState> Subscriptions(InstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status != InstanceStatus.Active ? [] : state.Subscriptions;
    }

    /// <summary>Ids ordered as their lower-case text (and so as SQLite's text and PostgreSQL's uuid order them).</summary>
    public static int IdOrder(Guid x, Guid y) => string.CompareOrdinal(x.ToString("D"), y.ToString("D"));

    /// <summary>Whether a task row answers a query (the in-memory store's filter; SQL stores filter in SQL).</summary>
    public static bool Matches(TaskRecord task, TaskQuery query)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(query);
        return (query.InstanceId is null || task.InstanceId == query.InstanceId)
            && (query.Assignee is null || task.Assignee == query.Assignee)
            && (query.CandidateInstitution is null || task.CandidateInstitutions.Contains(query.CandidateInstitution))
            && (query.CandidateUser is null || task.CandidateUsers.Contains(query.CandidateUser) || task.Assignee == query.CandidateUser)
            && (query.ProcessKey is null || task.ProcessKey == query.ProcessKey)
            && (query.After is not { } after || task.CreatedAt > after.CreatedAt || (task.CreatedAt == after.CreatedAt && IdOrder(task.Id, after.Id) > 0));
    }
}
