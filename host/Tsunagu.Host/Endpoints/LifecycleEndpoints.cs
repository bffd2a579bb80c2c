using System.Security.Claims;
using Tsunagu.Cases.Casework;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>A case's lifecycle (close, suspend, reopen, monitoring interval) and task assignment with a reason.</summary>
public static class LifecycleEndpoints
{
    public static void MapLifecycleEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases/{caseId}");
        cases.MapPost("/close", CloseAsync).WithName("CloseCase").WithSummary("終結 with the evaluation at closure")
            .Accepts<CloseRequest>("application/json").Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization(Policies.Coordination).Audited("case.close", "ケースの終結");
        cases.MapPost("/suspend", SuspendAsync).WithName("SuspendCase").WithSummary("中断 with the reason")
            .Accepts<ReasonRequest>("application/json").Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization(Policies.Coordination).Audited("case.suspend", "ケースの中断");
        cases.MapPost("/reopen", ReopenAsync).WithName("ReopenCase").WithSummary("Reopen an ended case as a new case for the same person")
            .Accepts<ReasonRequest>("application/json").Produces<ReopenedCase>(StatusCodes.Status201Created)
            .RequireAuthorization(Policies.Coordination).Audited("case.reopen", "ケースの再開");
        cases.MapPut("/monitoring-interval", IntervalAsync).WithName("ChangeMonitoringInterval").WithSummary("The monitoring interval of this case (ISO 8601)")
            .Accepts<IntervalRequest>("application/json").Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization(Policies.Coordination).Audited("case.interval", "モニタリング間隔の変更");

        var tasks = app.MapGroup("/api/tasks/{taskId:guid}");
        tasks.MapPost("/claim", ClaimAsync).WithName("ClaimTask").WithSummary("Claim a task for someone (default: me), with the reason (supervisors, coordinators)")
            .Accepts<ClaimRequest>("application/json").Produces(StatusCodes.Status204NoContent).CaseData("task.claim", "担当者の決定");
        tasks.MapPost("/unclaim", UnclaimAsync).WithName("UnclaimTask").WithSummary("Return a task to its candidates, with the reason (supervisors, coordinators)")
            .Accepts<ReasonRequest>("application/json").Produces(StatusCodes.Status204NoContent).CaseData("task.unclaim", "担当の解除");
        tasks.MapPost("/reassign", ReassignAsync).WithName("ReassignTask").WithSummary("Give a task to someone else, with the reason (supervisors, coordinators)")
            .Accepts<ReassignRequest>("application/json").Produces(StatusCodes.Status204NoContent).CaseData("task.reassign", "担当者の変更");
    }

    private static Task<IResult> CloseAsync(string caseId, JsonBody body, CaseLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        BodyCommands.NoContentAsync<CloseRequest>(body, request => lifecycle.CloseAsync(caseId, request.Evaluation, user.Caller(), cancellationToken));

    private static Task<IResult> SuspendAsync(string caseId, JsonBody body, CaseLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        BodyCommands.NoContentAsync<ReasonRequest>(body, request => lifecycle.SuspendAsync(caseId, request.Reason, user.Caller(), cancellationToken));

    private static async Task<IResult> ReopenAsync(string caseId, JsonBody body, CaseLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            var handle = await lifecycle.ReopenAsync(caseId, body.Read<ReasonRequest>().Reason, user.Caller(), cancellationToken);
            return Results.Json(new ReopenedCase(handle.CaseId, caseId), statusCode: StatusCodes.Status201Created);
        }
    }

    private static Task<IResult> IntervalAsync(string caseId, JsonBody body, CaseLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        BodyCommands.NoContentAsync<IntervalRequest>(body, request => lifecycle.ChangeMonitoringIntervalAsync(caseId, request.Interval, user.Caller(), cancellationToken));

    private static Task<IResult> ClaimAsync(Guid taskId, JsonBody body, CaseDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        BodyCommands.NoContentAsync<ClaimRequest>(body, request => desk.ClaimAsync(taskId, request.UserId, request.Reason, user.Caller(), cancellationToken));

    private static Task<IResult> UnclaimAsync(Guid taskId, JsonBody body, CaseDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        BodyCommands.NoContentAsync<ReasonRequest>(body, request => desk.UnclaimAsync(taskId, request.Reason, user.Caller(), cancellationToken));

    private static Task<IResult> ReassignAsync(Guid taskId, JsonBody body, CaseDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        BodyCommands.NoContentAsync<ReassignRequest>(body, request => desk.ReassignAsync(taskId, request.UserId, request.Reason, user.Caller(), cancellationToken));

    public sealed record CloseRequest(string Evaluation);

    public sealed record ReasonRequest(string Reason);

    public sealed record IntervalRequest(string Interval);

    public sealed record ClaimRequest(string Reason, string? UserId = null);

    public sealed record ReassignRequest(string UserId, string Reason);

    public sealed record ReopenedCase(string CaseId, string ReopenedFrom);
}
