using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tsunagu.Cases;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.People;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Routing;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>Cases, the caseworker's inbox, task completion and the indicators. Every call is authorized and audited.</summary>
public static class CaseEndpoints
{
    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/cases", StartCaseAsync).WithName("StartCase").WithSummary("相談受付: start a case from the routing input")
            .Accepts<StartCaseRequest>("application/json").Produces<StartedCase>(StatusCodes.Status201Created).CaseData("case.start", "相談受付").Idempotent();
        api.MapGet("/cases/{caseId}", GetCaseAsync).WithName("GetCase").WithSummary("A case, for those who may see it (others: 404)")
            .Produces<CaseView>().RequireAuthorization(Policies.SignedIn).Audited("case.read", "ケースの閲覧");
        api.MapPost("/cases/{caseId}/consent", RecordConsentAsync).WithName("RecordConsent").WithSummary("Record consent to sharing: granted, not-granted or withdrawn")
            .Accepts<ConsentRequest>("application/json").RequireAuthorization(Policies.SignedIn).Audited("case.consent", "情報共有の同意の記録");
        api.MapGet("/tasks", InboxAsync).WithName("Inbox").WithSummary("My tasks, oldest first: assigned to me or offered to my institution (keyset pages: limit 1-200, default 200; Link rel=next)")
            .Produces<IReadOnlyList<InboxTask>>().CaseData("task.list", "受付箱");
        api.MapPost("/tasks/{taskId:guid}/complete", CompleteAsync).WithName("CompleteTask").WithSummary("Complete a task with its form values")
            .Accepts<Dictionary<string, JsonElement>>("application/json").CaseData("task.complete", "タスクの完了");
        api.MapGet("/indicators", IndicatorsAsync).WithName("Indicators").WithSummary("Counts the plans report (相談受付件数, referrals, meetings, closures)")
            .RequireAuthorization(Policies.Supervision).Audited("indicators.read", "事業実績の集計");
    }

    private static async Task<IResult> StartCaseAsync(JsonBody body, CaseDesk desk, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        using (body)
        {
            var start = body.Read<StartCaseRequest>();
            var consultation = Object(start.Consultation, "consultation");
            var request = RoutingRequestReader.Read(consultation);
            var person = JsonNode.Parse(consultation.GetProperty("person").GetRawText())!.AsObject();
            var household = consultation.TryGetProperty("household", out var h) && h.ValueKind == JsonValueKind.Array ? JsonNode.Parse(h.GetRawText())!.AsArray() : [];
            // The Idempotency-Key also fixes the case id: a retry whose first attempt committed but never answered finds that case.
            var requestId = context.Request.Headers.TryGetValue(Idempotency.Header, out var key) ? key.ToString() : null;
            var handle = await desk.StartCaseAsync(request, person, household, start.Window, start.Person, start.Route, user.Caller(), requestId, cancellationToken);
            return Results.Json(new StartedCase(handle.CaseId, handle.InstanceId), statusCode: StatusCodes.Status201Created);
        }
    }

    private static async Task<IResult> GetCaseAsync(string caseId, CaseFiles files, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Results.Ok(await files.GetAsync(caseId, user.Caller(), cancellationToken));

    private static async Task<IResult> RecordConsentAsync(string caseId, JsonBody body, CaseFiles files, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            var request = body.Read<ConsentRequest>();
            await files.RecordConsentAsync(caseId, new ConsentChange(request.Status, request.Scope ?? [], request.Evidence), user.Caller(), cancellationToken);
            return Results.NoContent();
        }
    }

    private static async Task<IResult> InboxAsync(
        string? after, int? limit, CaseDesk desk, TaskDueDates dueDates, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        var page = await desk.InboxAsync(user.Caller(), PageResults.After(context, after), limit, cancellationToken);
        var due = dueDates.For(page.Items);
        return PageResults.Ok(context, page, t => new InboxTask(
            t.Id, t.Name, t.NodeId, t.BusinessKey, t.Assignee, t.AssignmentReason, t.CandidateInstitutions, t.CreatedAt, due.GetValueOrDefault(t.Id)?.At, due.GetValueOrDefault(t.Id)?.Overdue == true));
    }

    private static async Task<IResult> CompleteAsync(Guid taskId, JsonBody body, CaseDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            Object(body.Root, "body");
            var values = JsonNode.Parse(body.Root.GetRawText())!.AsObject().ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
            await desk.CompleteAsync(taskId, values, user.Caller(), cancellationToken);
            return Results.NoContent();
        }
    }

    private static async Task<IResult> IndicatorsAsync(DateTimeOffset? from, DateTimeOffset? to, IndicatorService indicators, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        return Results.Ok(await indicators.ComputeAsync(from ?? end.AddYears(-1), end, cancellationToken));
    }

    private static JsonElement Object(JsonElement element, string field) => element.ValueKind == JsonValueKind.Object
        ? element
        : throw new CaseInputException(field, "A JSON object is expected.");

    /// <summary>
    /// The body of <c>POST /api/cases</c>: the window (default: the caller's institution), the routing input, and who the
    /// person is (a new person, or a known one by <c>personId</c> found with <c>GET /api/people</c>) with the 相談経路.
    /// </summary>
    public sealed record StartCaseRequest(JsonElement Consultation, string? Window = null, PersonIdentity? Person = null, string? Route = null);

    public sealed record StartedCase(string CaseId, Guid InstanceId);

    /// <summary>The body of <c>POST /api/cases/{caseId}/consent</c>.</summary>
    public sealed record ConsentRequest(string Status, IReadOnlyList<string>? Scope = null, string? Evidence = null);

    /// <summary>A task of my inbox; <see cref="Due"/> is null for a task without a due date.</summary>
    public sealed record InboxTask(
        Guid Id, string? Name, string Node, string? CaseId, string? Assignee, string? AssignmentReason, IReadOnlyList<string> CandidateInstitutions, DateTimeOffset CreatedAt,
        DateTimeOffset? Due, bool Overdue);
}
