using Tsunagu.Engine;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Cases.Casework;

/// <summary>A deployed process (its latest version) with how many tokens of that version's active instances wait, and how many are in incident.</summary>
public sealed record ProcessSummary(string Key, string Name, int Version, DateTimeOffset DeployedAt, int Waiting, int Incidents);

/// <summary>How many tokens stand at one node, by its id and name.</summary>
public sealed record NodeWait(string NodeId, string Name, int Tokens, int Incidents);

/// <summary>One version of a process: its diagram and where its active instances wait.</summary>
public sealed record ProcessWaits(string Key, string Name, int Version, int LatestVersion, string Xml, IReadOnlyList<NodeWait> Nodes);

/// <summary>An open incident, with the name of the node it stopped at.</summary>
public sealed record ProcessIncident(
    Guid InstanceId, string ProcessKey, int Version, string? BusinessKey, string IncidentId, string NodeId, string NodeName, string Message, DateTimeOffset CreatedAt);

/// <summary>One instance drawn on its diagram: where its tokens stand, the nodes and flows it has completed, and its incidents.</summary>
public sealed record InstanceTrace(
    Guid Id,
    string ProcessKey,
    int Version,
    string? BusinessKey,
    InstanceStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Xml,
    IReadOnlyList<NodeWait> Active,
    IReadOnlyList<string> CompletedNodes,
    IReadOnlyList<string> CompletedFlows,
    IReadOnlyList<ProcessIncident> Incidents);

/// <summary>
/// The process view for supervisors and administrators: deployed processes, where their instances wait, one instance
/// on its diagram, and incidents with retry. It shows ids, activity names and business keys only, never an instance's
/// variables, which hold personal data.
/// </summary>
public sealed class ProcessMonitor(ProcessEngine engine)
{
    public async Task<IReadOnlyList<ProcessSummary>> ProcessesAsync(CancellationToken cancellationToken = default)
    {
        var summaries = new List<ProcessSummary>();
        foreach (var deployment in await engine.GetProcessesAsync(cancellationToken))
        {
            var counts = await engine.CountWaitsAsync(deployment.ProcessKey, deployment.Version, cancellationToken);
            summaries.Add(new ProcessSummary(
                deployment.ProcessKey, NodeName(engine.GetNodeNames(deployment), deployment.ProcessKey), deployment.Version, deployment.DeployedAt, counts.Sum(c => c.Tokens), counts.Sum(c => c.Incidents)));
        }

        return summaries;
    }

    /// <summary>Where the active instances of a version (the latest when null) wait; an unknown process or version is not found.</summary>
    public async Task<ProcessWaits> WaitsAsync(string processKey, int? version, CancellationToken cancellationToken = default)
    {
        var latest = await DeploymentAsync(processKey, null, cancellationToken);
        var deployment = version is null ? latest : await DeploymentAsync(processKey, version, cancellationToken);
        var names = engine.GetNodeNames(deployment);
        var counts = await engine.CountWaitsAsync(processKey, deployment.Version, cancellationToken);
        return new ProcessWaits(
            processKey, NodeName(names, processKey), deployment.Version, latest.Version, deployment.Xml, [.. counts.Select(c => new NodeWait(c.NodeId, NodeName(names, c.NodeId), c.Tokens, c.Incidents))]);
    }

    public async Task<InstanceTrace> InstanceAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await engine.GetInstanceAsync(instanceId, cancellationToken) ?? throw new CaseNotFoundException($"No process instance {instanceId}.");
        var deployment = await DeploymentAsync(instance.ProcessKey, instance.ProcessVersion, cancellationToken);
        var names = engine.GetNodeNames(deployment);
        var history = await engine.GetHistoryAsync(instanceId, cancellationToken);
        var incidentNodes = instance.Incidents.Select(i => i.NodeId).ToList();
        return new InstanceTrace(
            instance.Id,
            instance.ProcessKey,
            instance.ProcessVersion,
            instance.BusinessKey,
            instance.Status,
            instance.StartedAt,
            instance.EndedAt,
            deployment.Xml,
            [.. instance.StandingNodes.GroupBy(n => n, StringComparer.Ordinal)
                .Select(g => new NodeWait(g.Key, NodeName(names, g.Key), g.Count(), incidentNodes.Count(n => n == g.Key)))],
            [.. history.Where(h => h.Kind == HistoryKind.ActivityCompleted && h.NodeId is not null).Select(h => h.NodeId!).Distinct(StringComparer.Ordinal)],
            [.. history.Where(h => h.Kind == HistoryKind.TokenMoved).Select(h => h.Data?["flow"]?.GetValue<string>()).OfType<string>().Distinct(StringComparer.Ordinal)],
            [.. instance.Incidents.Select(i => new ProcessIncident(
                instance.Id, instance.ProcessKey, instance.ProcessVersion, instance.BusinessKey, i.Id, i.NodeId, NodeName(names, i.NodeId), i.Message, i.CreatedAt))]);
    }

    /// <summary>Open incidents of every process, oldest first.</summary>
    public async Task<IReadOnlyList<ProcessIncident>> IncidentsAsync(CancellationToken cancellationToken = default)
    {
        var names = new Dictionary<(string, int), IReadOnlyDictionary<string, string>>();
        var incidents = new List<ProcessIncident>();
        foreach (var i in await engine.QueryIncidentsAsync(cancellationToken: cancellationToken))
        {
            if (!names.TryGetValue((i.ProcessKey, i.ProcessVersion), out var nodes))
            {
                nodes = names[(i.ProcessKey, i.ProcessVersion)] = engine.GetNodeNames(await DeploymentAsync(i.ProcessKey, i.ProcessVersion, cancellationToken));
            }

            incidents.Add(new ProcessIncident(i.InstanceId, i.ProcessKey, i.ProcessVersion, i.BusinessKey, i.IncidentId, i.NodeId, NodeName(nodes, i.NodeId), i.Message, i.CreatedAt));
        }

        return incidents;
    }

    /// <summary>Resumes the token an incident stopped; an unknown instance or incident is not found.</summary>
    public async Task RetryAsync(Guid instanceId, string incidentId, string actor, CancellationToken cancellationToken = default)
    {
        var instance = await engine.GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null || !instance.Incidents.Any(i => i.Id == incidentId))
        {
            throw new CaseNotFoundException($"No incident {incidentId} in process instance {instanceId}.");
        }

        await engine.RetryIncidentAsync(instanceId, incidentId, actor, cancellationToken);
    }

    private async Task<DeploymentRecord> DeploymentAsync(string processKey, int? version, CancellationToken cancellationToken) =>
        await engine.GetDeploymentAsync(processKey, version, cancellationToken)
            ?? throw new CaseNotFoundException($"No deployed process '{processKey}'" + (version is { } v ? $" version {v}." : "."));

    /// <summary>The element's name, or its id when it has none.</summary>
    private static string NodeName(IReadOnlyDictionary<string, string> names, string nodeId) => names.TryGetValue(nodeId, out var name) ? name : nodeId;
}
