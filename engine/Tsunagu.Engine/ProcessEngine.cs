using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Parsing;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Validation;

namespace Tsunagu.Engine;

/// <summary>How to start an instance: which version, a business key, and (for called instances) the parent.</summary>
public sealed record StartOptions
{
    public int? Version { get; init; }

    public string? BusinessKey { get; init; }

    public Guid? InstanceId { get; init; }

    public string Actor { get; init; } = "system";

    internal Guid? ParentInstanceId { get; init; }

    internal string? ParentTokenId { get; init; }

    internal string? StartNodeId { get; init; }
}

/// <summary>
/// The BPMN process engine: deploys validated models as versions, runs instances step by step (one transaction per
/// step, optimistic concurrency with retry), and drives user tasks, timers, messages, signals and called instances.
/// </summary>
public sealed partial class ProcessEngine
{
    /// <summary>
    /// How deep follow-ups run inline (a step's jobs, the steps they cause, and so on); deeper ones are left to the
    /// scheduler, so a call activity that calls itself cannot overflow the stack.
    /// </summary>
    private const int MaxFollowUpDepth = 32;
    private readonly IProcessStore _store;
    private readonly EngineOptions _options;
    private readonly ConcurrentDictionary<string, ProcessGraph> _graphs = new(StringComparer.Ordinal);

    // The latest version of each process key and when it was read: starts skip the store's lookup while it is fresh.
    private readonly ConcurrentDictionary<string, (DeploymentRecord Deployment, DateTimeOffset ReadAt)> _latest = new(StringComparer.Ordinal);

    public ProcessEngine(IProcessStore store, EngineOptions? options = null)
    {
        _store = store;
        _options = options ?? new EngineOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.JobConcurrency, 1, nameof(options));
    }

    /// <summary>The store, for the engine's own tests and the conformance runner; hosts use the queries above.</summary>
    internal IProcessStore Store => _store;

    /// <summary>
    /// Checks a BPMN document as deployment would, without deploying: the errors that would refuse it (empty when it
    /// would deploy). An unreadable document throws <see cref="Rules.Xml.ModelParseException"/>.
    /// </summary>
    public static IReadOnlyList<BpmnValidationError> Validate(string xml) => BpmnValidator.Validate(BpmnParser.Parse(xml));

    /// <summary>Parses and validates a BPMN document and deploys each executable process in it as a new version.</summary>
    public async Task<IReadOnlyList<DeploymentRecord>> DeployAsync(string xml, string? name = null, CancellationToken cancellationToken = default)
    {
        var definitions = BpmnParser.Parse(xml);
        var report = BpmnValidator.Analyze(definitions);
        if (report.Errors.Count > 0)
        {
            throw new BpmnDeploymentException(report.Errors);
        }

        var executable = definitions.Processes.Where(p => p.IsExecutable).ToList();
        if (executable.Count == 0)
        {
            throw new BpmnDeploymentException("The model has no executable process (isExecutable=\"true\").");
        }

        var records = new List<DeploymentRecord>();
        foreach (var process in executable)
        {
            var record = await _store.AddDeploymentAsync(process.Id, xml, definitions.VersionHash, name, _options.Time.GetUtcNow(), cancellationToken);
            _graphs.TryAdd(record.Id, new ProcessGraph(definitions, process));
            _latest[record.ProcessKey] = (record, _options.Time.GetUtcNow());
            records.Add(record with { Warnings = [.. report.Warnings.Where(w => w.ElementId is { } id && (process.Nodes.ContainsKey(id) || process.SequenceFlows.ContainsKey(id)))] });
            await ArmTimerStartsAsync(record, cancellationToken);
            EngineLog.Deployed(_options.Logger, record.ProcessKey, record.Version);
        }

        return records;
    }

    /// <summary>
    /// Keeps the timer-start holder of a process key on its latest version: armed with that version's timer start events
    /// (none left when the new version has none). Redeploying the same version changes nothing.
    /// </summary>
    private async Task ArmTimerStartsAsync(DeploymentRecord deployment, CancellationToken cancellationToken)
    {
        var graph = Graph(deployment);
        var id = DerivedId($"timer-start:{deployment.ProcessKey}");
        var existing = await _store.LoadStateAsync(id, cancellationToken);
        var hasTimers = graph.TriggeredStarts.Any(s => s.EventDefinitions.OfType<TimerEventDefinition>().Any());
        if ((existing is null && !hasTimers) || existing?.ProcessVersion == deployment.Version)
        {
            return;
        }

        var state = new InstanceState
        {
            Id = id,
            ProcessKey = deployment.ProcessKey,
            ProcessVersion = deployment.Version,
            DeploymentId = deployment.Id,
            StartsOnTimer = true,
            StartedAt = _options.Time.GetUtcNow(),
            Revision = (existing?.Revision ?? -1) + 1,
        };
        var step = new Step(graph, state, _options, "system");
        step.ArmStartTimers();
        await CommitAsync(state, existing?.Revision ?? -1, step.History, cancellationToken);
        Committed(state);
    }

    public Task<Guid> StartInstanceAsync(string processKey, IReadOnlyDictionary<string, JsonNode?>? variables = null, StartOptions? options = null, CancellationToken cancellationToken = default) =>
        StartInstanceAsync(processKey, variables, options, 0, cancellationToken);

    /// <summary>Starts an instance as a follow-up <paramref name="depth"/> levels deep (see <see cref="MaxFollowUpDepth"/>).</summary>
    private async Task<Guid> StartInstanceAsync(string processKey, IReadOnlyDictionary<string, JsonNode?>? variables, StartOptions? options, int depth, CancellationToken cancellationToken)
    {
        options ??= new StartOptions();
        var deployment = await DeploymentAsync(processKey, options.Version, cancellationToken)
            ?? throw new EngineNotFoundException($"No deployed process '{processKey}'" + (options.Version is { } v ? $" version {v}." : "."));
        var id = options.InstanceId ?? Guid.CreateVersion7(_options.Time.GetUtcNow());
        var graph = Graph(deployment);
        var (step, _) = await StepAsync(() => Task.FromResult((graph, new InstanceState
        {
            Id = id,
            ProcessKey = deployment.ProcessKey,
            ProcessVersion = deployment.Version,
            DeploymentId = deployment.Id,
            BusinessKey = options.BusinessKey,
            ParentInstanceId = options.ParentInstanceId,
            ParentTokenId = options.ParentTokenId,
            StartedAt = _options.Time.GetUtcNow(),
            Revision = 0,
        })), options.Actor, step =>
        {
            step.Start(variables ?? new Dictionary<string, JsonNode?>(), options.StartNodeId);
            return true;
        }, cancellationToken);
        var state = step.State;
        await CommitAsync(state, -1, step.History, cancellationToken);
        Committed(state);
        await FollowUpsAsync(state, depth, cancellationToken);
        return state.Id;
    }

    /// <summary>A version of a process, the latest when <paramref name="version"/> is null (from the cache while it is fresh).</summary>
    private async Task<DeploymentRecord?> DeploymentAsync(string processKey, int? version, CancellationToken cancellationToken)
    {
        var now = _options.Time.GetUtcNow();
        if (version is null && _latest.TryGetValue(processKey, out var latest) && now - latest.ReadAt < _options.LatestVersionCacheTime)
        {
            return latest.Deployment;
        }

        var deployment = await _store.GetDeploymentAsync(processKey, version, cancellationToken);
        if (version is null && deployment is not null)
        {
            _latest[processKey] = (deployment, now);
        }

        return deployment;
    }

    /// <summary>The instance's identity, status and process-level variables, or null.</summary>
    public async Task<InstanceView?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        await _store.LoadStateAsync(instanceId, cancellationToken) is { } state ? InstanceView.Of(state) : null;

    /// <summary>The whole runtime state (tokens, scopes, jobs): for the engine's own tests and the conformance runner.</summary>
    internal Task<InstanceState?> GetStateAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        _store.LoadStateAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        _store.GetHistoryAsync(instanceId, cancellationToken);

    /// <summary>History of every instance of a process (one version, or all when <paramref name="version"/> is null).</summary>
    public Task<IReadOnlyList<HistoryEvent>> GetDefinitionHistoryAsync(string processKey, int? version = null, CancellationToken cancellationToken = default) =>
        _store.GetDefinitionHistoryAsync(processKey, version, cancellationToken);

    public Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken = default) =>
        _store.QueryTasksAsync(query, cancellationToken);

    /// <summary>The instance of <paramref name="processKey"/> with this business key, or null.</summary>
    public async Task<InstanceView?> FindInstanceAsync(string processKey, string businessKey, CancellationToken cancellationToken = default) =>
        await _store.FindInstanceIdAsync(processKey, businessKey, cancellationToken) is { } id ? await GetInstanceAsync(id, cancellationToken) : null;

    /// <summary>The instances of <paramref name="processKey"/> with these business keys, by business key (the earliest started of each).</summary>
    public async Task<IReadOnlyDictionary<string, InstanceView>> FindInstancesAsync(
        string processKey, IReadOnlyCollection<string> businessKeys, CancellationToken cancellationToken = default) =>
        (await _store.FindInstancesAsync(processKey, businessKeys, cancellationToken))
            .ToDictionary(s => s.BusinessKey!, s => InstanceView.Of(StateJson.Deserialize(s.StateJson)), StringComparer.Ordinal);

    /// <summary>
    /// Of <paramref name="businessKeys"/>, those whose instance of <paramref name="processKey"/> has one of
    /// <paramref name="keys"/> (<see cref="EngineOptions.InstanceKeys"/>), plus those with no keys stored, which the
    /// caller must decide itself; no state is read.
    /// </summary>
    public Task<IReadOnlySet<string>> MatchInstanceKeysAsync(
        string processKey, IReadOnlyCollection<string> businessKeys, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        _store.MatchInstanceKeysAsync(processKey, businessKeys, keys, cancellationToken);

    /// <summary>The open task with this id, or null.</summary>
    public async Task<TaskRecord?> FindTaskAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        await _store.FindTaskInstanceAsync(taskId, cancellationToken) is { } instance
            ? (await _store.QueryTasksAsync(new TaskQuery { InstanceId = instance }, cancellationToken)).FirstOrDefault(t => t.Id == taskId)
            : null;

    /// <summary>The latest deployed version of every process.</summary>
    public Task<IReadOnlyList<DeploymentRecord>> GetProcessesAsync(CancellationToken cancellationToken = default) => _store.GetLatestDeploymentsAsync(cancellationToken);

    /// <summary>A deployed version of a process (the latest when <paramref name="version"/> is null), or null.</summary>
    public Task<DeploymentRecord?> GetDeploymentAsync(string processKey, int? version = null, CancellationToken cancellationToken = default) =>
        _store.GetDeploymentAsync(processKey, version, cancellationToken);

    /// <summary>The names of a deployment's process (under its key) and flow nodes by id; elements without a name are left out.</summary>
    public IReadOnlyDictionary<string, string> GetNodeNames(DeploymentRecord deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var process = Graph(deployment).Process;
        return process.Nodes.Values.Cast<BpmnElement>().Append(process)
            .Where(e => !string.IsNullOrWhiteSpace(e.Name)).ToDictionary(e => e.Id, e => e.Name!, StringComparer.Ordinal);
    }

    /// <summary>Where the active instances of a process version wait: tokens per node, counted by the store in one grouped query.</summary>
    public Task<IReadOnlyList<WaitCount>> CountWaitsAsync(string processKey, int version, CancellationToken cancellationToken = default) =>
        _store.CountWaitsAsync(processKey, version, cancellationToken);

    /// <summary>Open incidents of active instances, oldest first; retried with <see cref="RetryIncidentAsync"/>.</summary>
    public Task<IReadOnlyList<IncidentRecord>> QueryIncidentsAsync(int limit = 200, CancellationToken cancellationToken = default) =>
        _store.QueryIncidentsAsync(limit, cancellationToken);

    /// <summary>
    /// Writes the wait rows of active instances that have none, such as those a store kept before it had the rows: each is
    /// committed again unchanged, which rewrites its query rows. Instances with no standing token (a timer-start holder)
    /// have no rows to write and are passed over; returns how many were committed.
    /// </summary>
    public async Task<int> WriteMissingWaitsAsync(int max = 10_000, CancellationToken cancellationToken = default) =>
        await RewriteAsync(await _store.FindInstancesWithoutWaitsAsync(max, cancellationToken), state => StoreProjections.Waits(state).Any(), cancellationToken);

    /// <summary>
    /// Writes the keys (<see cref="EngineOptions.InstanceKeys"/>) of the instances of <paramref name="processKey"/> that
    /// have none stored, such as those written before the keys existed: all of them, <paramref name="batch"/> at a time in
    /// id order, each committed again unchanged. Instances whose key set is empty are passed over; returns how many
    /// were committed.
    /// </summary>
    public async Task<int> WriteMissingKeysAsync(string processKey, int batch = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        if (_options.InstanceKeys is null)
        {
            return 0;
        }

        var written = 0;
        for (Guid? after = null; await _store.FindInstancesWithoutKeysAsync(processKey, after, batch, cancellationToken) is { Count: > 0 } ids; after = ids[^1])
        {
            // Forgetting the written set makes the commit carry the keys even if the state lists them already.
            written += await RewriteAsync(
                ids,
                state =>
                {
                    state.Keys = null;
                    return Keys(state) is { Count: > 0 };
                },
                cancellationToken);
        }

        return written;
    }

    /// <summary>Commits each instance again unchanged when <paramref name="needed"/> says so, which rewrites its query rows; returns how many were.</summary>
    private async Task<int> RewriteAsync(IReadOnlyList<Guid> ids, Func<InstanceState, bool> needed, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var id in ids)
        {
            try
            {
                if (await _store.LoadStateAsync(id, cancellationToken) is not { } state || !needed(state))
                {
                    continue;
                }

                var expected = state.Revision++;
                await CommitAsync(state, expected, [], cancellationToken);
                written++;
            }
            catch (ConcurrencyConflictException)
            {
                // Another step committed it first, and so wrote its rows.
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One instance that cannot be written (its state unreadable, say) does not stop the others.
                EngineLog.RewriteFailed(_options.Logger, id, e.GetType().Name);
            }
        }

        return written;
    }

    /// <summary>When the earliest job of any instance falls due, or null when none waits.</summary>
    public Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken = default) => _store.GetNextDueAsync(cancellationToken);

    /// <summary>
    /// Runs a command on an instance: load, apply, run to the next wait states, commit; retried on a concurrent change.
    /// A caller that has just loaded the state passes it as <paramref name="loaded"/>: the first attempt uses it instead
    /// of reading the instance again (every later load, a retry's or an undone run's, reads the store).
    /// </summary>
    private async Task<InstanceState> ExecuteAsync(Guid instanceId, string actor, Func<Step, bool> command, CancellationToken cancellationToken, int depth = 0, InstanceState? loaded = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (step, applied) = await StepAsync(async () =>
            {
                var state = loaded ?? await _store.LoadStateAsync(instanceId, cancellationToken)
                    ?? throw new EngineNotFoundException($"No process instance {instanceId}.");
                loaded = null;
                return (await GraphAsync(state, cancellationToken), state);
            }, actor, command, cancellationToken);
            var state = step.State;
            if (!applied)
            {
                return state;
            }

            var expected = state.Revision;
            state.Revision++;
            try
            {
                await CommitAsync(state, expected, step.History, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < _options.ConcurrencyRetries)
            {
                continue;
            }

            Committed(state);
            await FollowUpsAsync(state, depth, cancellationToken);
            return state;
        }
    }

    /// <summary>
    /// Applies a command to the loaded state and runs it to the next wait states. A run that breaks a limit of
    /// <see cref="EngineOptions"/> is undone: the command is applied again to a fresh load and the tokens it readied stand
    /// in incident instead of running (docs/adr/0008-engine-bounds.md). Not applied when the command declines.
    /// </summary>
    private async Task<(Step Step, bool Applied)> StepAsync(Func<Task<(ProcessGraph Graph, InstanceState State)>> load, string actor, Func<Step, bool> command, CancellationToken cancellationToken)
    {
        var (graph, state) = await load();
        var step = new Step(graph, state, _options, actor);
        if (!command(step))
        {
            return (step, false);
        }

        try
        {
            await step.RunAsync(cancellationToken);
            return (step, true);
        }
        catch (EngineLimitExceededException limit)
        {
            (graph, state) = await load();
            step = new Step(graph, state, _options, actor);
            if (!command(step))
            {
                return (step, false);
            }

            step.Suspend(limit);
            EngineLog.RunSuspended(_options.Logger, state.Id);
            return (step, true);
        }
    }

    /// <summary>Writes a step; an open <see cref="AuditScope"/> adds its record for the instance's case to the same transaction.</summary>
    private async Task CommitAsync(InstanceState state, int expectedRevision, IReadOnlyList<HistoryEvent> history, CancellationToken cancellationToken)
    {
        var scope = AuditScope.Current;
        var keys = ChangedKeys(state);
        await _store.CommitAsync(StoreProjections.Commit(state, expectedRevision, history) with { Audit = scope?.PendingFor(state.BusinessKey) ?? [], Keys = keys }, cancellationToken);
        scope?.Committed(state.BusinessKey);
    }

    /// <summary>
    /// The instance's keys when they differ from those last written (kept in the state, so no read is needed), else
    /// null; the state records the new set before it is serialized into the same commit.
    /// </summary>
    private List<string>? ChangedKeys(InstanceState state)
    {
        if (Keys(state) is not { } keys || (state.Keys is { } written && written.SequenceEqual(keys, StringComparer.Ordinal)))
        {
            return null;
        }

        state.Keys = keys;
        return keys;
    }

    /// <summary>
    /// The instance's keys in ordinal order, or null when the engine keeps none (no function, or a timer-start holder).
    /// A function that throws (variables of a shape it does not expect) gives none, so the step still commits; an
    /// instance without keys is one a search cannot narrow away (ADR 0027).
    /// </summary>
    private List<string>? Keys(InstanceState state)
    {
        if (_options.InstanceKeys is not { } project || state.StartsOnTimer)
        {
            return null;
        }

        try
        {
            var variables = (IReadOnlyDictionary<string, JsonNode?>?)state.Scopes.FirstOrDefault(s => s.ParentScopeId is null)?.Variables
                ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, JsonNode?>.Empty;
            return [.. project(state.ProcessKey, variables).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            EngineLog.KeysFailed(_options.Logger, state.Id, e.GetType().Name);
            return [];
        }
    }

    /// <summary>Wakes the scheduler for the earliest job the step left.</summary>
    private void Committed(InstanceState state)
    {
        if (_options.Scheduler is { } scheduler && state.Jobs.Count > 0)
        {
            scheduler.JobDue(state.Jobs.Min(j => j.DueAt));
        }
    }

    private ProcessGraph Graph(DeploymentRecord deployment) => _graphs.GetOrAdd(deployment.Id, _ =>
    {
        var definitions = BpmnParser.Parse(deployment.Xml);
        return new ProcessGraph(definitions, definitions.FindProcess(deployment.ProcessKey)!);
    });

    private async Task<ProcessGraph> GraphAsync(InstanceState state, CancellationToken cancellationToken)
    {
        if (_graphs.TryGetValue(state.DeploymentId, out var graph))
        {
            return graph;
        }

        var deployment = await _store.GetDeploymentAsync(state.ProcessKey, state.ProcessVersion, cancellationToken)
            ?? throw new EngineNotFoundException($"Deployment of '{state.ProcessKey}' version {state.ProcessVersion} is missing.");
        return Graph(deployment);
    }
}
