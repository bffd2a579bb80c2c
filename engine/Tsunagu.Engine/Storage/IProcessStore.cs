using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Validation;

namespace Tsunagu.Engine.Storage;

/// <summary>A deployed version of one process (a BPMN file may deploy several processes; each gets its own record).</summary>
public sealed record DeploymentRecord(string Id, string ProcessKey, int Version, string Xml, string VersionHash, string? Name, DateTimeOffset DeployedAt)
{
    /// <summary>Validation warnings of the model, reported by the deployment that made this record (not stored).</summary>
    public IReadOnlyList<BpmnValidationError> Warnings { get; init; } = [];
}

/// <summary>One deployed version of a process without its model text: what a version list shows.</summary>
public sealed record DeploymentVersion(string Id, string ProcessKey, int Version, string VersionHash, string? Name, DateTimeOffset DeployedAt);

/// <summary>
/// An instance as a store keeps it: the state as opaque JSON, which only the engine reads, and the fields a store
/// indexes. Adapters never interpret the state.
/// </summary>
public sealed record StoredInstance(
    Guid Id, string ProcessKey, int ProcessVersion, string? BusinessKey, InstanceStatus Status, int Revision, DateTimeOffset StartedAt, string StateJson);

/// <summary>An active instance waiting for a message or signal.</summary>
public sealed record SubscriptionRecord(Guid InstanceId, Guid SubscriptionId, SubscriptionKind Kind, string Name, string? CorrelationKey);

/// <summary>
/// One step's writes, as one transaction: the instance (checked against <see cref="ExpectedRevision"/>, -1 for a new
/// one), its history, the query rows the engine derived from the state (replacing the instance's earlier rows), and
/// the audit records the step carries.
/// </summary>
public sealed record InstanceCommit(StoredInstance Instance, int ExpectedRevision, IReadOnlyList<HistoryEvent> History)
{
    public IReadOnlyList<TaskRecord> Tasks { get; init; } = [];

    public IReadOnlyList<DueJob> Jobs { get; init; } = [];

    public IReadOnlyList<SubscriptionRecord> Subscriptions { get; init; } = [];

    public IReadOnlyList<Auditing.AuditRecord> Audit { get; init; } = [];

    public IReadOnlyList<WaitRecord> Waits { get; init; } = [];

    /// <summary>The instance's keys (<see cref="Execution.EngineOptions.InstanceKeys"/>) replacing its earlier ones; null leaves them as they are.</summary>
    public IReadOnlyList<string>? Keys { get; init; }
}

/// <summary>Where a token of an active instance stands, with the incident that stopped it, if any.</summary>
public sealed record WaitRecord(Guid InstanceId, string ProcessKey, int ProcessVersion, string? BusinessKey, string NodeId)
{
    public string? IncidentId { get; init; }

    public string? IncidentMessage { get; init; }

    public DateTimeOffset? IncidentAt { get; init; }
}

/// <summary>How many tokens of a process version's active instances stand at one node, and how many of those are in incident.</summary>
public sealed record WaitCount(string NodeId, int Tokens, int Incidents);

/// <summary>An open incident of an active instance.</summary>
public sealed record IncidentRecord(
    Guid InstanceId, string ProcessKey, int ProcessVersion, string? BusinessKey, string IncidentId, string NodeId, string Message, DateTimeOffset CreatedAt);

public sealed record DueJob(Guid InstanceId, Guid JobId, DateTimeOffset DueAt);

public sealed record SubscriptionMatch(Guid InstanceId, Guid SubscriptionId);

/// <summary>A user task as the inbox lists it.</summary>
public sealed record TaskRecord(
    Guid Id,
    Guid InstanceId,
    string ProcessKey,
    string NodeId,
    string? Name,
    string? FormRef,
    string? BusinessKey,
    UserTaskStatus Status,
    string? Assignee,
    IReadOnlyList<string> CandidateInstitutions,
    IReadOnlyList<string> CandidateRoles,
    IReadOnlyList<string> CandidateUsers,
    string? AssignmentReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt = null);

/// <summary>Where a page of tasks ended: the next page starts after this task in (created at, id) order.</summary>
public sealed record TaskCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public static TaskCursor After(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.CreatedAt, task.Id);
    }
}

/// <summary>Filters for the task inbox; null means "any". Tasks come oldest first, in (created at, id) order.</summary>
public sealed record TaskQuery
{
    public Guid? InstanceId { get; init; }

    public string? Assignee { get; init; }

    public string? CandidateInstitution { get; init; }

    public string? CandidateUser { get; init; }

    public string? ProcessKey { get; init; }

    /// <summary>Keyset paging: only tasks after this one (the last of the previous page); null for the first page.</summary>
    public TaskCursor? After { get; init; }

    public int Limit { get; init; } = 200;
}

/// <summary>The storage port: durable deployments, instances (with optimistic concurrency), jobs, subscriptions, tasks and history.</summary>
public interface IProcessStore
{
    /// <summary>Adds the next version of <paramref name="processKey"/>; when the latest version has the same hash, returns it instead.</summary>
    Task<DeploymentRecord> AddDeploymentAsync(string processKey, string xml, string versionHash, string? name, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A version of a process; the latest when <paramref name="version"/> is null.</summary>
    Task<DeploymentRecord?> GetDeploymentAsync(string processKey, int? version, CancellationToken cancellationToken);

    /// <summary>The latest version of every process key.</summary>
    Task<IReadOnlyList<DeploymentRecord>> GetLatestDeploymentsAsync(CancellationToken cancellationToken);

    /// <summary>Every version of a process, oldest first, without the model text (one query); empty for an unknown key.</summary>
    Task<IReadOnlyList<DeploymentVersion>> GetDeploymentVersionsAsync(string processKey, CancellationToken cancellationToken);

    Task<StoredInstance?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// The stored instances with these ids, in no order; unknown ids are left out. A store with round trips to a server
    /// reads them all in one (the scheduler loads a claimed batch's instances at once).
    /// </summary>
    async Task<IReadOnlyList<StoredInstance>> LoadInstancesAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var found = new List<StoredInstance>(instanceIds.Count);
        foreach (var id in instanceIds)
        {
            if (await LoadInstanceAsync(id, cancellationToken) is { } stored)
            {
                found.Add(stored);
            }
        }

        return found;
    }

    /// <summary>Writes a step atomically; throws <see cref="ConcurrencyConflictException"/> when the stored revision is not the expected one.</summary>
    Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken);

    Task<IReadOnlyList<DueJob>> GetDueJobsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>When the next job falls due, or null when none is pending.</summary>
    Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken);

    /// <summary>Active instances waiting for this message (with this correlation key, when given) or signal.</summary>
    Task<IReadOnlyList<SubscriptionMatch>> FindSubscriptionsAsync(SubscriptionKind kind, string name, string? correlationKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken);

    /// <summary>The instance of <paramref name="processKey"/> with this business key (the earliest started when several), or null.</summary>
    Task<Guid?> FindInstanceIdAsync(string processKey, string businessKey, CancellationToken cancellationToken);

    /// <summary>
    /// The instances of <paramref name="processKey"/> with these business keys (the earliest started of each), in no
    /// order; keys without one are left out. A store with round trips to a server reads them all in one.
    /// </summary>
    async Task<IReadOnlyList<StoredInstance>> FindInstancesAsync(string processKey, IReadOnlyCollection<string> businessKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(businessKeys);
        var found = new List<StoredInstance>(businessKeys.Count);
        foreach (var businessKey in businessKeys)
        {
            if (await FindInstanceIdAsync(processKey, businessKey, cancellationToken) is { } id && await LoadInstanceAsync(id, cancellationToken) is { } stored)
            {
                found.Add(stored);
            }
        }

        return found;
    }

    /// <summary>The instance whose open task this is, or null.</summary>
    Task<Guid?> FindTaskInstanceAsync(Guid taskId, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEvent>> GetDefinitionHistoryAsync(string processKey, int? version, CancellationToken cancellationToken);

    /// <summary>Per node, the tokens of the active instances of one process version (a grouped query over the wait rows).</summary>
    Task<IReadOnlyList<WaitCount>> CountWaitsAsync(string processKey, int version, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> open incidents of active instances, oldest first.</summary>
    Task<IReadOnlyList<IncidentRecord>> QueryIncidentsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> active instances that have no wait rows (e.g. written before the store kept them).</summary>
    Task<IReadOnlyList<Guid>> FindInstancesWithoutWaitsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Of <paramref name="businessKeys"/> (a few hundred at most), those of <paramref name="processKey"/> whose instance
    /// has one of <paramref name="keys"/>, and those with no keys stored at all (not written yet, or no instance: the
    /// caller decides those itself). One indexed query; no state is read.
    /// </summary>
    Task<IReadOnlySet<string>> MatchInstanceKeysAsync(string processKey, IReadOnlyCollection<string> businessKeys, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> instances of <paramref name="processKey"/> with no keys stored, in id order after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<Guid>> FindInstancesWithoutKeysAsync(string processKey, Guid? after, int limit, CancellationToken cancellationToken);
}

/// <summary>Another step changed the instance first; the engine reloads and retries.</summary>
public sealed class ConcurrencyConflictException : TsunaguEngineException
{
    public ConcurrencyConflictException()
    {
    }

    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
