using System.Security.Claims;
using Tsunagu.Cases.Casework;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>
/// The process view for supervisors and administrators: deployed processes, where their instances wait, one instance's
/// path, and incidents with retry. Answers carry ids, activity names and business keys only, never variables.
/// </summary>
public static class ProcessEndpoints
{
    public static void MapProcessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/processes", ProcessesAsync).WithName("Processes")
            .WithSummary("The deployed processes (latest versions) with how many tokens of their active instances wait and how many are in incident")
            .Produces<IReadOnlyList<ProcessSummary>>().RequireAuthorization(Policies.Supervision).Audited("process.list", "プロセス稼働状況の確認");
        app.MapGet("/api/processes/{processKey}/waits", WaitsAsync).WithName("ProcessWaits")
            .WithSummary("Per activity, the tokens of one version's active instances (?version=, default the latest)")
            .Produces<WaitsView>().RequireAuthorization(Policies.Supervision).Audited("process.waits", "プロセス滞留状況の確認");
        app.MapGet("/api/instances/{instanceId:guid}", InstanceAsync).WithName("ProcessInstance")
            .WithSummary("One instance: where its tokens stand, the activities and flows it completed, its incidents")
            .Produces<InstanceView>().RequireAuthorization(Policies.Supervision).Audited("process.instance", "プロセスインスタンスの確認");
        app.MapGet("/api/incidents", IncidentsAsync).WithName("Incidents")
            .WithSummary("Open incidents of active instances, oldest first")
            .Produces<IReadOnlyList<ProcessIncident>>().RequireAuthorization(Policies.Supervision).Audited("process.incidents", "インシデントの確認");
        app.MapPost("/api/instances/{instanceId:guid}/incidents/{incidentId}/retry", RetryAsync).WithName("RetryIncident")
            .WithSummary("Resume the token an incident stopped")
            .Produces<InstanceView>().RequireAuthorization(Policies.Supervision).Audited("process.incident.retry", "インシデントの再試行");
    }

    private static async Task<IResult> ProcessesAsync(ProcessMonitor monitor, CancellationToken cancellationToken) =>
        Results.Ok(await monitor.ProcessesAsync(cancellationToken));

    private static async Task<IResult> WaitsAsync(string processKey, int? version, ProcessMonitor monitor, CancellationToken cancellationToken)
    {
        var waits = await monitor.WaitsAsync(processKey, version, cancellationToken);
        return Results.Ok(new WaitsView(waits.Key, waits.Name, waits.Version, waits.LatestVersion, waits.Nodes));
    }

    private static async Task<IResult> InstanceAsync(Guid instanceId, ProcessMonitor monitor, CancellationToken cancellationToken) =>
        Results.Ok(View(await monitor.InstanceAsync(instanceId, cancellationToken)));

    private static async Task<IResult> IncidentsAsync(ProcessMonitor monitor, CancellationToken cancellationToken) =>
        Results.Ok(await monitor.IncidentsAsync(cancellationToken));

    private static async Task<IResult> RetryAsync(Guid instanceId, string incidentId, ProcessMonitor monitor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await monitor.RetryAsync(instanceId, incidentId, user.Caller().Id, cancellationToken);
        return Results.Ok(View(await monitor.InstanceAsync(instanceId, cancellationToken)));
    }

    private static InstanceView View(InstanceTrace trace) => new(
        trace.Id,
        trace.ProcessKey,
        trace.Version,
        trace.BusinessKey,
        trace.Status.ToString().ToLowerInvariant(),
        trace.StartedAt,
        trace.EndedAt,
        trace.Active,
        trace.CompletedNodes,
        trace.CompletedFlows,
        trace.Incidents);

    public sealed record WaitsView(string Key, string Name, int Version, int LatestVersion, IReadOnlyList<NodeWait> Nodes);

    public sealed record InstanceView(
        Guid Id,
        string ProcessKey,
        int Version,
        string? BusinessKey,
        string Status,
        DateTimeOffset StartedAt,
        DateTimeOffset? EndedAt,
        IReadOnlyList<NodeWait> Active,
        IReadOnlyList<string> CompletedNodes,
        IReadOnlyList<string> CompletedFlows,
        IReadOnlyList<ProcessIncident> Incidents);
}
