using System.Text.Json.Nodes;

namespace Tsunagu.Engine.Runtime;

public enum InstanceStatus
{
    Active,
    Completed,
    Terminated,
    /// <summary>Ended by an uncaught BPMN error.</summary>
    Failed,
    Cancelled,
}

/// <summary>
/// The durable state of one process instance: its scopes (process, subprocesses, multi-instance bodies), tokens and
/// wait-state records. Persisted whole after every step; <see cref="Revision"/> guards concurrent steps.
/// </summary>
internal sealed class InstanceState
{
    public Guid Id { get; set; }

    public required string ProcessKey { get; set; }

    public int ProcessVersion { get; set; }

    public required string DeploymentId { get; set; }

    public string? BusinessKey { get; set; }

    public InstanceStatus Status { get; set; }

    /// <summary>Incremented by every committed step (optimistic concurrency).</summary>
    public int Revision { get; set; }

    public Guid? ParentInstanceId { get; set; }

    /// <summary>The call-activity token in the parent instance that waits for this one.</summary>
    public string? ParentTokenId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why the instance ended abnormally (e.g. the uncaught error code).</summary>
    public string? EndReason { get; set; }

    public int NextId { get; set; }

    /// <summary>
    /// True for the one record per process key that holds the timers of its timer start events: it runs no tokens;
    /// each firing starts a new instance of the process.
    /// </summary>
    public bool StartsOnTimer { get; set; }

    public List<ScopeState> Scopes { get; set; } = [];

    public List<TokenState> Tokens { get; set; } = [];

    public List<UserTaskState> Tasks { get; set; } = [];

    public List<JobState> Jobs { get; set; } = [];

    public List<SubscriptionState> Subscriptions { get; set; } = [];

    public List<IncidentState> Incidents { get; set; } = [];

    /// <summary>Completed activities that can still be compensated, in order of completion.</summary>
    public List<CompensationState> Compensations { get; set; } = [];

    /// <summary>Escalations no boundary or event subprocess caught (the instance goes on).</summary>
    public List<string> UncaughtEscalations { get; set; } = [];

    /// <summary>The instance keys last written to the store (<see cref="Execution.EngineOptions.InstanceKeys"/>); null when none were.</summary>
    public List<string>? Keys { get; set; }

    public string NewId(string prefix) => $"{prefix}{++NextId}";

    /// <summary>
    /// The tokens that stand somewhere for an observer: all but a multi-instance body's own token, which waits at the
    /// same activity as its items and would count that activity twice.
    /// </summary>
    public IEnumerable<TokenState> StandingTokens()
    {
        var bodies = Scopes.Where(s => s.Kind == ScopeKind.MultiInstanceBody).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return Tokens.Where(t => t.ChildScopeId is not { } scope || !bodies.Contains(scope));
    }
}

internal enum ScopeKind
{
    Process,
    SubProcess,
    EventSubProcess,
    MultiInstanceBody,
    MultiInstanceItem,

    /// <summary>Compensation handlers running for the owner token (a compensation or cancel event, or a completed subprocess).</summary>
    Compensation,
}

/// <summary>A scope instance: holds variables and the tokens running inside it.</summary>
internal sealed class ScopeState
{
    public required string Id { get; set; }

    public string? ParentScopeId { get; set; }

    /// <summary>The process, subprocess or multi-instance activity this scope instantiates.</summary>
    public required string ElementId { get; set; }

    public ScopeKind Kind { get; set; }

    /// <summary>The token (in the parent scope) of the activity that owns this scope.</summary>
    public string? OwnerTokenId { get; set; }

    public Dictionary<string, JsonNode?> Variables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Multi-instance: the item's 0-based index, or the body's next index to start (sequential).</summary>
    public int LoopCounter { get; set; }

    /// <summary>Multi-instance body: how many items exist, have completed, and the collected outputs.</summary>
    public int ItemCount { get; set; }

    public int Completed { get; set; }

    public List<JsonNode?>? Outputs { get; set; }
}

internal enum TokenStatus
{
    /// <summary>About to execute its node.</summary>
    Ready,

    /// <summary>Parked at a wait state (task, catch event, join, call activity, subprocess).</summary>
    Waiting,
}

/// <summary>A token: a position in the process graph inside a scope.</summary>
internal sealed class TokenState
{
    public required string Id { get; set; }

    public required string ScopeId { get; set; }

    public required string NodeId { get; set; }

    public TokenStatus Status { get; set; }

    /// <summary>The sequence flow it arrived by (joins count arrivals per flow).</summary>
    public string? ViaFlow { get; set; }

    /// <summary>The scope this activity token owns (subprocess, multi-instance body).</summary>
    public string? ChildScopeId { get; set; }

    /// <summary>Failed attempts of a service task so far.</summary>
    public int Attempts { get; set; }

    /// <summary>True once boundary events and activity input mappings have been set up.</summary>
    public bool Entered { get; set; }

    /// <summary>Iterations done by a standard loop activity.</summary>
    public int LoopCounter { get; set; }

    /// <summary>The instance a call activity started and waits for.</summary>
    public Guid? ChildInstanceId { get; set; }
}

public enum UserTaskStatus
{
    Created,
    Claimed,
}

/// <summary>An open user task (a caseworker's work item).</summary>
internal sealed class UserTaskState
{
    public Guid Id { get; set; }

    public required string TokenId { get; set; }

    public required string NodeId { get; set; }

    public string? Name { get; set; }

    public string? FormRef { get; set; }

    public UserTaskStatus Status { get; set; }

    public string? Assignee { get; set; }

    public List<string> CandidateInstitutions { get; set; } = [];

    public List<string> CandidateRoles { get; set; } = [];

    public List<string> CandidateUsers { get; set; } = [];

    /// <summary>Why the task went to these candidates (e.g. the assignment decision's matched rules).</summary>
    public string? AssignmentReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the task is due (<c>tsunagu:due</c>); null when the model gives none.</summary>
    public DateTimeOffset? DueAt { get; set; }
}

internal enum JobKind
{
    /// <summary>A timer catch, boundary or event-subprocess start timer.</summary>
    Timer,

    /// <summary>A service task retry after back-off.</summary>
    Retry,

    /// <summary>Start the child instance of a call activity.</summary>
    StartChild,

    /// <summary>Tell the parent instance that a called instance ended.</summary>
    NotifyParent,

    /// <summary>Deliver a thrown message or signal to other instances.</summary>
    Deliver,
}

/// <summary>Durable work the scheduler runs at <see cref="DueAt"/>.</summary>
internal sealed class JobState
{
    public Guid Id { get; set; }

    public JobKind Kind { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>The token it belongs to (null for instance-level jobs).</summary>
    public string? TokenId { get; set; }

    /// <summary>The event node it triggers (timer catch, boundary, event-subprocess start).</summary>
    public string? NodeId { get; set; }

    /// <summary>For a time cycle: ticks left counting this one (null: unbounded), and the interval (<see cref="Execution.IsoDuration"/> text).</summary>
    public int? Repeat { get; set; }

    public string? Interval { get; set; }

    /// <summary>The cycle's grid: this job is tick <see cref="CycleIndex"/> from <see cref="CycleOrigin"/> (null: <see cref="DueAt"/>, tick 0).</summary>
    public DateTimeOffset? CycleOrigin { get; set; }

    public int CycleIndex { get; set; }

    /// <summary>No tick of the cycle after this (the end of <c>R/duration/end</c>).</summary>
    public DateTimeOffset? CycleEnd { get; set; }

    /// <summary>Times running this job threw; each failure pushes it further back (see ProcessEngine.RunDueJobsAsync).</summary>
    public int Failures { get; set; }

    /// <summary>Job-specific data (child instance variables, message payload, signal name).</summary>
    public JsonObject? Payload { get; set; }
}

public enum SubscriptionKind
{
    Message,
    Signal,

    /// <summary>A conditional event, re-checked at the end of every step.</summary>
    Conditional,
}

/// <summary>A token (or scope, for event subprocesses) waiting for a message or signal.</summary>
internal sealed class SubscriptionState
{
    public Guid Id { get; set; }

    public SubscriptionKind Kind { get; set; }

    /// <summary>The message or signal name.</summary>
    public required string Name { get; set; }

    public string? CorrelationKey { get; set; }

    public string? TokenId { get; set; }

    /// <summary>The catching node (catch event, receive task, boundary or event-subprocess start).</summary>
    public required string NodeId { get; set; }

    public string? ScopeId { get; set; }
}

/// <summary>A technical failure that stopped one token, until an administrator retries it.</summary>
internal sealed class IncidentState
{
    public required string Id { get; set; }

    public required string TokenId { get; set; }

    public required string NodeId { get; set; }

    public required string Message { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A completed activity with a compensation handler, or a completed subprocess holding such activities: the records
/// of its inner activities carry this record's <see cref="Id"/> as their scope.
/// </summary>
internal sealed class CompensationState
{
    public required string Id { get; set; }

    /// <summary>The scope the activity completed in.</summary>
    public required string ScopeId { get; set; }

    public required string NodeId { get; set; }
}
