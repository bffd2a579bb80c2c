using System.Text.Json.Nodes;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>
    /// Moves a running instance to another version of its process. <paramref name="mapping"/> maps old node and flow ids
    /// to new ones (unmapped ids must exist unchanged in the target). Every position the instance holds — tokens, scopes,
    /// tasks, timers, subscriptions, incidents, join arrivals — is checked first; an invalid mapping changes nothing.
    /// </summary>
    public async Task MigrateInstanceAsync(Guid instanceId, int targetVersion, IReadOnlyDictionary<string, string>? mapping, string actor, CancellationToken cancellationToken = default)
    {
        var state = await _store.LoadStateAsync(instanceId, cancellationToken) ?? throw new EngineNotFoundException($"No process instance {instanceId}.");
        if (state.Status != InstanceStatus.Active)
        {
            throw new EngineStateException($"Instance {instanceId} has ended and cannot be migrated.");
        }

        var target = await _store.GetDeploymentAsync(state.ProcessKey, targetVersion, cancellationToken)
            ?? throw new EngineNotFoundException($"No deployed process '{state.ProcessKey}' version {targetVersion}.");
        var source = await GraphAsync(state, cancellationToken);
        var graph = Graph(target);
        string Map(string id) => mapping?.GetValueOrDefault(id) ?? id;

        var problems = new List<string>();
        void Check(string id, string what)
        {
            var mapped = Map(id);
            if (!graph.Process.Nodes.TryGetValue(mapped, out var node))
            {
                problems.Add($"{what} '{id}' has no counterpart '{mapped}' in version {targetVersion}.");
            }
            else if (source.Process.Nodes.TryGetValue(id, out var old) && old.GetType() != node.GetType())
            {
                problems.Add($"{what} '{id}' is a {old.GetType().Name} but '{mapped}' is a {node.GetType().Name}.");
            }
        }

        foreach (var token in state.Tokens)
        {
            Check(token.NodeId, "Token position");
            if (token.ViaFlow is { } flow && !graph.Process.SequenceFlows.ContainsKey(Map(flow)))
            {
                problems.Add($"Sequence flow '{flow}' (a join arrival) has no counterpart '{Map(flow)}' in version {targetVersion}.");
            }
        }

        foreach (var scope in state.Scopes.Where(s => s.Kind != ScopeKind.Process))
        {
            Check(scope.ElementId, "Scope");
        }

        foreach (var node in state.Jobs.Select(j => j.NodeId).Concat(state.Subscriptions.Select(s => s.NodeId)).OfType<string>())
        {
            Check(node, "Event");
        }

        if (problems.Count > 0)
        {
            throw new EngineStateException("The migration is not valid: " + string.Join(" ", problems.Distinct()));
        }

        Remap(state, Map, graph.Process.Id);
        var from = state.ProcessVersion;
        state.ProcessVersion = target.Version;
        state.DeploymentId = target.Id;
        var expected = state.Revision++;
        var history = new HistoryEvent
        {
            InstanceId = state.Id,
            ProcessKey = state.ProcessKey,
            ProcessVersion = target.Version,
            Kind = HistoryKind.InstanceMigrated,
            Actor = actor,
            At = _options.Time.GetUtcNow(),
            Data = new JsonObject
            {
                ["from"] = from,
                ["to"] = target.Version,
                ["mapping"] = new JsonObject([.. (mapping ?? new Dictionary<string, string>()).Select(m => new KeyValuePair<string, JsonNode?>(m.Key, m.Value))]),
            },
        };
        await CommitAsync(state, expected, [history], cancellationToken);
    }

    private static void Remap(InstanceState state, Func<string, string> map, string processId)
    {
        foreach (var token in state.Tokens)
        {
            token.NodeId = map(token.NodeId);
            token.ViaFlow = token.ViaFlow is { } flow ? map(flow) : null;
        }

        foreach (var scope in state.Scopes)
        {
            scope.ElementId = scope.Kind == ScopeKind.Process ? processId : map(scope.ElementId);
        }

        foreach (var task in state.Tasks)
        {
            task.NodeId = map(task.NodeId);
        }

        foreach (var job in state.Jobs.Where(j => j.NodeId is not null))
        {
            job.NodeId = map(job.NodeId!);
        }

        foreach (var subscription in state.Subscriptions)
        {
            subscription.NodeId = map(subscription.NodeId);
            if (subscription.Kind == SubscriptionKind.Conditional)
            {
                subscription.Name = subscription.NodeId;
            }
        }

        foreach (var incident in state.Incidents)
        {
            incident.NodeId = map(incident.NodeId);
        }
    }
}
