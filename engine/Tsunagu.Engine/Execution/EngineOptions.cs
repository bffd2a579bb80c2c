using System.Text.Json.Nodes;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Execution;

/// <summary>Thrown by a handler to raise a BPMN error (caught by error boundary events), not a technical failure.</summary>
public sealed class BpmnErrorException : TsunaguEngineException
{
    public BpmnErrorException()
    {
    }

    public BpmnErrorException(string errorCode)
        : base($"BPMN error '{errorCode}'") => ErrorCode = errorCode;

    public BpmnErrorException(string errorCode, Exception innerException)
        : base($"BPMN error '{errorCode}'", innerException) => ErrorCode = errorCode;

    public string ErrorCode { get; } = "";
}

/// <summary>Engine configuration: the clock, handlers, script runners, the decision service, retry defaults.</summary>
public sealed class EngineOptions
{
    /// <summary>Where the engine logs deployments, failed jobs, runs over a limit and retried incidents (ids only, no values).</summary>
    public Microsoft.Extensions.Logging.ILogger Logger { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IReadOnlyDictionary<string, IServiceTaskHandler> Handlers { get; init; } = new Dictionary<string, IServiceTaskHandler>();

    /// <summary>Script runners by <c>scriptFormat</c>; the empty key runs scripts without a format. FEEL is built in.</summary>
    public IReadOnlyDictionary<string, IScriptRunner> ScriptRunners { get; init; } = new Dictionary<string, IScriptRunner>();

    public IDecisionService? Decisions { get; init; }

    /// <summary>Chooses assignees for new user tasks that the model did not assign; null leaves them unassigned.</summary>
    public ITaskAssigner? Assigner { get; init; }

    /// <summary>Told when a step leaves a job that falls due later (timers, retries); null for hosts that poll.</summary>
    public Extensibility.IJobScheduler? Scheduler { get; init; }

    /// <summary>Service task attempts when the task has no <c>tsunagu:retry</c>.</summary>
    public int DefaultAttempts { get; init; } = 3;

    public TimeSpan DefaultBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Node executions allowed from one wait state to the next (one transaction). Beyond it the run is undone and the
    /// tokens the command readied stand in incident (docs/adr/0008-engine-bounds.md).
    /// </summary>
    public int MaxStepsPerCommand { get; init; } = 10_000;

    /// <summary>Live tokens one instance may hold; a run that makes more is undone like one over <see cref="MaxStepsPerCommand"/>.</summary>
    public int MaxTokensPerInstance { get; init; } = 10_000;

    /// <summary>History one run may write (payload bytes plus a fixed cost per row); a run that writes more is undone.</summary>
    public long MaxHistoryBytesPerCommand { get; init; } = 16 * 1024 * 1024;

    /// <summary>One history row's payload as JSON; larger payloads keep only their short entries (the rest is elided).</summary>
    public int MaxHistoryPayloadBytes { get; init; } = 64 * 1024;

    /// <summary>One variable's value as JSON.</summary>
    public int MaxVariableBytes { get; init; } = 1024 * 1024;

    /// <summary>All variables of one instance (names and values as JSON).</summary>
    public long MaxInstanceVariableBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>One job's payload as JSON; room for all of an instance's variables (a called instance hands them back).</summary>
    public int MaxJobPayloadBytes { get; init; } = 5 * 1024 * 1024;

    public int ConcurrencyRetries { get; init; } = 20;

    /// <summary>
    /// Instances whose due jobs one <see cref="ProcessEngine.RunDueJobsAsync"/> runs at once; 1 runs them in turn on the
    /// calling thread. High by default: the runs mostly wait for their commits, which a store writes together when they
    /// arrive together (docs/benchmarks.md, timers).
    /// </summary>
    public int JobConcurrency { get; init; } = 100;

    /// <summary>How long a claimed job is this host's alone (stores with <see cref="Storage.IJobClaims"/>); then another host may run it.</summary>
    public TimeSpan JobLease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long this engine starts instances on the latest version it last read, without asking the store again: a
    /// version deployed through this engine is used at once, one deployed by another host within this time.
    /// </summary>
    public TimeSpan LatestVersionCacheTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Items one multi-instance activity may create; a larger collection or cardinality is an incident instead.</summary>
    public int MaxMultiInstanceItems { get; init; } = 1000;

    /// <summary>
    /// The keys an instance is found by (e.g. who may see it), from its process key and process-level variables; the
    /// store keeps them in the commit's transaction, and ended instances keep theirs. Null keeps none.
    /// </summary>
    public Func<string, IReadOnlyDictionary<string, JsonNode?>, IEnumerable<string>>? InstanceKeys { get; init; }
}
