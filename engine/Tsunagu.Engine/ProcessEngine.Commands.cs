using System.Text.Json.Nodes;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>Completes a user task with the form's variables; the token moves on.</summary>
    public async Task CompleteTaskAsync(Guid taskId, IReadOnlyDictionary<string, JsonNode?>? variables, string actor, CancellationToken cancellationToken = default)
    {
        var instanceId = await TaskInstanceAsync(taskId, cancellationToken);
        await ExecuteAsync(instanceId, actor, step =>
        {
            var task = OpenTask(step, taskId);
            step.State.Tasks.Remove(task);
            step.Record(HistoryKind.TaskCompleted, task.NodeId, task.TokenId, new JsonObject { ["task"] = task.Id.ToString() });
            step.CompleteActivity(step.Token(task.TokenId)!, variables);
            return true;
        }, cancellationToken);
    }

    /// <summary>Claims a task for <paramref name="userId"/>; claiming a task someone else holds is refused.</summary>
    public Task ClaimTaskAsync(Guid taskId, string userId, string actor, string? reason = null, CancellationToken cancellationToken = default) =>
        ChangeTaskAsync(taskId, actor, HistoryKind.TaskClaimed, reason, task =>
        {
            if (task.Assignee is { } holder && holder != userId)
            {
                throw new EngineStateException($"Task {taskId} is already claimed by another user.");
            }

            task.Assignee = userId;
            task.Status = UserTaskStatus.Claimed;
        }, cancellationToken);

    public Task UnclaimTaskAsync(Guid taskId, string actor, string? reason = null, CancellationToken cancellationToken = default) =>
        ChangeTaskAsync(taskId, actor, HistoryKind.TaskUnclaimed, reason, task =>
        {
            task.Assignee = null;
            task.Status = UserTaskStatus.Created;
        }, cancellationToken);

    /// <summary>Gives a task to another user, recording why.</summary>
    public Task ReassignTaskAsync(Guid taskId, string userId, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeTaskAsync(taskId, actor, HistoryKind.TaskReassigned, reason, task =>
        {
            task.Assignee = userId;
            task.Status = UserTaskStatus.Claimed;
            task.AssignmentReason = reason;
        }, cancellationToken);

    /// <summary>Changes a task's assignment; the reason, when given, is kept in the history with who and when.</summary>
    private async Task ChangeTaskAsync(Guid taskId, string actor, HistoryKind kind, string? reason, Action<UserTaskState> change, CancellationToken cancellationToken)
    {
        var instanceId = await TaskInstanceAsync(taskId, cancellationToken);
        await ExecuteAsync(instanceId, actor, step =>
        {
            var task = OpenTask(step, taskId);
            change(task);
            step.Record(kind, task.NodeId, task.TokenId, new JsonObject { ["task"] = task.Id.ToString(), ["assignee"] = task.Assignee, ["reason"] = reason });
            return true;
        }, cancellationToken);
    }

    private async Task<Guid> TaskInstanceAsync(Guid taskId, CancellationToken cancellationToken) =>
        await _store.FindTaskInstanceAsync(taskId, cancellationToken) ?? throw new EngineNotFoundException($"No open task {taskId}.");

    /// <summary>A task whose token is gone (an engine fault elsewhere) is not open: it cannot move on.</summary>
    private static UserTaskState OpenTask(Step step, Guid taskId) =>
        step.State.Status == InstanceStatus.Active && step.State.Tasks.FirstOrDefault(t => t.Id == taskId) is { } task && step.Token(task.TokenId) is not null
            ? task
            : throw new EngineNotFoundException($"No open task {taskId}.");

    /// <summary>
    /// Delivers a message to one waiting instance (matching the correlation key when given), or starts a process whose
    /// message start event or instantiating receive task takes it. A message nobody waits for is not buffered: returns false.
    /// </summary>
    public Task<bool> CorrelateMessageAsync(string name, string? correlationKey, IReadOnlyDictionary<string, JsonNode?>? variables = null, CancellationToken cancellationToken = default) =>
        CorrelateMessageAsync(name, correlationKey, variables, 0, cancellationToken);

    /// <summary>Correlates as a follow-up <paramref name="depth"/> levels deep (see <see cref="MaxFollowUpDepth"/>).</summary>
    private async Task<bool> CorrelateMessageAsync(string name, string? correlationKey, IReadOnlyDictionary<string, JsonNode?>? variables, int depth, CancellationToken cancellationToken)
    {
        foreach (var match in await _store.FindSubscriptionsAsync(SubscriptionKind.Message, name, correlationKey, cancellationToken))
        {
            var delivered = false;
            await ExecuteAsync(match.InstanceId, "system", step => delivered = Deliver(step, match.SubscriptionId, variables), cancellationToken, depth);
            if (delivered)
            {
                return true;
            }
        }

        return await StartByTriggerAsync((g, n) => n is StartEvent s ? s.EventDefinitions.OfType<MessageEventDefinition>().Any(d => MessageName(g, n, d.MessageRef) == name)
            : n is ReceiveTask { Instantiate: true } r && r.Incoming.Count == 0 && MessageName(g, n, r.MessageRef) == name, variables, firstOnly: true, depth, cancellationToken) > 0;
    }

    /// <summary>Broadcasts a signal to every waiting instance and starts processes with a matching signal start event.</summary>
    public Task<int> BroadcastSignalAsync(string name, IReadOnlyDictionary<string, JsonNode?>? variables = null, CancellationToken cancellationToken = default) =>
        BroadcastSignalAsync(name, variables, null, 0, cancellationToken);

    /// <summary>A signal thrown inside an instance: that instance already received it during its own step.</summary>
    private async Task<int> BroadcastSignalAsync(string name, IReadOnlyDictionary<string, JsonNode?>? variables, Guid? thrower, int depth, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var match in (await _store.FindSubscriptionsAsync(SubscriptionKind.Signal, name, null, cancellationToken)).Where(m => m.InstanceId != thrower))
        {
            var delivered = false;
            await ExecuteAsync(match.InstanceId, "system", step => delivered = Deliver(step, match.SubscriptionId, variables), cancellationToken, depth);
            count += delivered ? 1 : 0;
        }

        return count + await StartByTriggerAsync(
            (g, n) => n is StartEvent s && s.EventDefinitions.OfType<SignalEventDefinition>().Any(d => SignalName(g, n, d.SignalRef) == name), variables, firstOnly: false, depth, cancellationToken);
    }

    private static bool Deliver(Step step, Guid subscriptionId, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        var subscription = step.State.Subscriptions.FirstOrDefault(s => s.Id == subscriptionId);
        if (subscription is null || !step.IsActive)
        {
            return false;
        }

        step.Receive(subscription, variables ?? new Dictionary<string, JsonNode?>());
        return true;
    }

    /// <summary>Starts the latest deployments with a start node that <paramref name="starts"/> accepts (given the node's own graph).</summary>
    private async Task<int> StartByTriggerAsync(Func<ProcessGraph, FlowNode, bool> starts, IReadOnlyDictionary<string, JsonNode?>? variables, bool firstOnly, int depth, CancellationToken cancellationToken)
    {
        var started = 0;
        foreach (var deployment in await _store.GetLatestDeploymentsAsync(cancellationToken))
        {
            var graph = Graph(deployment);
            var start = graph.Process.Nodes.Values.FirstOrDefault(n => n.ParentId == graph.Process.Id && starts(graph, n));
            if (start is null)
            {
                continue;
            }

            await StartInstanceAsync(deployment.ProcessKey, variables, new StartOptions { Version = deployment.Version, StartNodeId = start.Id }, depth, cancellationToken);
            started++;
            if (firstOnly)
            {
                break;
            }
        }

        return started;
    }

    /// <summary>A reference resolves in the node's own document: another document may use the same id for another message.</summary>
    private static string MessageName(ProcessGraph graph, FlowNode node, string? reference) =>
        graph.Definitions.Messages.FirstOrDefault(m => m.Id == reference)?.Name ?? reference ?? node.Id;

    private static string SignalName(ProcessGraph graph, FlowNode node, string? reference) =>
        graph.Definitions.Signals.FirstOrDefault(s => s.Id == reference)?.Name ?? reference ?? node.Id;

    /// <summary>
    /// Fires jobs due by now (timers, retries, and follow-ups a crash may have left), at most <paramref name="max"/>;
    /// returns how many ran. On a store shared by hosts the jobs are claimed first, so no two hosts run one job at once.
    /// </summary>
    public async Task<int> RunDueJobsAsync(int max = 100, CancellationToken cancellationToken = default)
    {
        var now = _options.Time.GetUtcNow();
        var due = _store is IJobClaims claims
            ? await claims.ClaimDueJobsAsync(now, _options.JobLease, max, cancellationToken)
            : await _store.GetDueJobsAsync(now, max, cancellationToken);
        // Instances run side by side (a store that commits in groups then writes them together); one instance's jobs in turn.
        var instances = due.GroupBy(j => j.InstanceId).ToList();
        if (instances.Count == 1 || _options.JobConcurrency == 1)
        {
            foreach (var jobs in instances)
            {
                await RunJobsAsync(jobs, null, cancellationToken);
            }
        }
        else
        {
            // Their states are read in one go; one that changes meanwhile meets a conflict and is read again.
            var loaded = await PreloadAsync([.. instances.Select(i => i.Key)], cancellationToken);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.JobConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(instances, parallel, async (jobs, ct) => await RunJobsAsync(jobs, loaded.GetValueOrDefault(jobs.Key), ct));
        }

        return due.Count;
    }

    /// <summary>The claimed instances' states read together; when that read fails, none (each job reads its own, and fails alone).</summary>
    private async Task<Dictionary<Guid, StoredInstance>> PreloadAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken)
    {
        try
        {
            return (await _store.LoadInstancesAsync(instanceIds, cancellationToken)).ToDictionary(i => i.Id);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    /// <summary>Runs one instance's due jobs in turn (the first from <paramref name="loaded"/>, when given); a job that throws is postponed.</summary>
    private async Task RunJobsAsync(IEnumerable<DueJob> jobs, StoredInstance? loaded, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            var state = loaded;
            loaded = null;
            try
            {
                await RunJobAsync(job.InstanceId, job.JobId, 0, cancellationToken, state);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                await PostponeFailedJobAsync(job, e, cancellationToken);
            }
        }
    }

    /// <summary>
    /// A job that threw is pushed back (10 s doubling per failure, at most an hour) with an incident in the history, so it
    /// does not come back first forever and block every later job. Written to the store directly: the failure may lie in
    /// the instance's graph. If even that fails the job is left as it is for the next run.
    /// </summary>
    private async Task PostponeFailedJobAsync(DueJob due, Exception failure, CancellationToken cancellationToken)
    {
        try
        {
            var state = await _store.LoadStateAsync(due.InstanceId, cancellationToken);
            if (state?.Jobs.FirstOrDefault(j => j.Id == due.JobId) is not { } job)
            {
                return;
            }

            var now = _options.Time.GetUtcNow();
            job.Failures++;
            job.DueAt = now + TimeSpan.FromSeconds(Math.Min(Math.Pow(2, job.Failures) * 10, TimeSpan.FromHours(1).TotalSeconds));
            var incident = new HistoryEvent
            {
                InstanceId = state.Id,
                ProcessKey = state.ProcessKey,
                ProcessVersion = state.ProcessVersion,
                Kind = HistoryKind.IncidentCreated,
                NodeId = job.NodeId,
                TokenId = job.TokenId,
                Actor = "scheduler",
                At = now,
                Data = new JsonObject { ["job"] = job.Id.ToString(), ["failures"] = job.Failures, ["error"] = failure.GetType().Name, ["message"] = failure.Message },
            };
            var expected = state.Revision;
            state.Revision++;
            await CommitAsync(state, expected, [incident], cancellationToken);
            Committed(state);
            EngineLog.JobFailed(_options.Logger, job.Id, state.Id, job.NodeId, failure.GetType().Name, job.Failures);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing more to do here; the job stays due and is tried again on the next run.
        }
    }

    /// <summary>Resumes a token stopped by an incident; an incident whose token has gone on (merged at a join) is only resolved.</summary>
    public Task RetryIncidentAsync(Guid instanceId, string incidentId, string actor, CancellationToken cancellationToken = default) =>
        ExecuteAsync(instanceId, actor, step =>
        {
            var incident = step.State.Incidents.FirstOrDefault(i => i.Id == incidentId) ?? throw new EngineNotFoundException($"No incident {incidentId} in instance {instanceId}.");
            step.State.Incidents.Remove(incident);
            EngineLog.IncidentRetried(_options.Logger, incident.Id, instanceId, actor);
            step.Record(HistoryKind.IncidentResolved, incident.NodeId, incident.TokenId, new JsonObject { ["incident"] = incident.Id });
            if (step.Token(incident.TokenId) is { } token)
            {
                token.Attempts = 0;
                step.Resume(token);
            }

            return true;
        }, cancellationToken);

    public Task CancelInstanceAsync(Guid instanceId, string actor, string reason, CancellationToken cancellationToken = default) =>
        CancelInstanceAsync(instanceId, actor, reason, 0, cancellationToken);

    private Task<InstanceState> CancelInstanceAsync(Guid instanceId, string actor, string reason, int depth, CancellationToken cancellationToken) =>
        ExecuteAsync(instanceId, actor, step =>
        {
            if (!step.IsActive)
            {
                return false;
            }

            step.Finish(InstanceStatus.Cancelled, reason);
            return true;
        }, cancellationToken, depth);
}
