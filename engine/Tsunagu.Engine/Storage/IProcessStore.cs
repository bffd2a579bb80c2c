using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Validation;

namespace Tsunagu.Engine.Storage;

/// <summary>A deployed version of one process (a BPMN file may deploy several processes; each gets its own record).</summary>
public sealed record DeploymentRecord(string Id, string ProcessKey, int Version, string Xml, string VersionHash, string? Name, DateTimeOffset DeployedAt)
{
    /// <summary>Validation warnings of the model, reported by the deployment that made this record (not stored).</summary>
    public IReadOnlyList<BpmnValidationError> Warnings { get; init; } = [];
}

/// <summary>The whole new state of an instance plus the history written by one step; <see cref="ExpectedRevision"/> is -1 for a new instance.</summary>
/// <summary>One step's writes: the instance state (checked against the expected revision), its history, and the audit records it carries.</summary>
public sealed record InstanceCommit(InstanceState State, int ExpectedRevision, IReadOnlyList<HistoryEvent> History)
{
    public IReadOnlyList<Auditing.AuditRecord> Audit { get; init; } = [];
}

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
    DateTimeOffset CreatedAt);

/// <summary>Filters for the task inbox; null means "any".</summary>
public sealed record TaskQuery
{
    public Guid? InstanceId { get; init; }

    public string? Assignee { get; init; }

    public string? CandidateInstitution { get; init; }

    public string? CandidateUser { get; init; }

    public string? ProcessKey { get; init; }

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

    Task<InstanceState?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken);

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

    /// <summary>The instance whose open task this is, or null.</summary>
    Task<Guid?> FindTaskInstanceAsync(Guid taskId, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEvent>> GetDefinitionHistoryAsync(string processKey, int? version, CancellationToken cancellationToken);
}

/// <summary>Another step changed the instance first; the engine reloads and retries.</summary>
public sealed class ConcurrencyConflictException : Exception
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
