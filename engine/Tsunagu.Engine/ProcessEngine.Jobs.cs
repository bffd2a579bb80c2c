using System.Text.Json.Nodes;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>Runs the follow-up jobs a step left (start a called instance, notify a parent, deliver a message or signal).</summary>
    private async Task FollowUpsAsync(InstanceState state, int depth, CancellationToken cancellationToken)
    {
        if (depth >= MaxFollowUpDepth)
        {
            return;
        }

        var now = _options.Time.GetUtcNow();
        foreach (var job in state.Jobs.Where(j => j.Kind is JobKind.StartChild or JobKind.NotifyParent or JobKind.Deliver && j.DueAt <= now).ToList())
        {
            await RunJobAsync(state.Id, job.Id, depth + 1, cancellationToken);
        }
    }

    /// <summary>How long a host holds a job whose effect reaches other instances; past it, another host may run it again.</summary>
    private static readonly TimeSpan JobLease = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs one job. A job with effects on other instances is first leased to this host in its own instance's commit, so
    /// of two hosts running it at once only one gets it; then the effect; then the job is removed. Only a host that
    /// dies during the effect lets the job run again, after the lease (a called instance's id is fixed in the job, so
    /// that repeat is safe; a message or signal may then arrive twice).
    /// </summary>
    private async Task RunJobAsync(Guid instanceId, Guid jobId, int depth, CancellationToken cancellationToken, StoredInstance? loaded = null)
    {
        var state = loaded is null ? await _store.LoadStateAsync(instanceId, cancellationToken) : StateJson.Deserialize(loaded.StateJson);
        var job = state?.Jobs.FirstOrDefault(j => j.Id == jobId);
        if (state is null || job is null)
        {
            return;
        }

        switch (job.Kind)
        {
            case JobKind.Timer when state.StartsOnTimer:
                await StartOnTimerAsync(state, job, depth, cancellationToken);
                return;
            case JobKind.Timer:
            case JobKind.Retry:
                await ExecuteAsync(instanceId, "scheduler", step => Fire(step, jobId), cancellationToken, depth, state);
                return;
            case JobKind.StartChild or JobKind.NotifyParent or JobKind.Deliver when !await LeaseAsync(instanceId, jobId, cancellationToken):
                return;
            case JobKind.StartChild:
                await StartChildAsync(state, job, depth, cancellationToken);
                break;
            case JobKind.NotifyParent:
                await NotifyParentAsync(state, job, depth, cancellationToken);
                break;
            case JobKind.Deliver:
                await DeliverAsync(job.Payload!, depth, cancellationToken);
                break;
        }

        await ExecuteAsync(instanceId, "system", step => step.State.Jobs.RemoveAll(j => j.Id == jobId) > 0, cancellationToken, depth);
        if (job.Kind == JobKind.StartChild)
        {
            await CancelOrphanAsync(instanceId, Guid.Parse(job.Payload!["child"]!.GetValue<string>()), depth, cancellationToken);
        }
    }

    /// <summary>True when this host now holds the job: it was still there and due (not leased by another host).</summary>
    private async Task<bool> LeaseAsync(Guid instanceId, Guid jobId, CancellationToken cancellationToken)
    {
        var leased = false;
        await ExecuteAsync(instanceId, "system", step =>
        {
            var now = _options.Time.GetUtcNow();
            var job = step.State.Jobs.FirstOrDefault(j => j.Id == jobId);
            leased = job is not null && job.DueAt <= now;
            if (leased)
            {
                job!.DueAt = now + JobLease;
            }

            return leased;
        }, cancellationToken, depth: MaxFollowUpDepth);
        return leased;
    }

    /// <summary>
    /// The calling activity may have been cancelled while its called instance was being started: when no token of the
    /// caller waits for that instance any more, it is cancelled too, so no called instance outlives its caller.
    /// </summary>
    private async Task CancelOrphanAsync(Guid callerId, Guid childId, int depth, CancellationToken cancellationToken)
    {
        var caller = await _store.LoadStateAsync(callerId, cancellationToken);
        if (caller is not null && caller.Tokens.Any(t => t.ChildInstanceId == childId))
        {
            return;
        }

        if (await _store.LoadStateAsync(childId, cancellationToken) is { Status: InstanceStatus.Active })
        {
            await CancelInstanceAsync(childId, "system", "The calling activity was cancelled.", depth, cancellationToken);
        }
    }

    /// <summary>A timer start event fired: a new instance starts there (its id fixed by the job, so a retry does not start two).</summary>
    private async Task StartOnTimerAsync(InstanceState holder, JobState job, int depth, CancellationToken cancellationToken)
    {
        var id = DerivedId($"{holder.Id}:{job.Id}");
        if (await _store.LoadStateAsync(id, cancellationToken) is null)
        {
            await StartInstanceAsync(holder.ProcessKey, null, new StartOptions { Version = holder.ProcessVersion, StartNodeId = job.NodeId, InstanceId = id, Actor = "scheduler" }, depth, cancellationToken);
        }

        await ExecuteAsync(holder.Id, "scheduler", step =>
        {
            var fired = step.State.Jobs.FirstOrDefault(j => j.Id == job.Id);
            if (fired is null)
            {
                return false;
            }

            step.StartTimerFired(fired);
            return true;
        }, cancellationToken, depth);
    }

    /// <summary>A stable id derived from text: the same input always names the same instance.</summary>
    private static Guid DerivedId(string text) => new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))[..16]);

    private static bool Fire(Step step, Guid jobId)
    {
        var job = step.State.Jobs.FirstOrDefault(j => j.Id == jobId);
        if (job is null || !step.IsActive)
        {
            return false;
        }

        if (job.Kind == JobKind.Retry)
        {
            step.State.Jobs.Remove(job);
            step.Resume(step.Token(job.TokenId!)!);
        }
        else
        {
            step.FireTimer(job);
        }

        return true;
    }

    private async Task StartChildAsync(InstanceState parent, JobState job, int depth, CancellationToken cancellationToken)
    {
        var payload = job.Payload!;
        var childId = Guid.Parse(payload["child"]!.GetValue<string>());
        if (await _store.LoadStateAsync(childId, cancellationToken) is not null)
        {
            return;
        }

        var variables = payload["variables"]?.AsObject().ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        var options = new StartOptions
        {
            InstanceId = childId,
            Version = payload["version"]?.GetValue<int>(),
            BusinessKey = parent.BusinessKey,
            ParentInstanceId = parent.Id,
            ParentTokenId = job.TokenId,
        };
        try
        {
            await StartInstanceAsync(payload["processKey"]?.GetValue<string>() ?? "", variables, options, depth, cancellationToken);
        }
        catch (EngineNotFoundException e)
        {
            await ExecuteAsync(parent.Id, "system", step => step.Token(job.TokenId!) is { } token && Stop(step, token, e.Message), cancellationToken, depth);
        }
    }

    private static bool Stop(Step step, TokenState token, string message)
    {
        step.ChildEnded(token, nameof(InstanceStatus.Cancelled), message, null);
        return true;
    }

    private async Task NotifyParentAsync(InstanceState child, JobState job, int depth, CancellationToken cancellationToken)
    {
        var payload = job.Payload!;
        var parentId = Guid.Parse(payload["parent"]!.GetValue<string>());
        var tokenId = payload["token"]?.GetValue<string>();
        await ExecuteAsync(parentId, "system", step =>
        {
            if (tokenId is null || step.Token(tokenId) is not { } token || token.ChildInstanceId != child.Id || !step.IsActive)
            {
                return false;
            }

            step.ChildEnded(token, payload["status"]!.GetValue<string>(), payload["reason"]?.GetValue<string>(), payload["variables"]?.AsObject());
            return true;
        }, cancellationToken, depth);
    }

    private async Task DeliverAsync(JsonObject payload, int depth, CancellationToken cancellationToken)
    {
        if (payload["escalateTo"]?.GetValue<string>() is { } caller)
        {
            var tokenId = payload["token"]?.GetValue<string>();
            await ExecuteAsync(Guid.Parse(caller), "system", step =>
            {
                if (tokenId is null || step.Token(tokenId) is not { } token || !step.IsActive)
                {
                    return false;
                }

                step.EscalationFromCalled(token, payload["code"]!.GetValue<string>());
                return true;
            }, cancellationToken, depth);
            return;
        }

        if (payload["cancelInstance"]?.GetValue<string>() is { } cancel)
        {
            // A called instance that never started (or is gone) counts as cancelled already.
            var child = Guid.Parse(cancel);
            if (await _store.LoadStateAsync(child, cancellationToken) is not null)
            {
                await CancelInstanceAsync(child, "system", "The calling activity was cancelled.", depth, cancellationToken);
            }

            return;
        }

        var name = payload["name"]!.GetValue<string>();
        var variables = payload["variables"]?.AsObject().ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        if (payload["kind"]!.GetValue<string>() == nameof(SubscriptionKind.Signal))
        {
            var thrower = payload["except"]?.GetValue<string>() is { } except ? Guid.Parse(except) : (Guid?)null;
            await BroadcastSignalAsync(name, variables, thrower, depth, cancellationToken);
        }
        else
        {
            await CorrelateMessageAsync(name, payload["correlationKey"]?.GetValue<string>(), variables, depth, cancellationToken);
        }
    }
}
