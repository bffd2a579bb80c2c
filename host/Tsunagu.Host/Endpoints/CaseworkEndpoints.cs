using System.Security.Claims;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Notes;
using Tsunagu.Cases.Notifications;
using Tsunagu.Cases.People;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>Casework on a case: the people it is about (search, the duplicate check at intake), its timeline, referral acceptance and escalation.</summary>
public static class CaseworkEndpoints
{
    public static void MapCaseworkEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/people", SearchPeopleAsync).WithName("SearchPeople")
            .WithSummary("People by カナ, 氏名 or 生年月日 (yyyy-MM-dd) in カナ order, each with only the cases the caller may see (keyset pages: limit 1-200, default 50; Link rel=next)")
            .Produces<IReadOnlyList<PersonView>>().CaseData("person.search", "本人の検索（重複確認）");
        api.MapGet("/cases/{caseId}/timeline", TimelineAsync).WithName("CaseTimeline")
            .WithSummary("The case's history in time order: intake, routing, tasks, consent, plan, meetings, monitoring, end")
            .Produces<IReadOnlyList<TimelineEntry>>().RequireAuthorization(Policies.SignedIn).Audited("case.timeline", "ケース経過の閲覧");
        api.MapPost("/tasks/{taskId:guid}/referral", DecideReferralAsync).WithName("DecideReferral")
            .WithSummary("The referred institution accepts the referral or declines it with a reason (back to the coordinator)")
            .Accepts<ReferralDecision>("application/json").Produces(StatusCodes.Status204NoContent).CaseData("referral.decide", "紹介の受入・辞退");
        api.MapPost("/cases/{caseId}/escalation", EscalateAsync).WithName("EscalateCase")
            .WithSummary("Raise a single-agency case to 多機関協働 (トリアージ next)")
            .Accepts<EscalationRequest>("application/json").Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization(Policies.SignedIn).Audited("case.escalate", "多機関協働への移行");
        api.MapPost("/cases/{caseId}/notes", AddNoteAsync).WithName("AddCaseNote")
            .WithSummary("Add to the contact and activity log: アウトリーチ, 参加支援 (with 付き添い), 支援, メモ")
            .Accepts<NewNote>("application/json").Produces<CaseNote>(StatusCodes.Status201Created).CaseData("case.note.add", "支援経過の記録");
        api.MapGet("/cases/{caseId}/notes", NotesAsync).WithName("CaseNotes").WithSummary("The case's contact and activity log, oldest first")
            .Produces<IReadOnlyList<CaseNote>>().CaseData("case.note.list", "支援経過の閲覧");
        api.MapGet("/notifications", NotificationsAsync).WithName("Notifications").WithSummary("My notifications, newest first (unread=true: only unread; keyset pages: limit 1-200, default 200; Link rel=next)")
            .Produces<IReadOnlyList<Notification>>().RequireAuthorization(Policies.SignedIn).Audited("notification.list", "通知の確認");
        api.MapPost("/notifications/{notificationId}/read", MarkReadAsync).WithName("MarkNotificationRead").WithSummary("Mark one of my notifications read")
            .Produces(StatusCodes.Status204NoContent).RequireAuthorization(Policies.SignedIn).Audited("notification.read", "通知の既読");
        app.MapPlanEndpoints();
        app.MapLifecycleEndpoints();
        app.MapReportEndpoints();
    }

    private static async Task<IResult> AddNoteAsync(string caseId, JsonBody body, NoteService notes, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            var added = await notes.AddAsync(caseId, body.Read<NewNote>(), user.Caller(), cancellationToken);
            return Results.Json(added, statusCode: StatusCodes.Status201Created);
        }
    }

    private static async Task<IResult> NotificationsAsync(
        bool? unread, string? after, int? limit, NotificationService notifications, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken) =>
        PageResults.Ok(context, await notifications.MineAsync(user.Caller(), unread ?? false, PageResults.After(context, after), limit, cancellationToken), n => n);

    private static async Task<IResult> MarkReadAsync(string notificationId, NotificationService notifications, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await notifications.MarkReadAsync(notificationId, user.Caller(), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> NotesAsync(string caseId, NoteService notes, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Results.Ok(await notes.ListAsync(caseId, user.Caller(), cancellationToken));

    private static Task<IResult> DecideReferralAsync(Guid taskId, JsonBody body, CaseDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        BodyCommands.NoContentAsync<ReferralDecision>(body, request => desk.DecideReferralAsync(taskId, request.Outcome, request.Reason, user.Caller(), cancellationToken));

    private static Task<IResult> EscalateAsync(string caseId, JsonBody body, CaseFiles files, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        BodyCommands.NoContentAsync<EscalationRequest>(body, request => files.EscalateAsync(caseId, request.Reason, user.Caller(), cancellationToken));

    private static async Task<IResult> SearchPeopleAsync(
        string? q, string? after, int? limit, PeopleService people, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken) =>
        PageResults.Ok(context, await people.SearchAsync(q, user.Caller(), PageResults.After(context, after), limit, cancellationToken), p => p);

    private static async Task<IResult> TimelineAsync(string caseId, CaseFiles files, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Results.Ok(await files.TimelineAsync(caseId, user.Caller(), cancellationToken));

    /// <summary>The body of <c>POST /api/tasks/{taskId}/referral</c>: <c>accepted</c> or <c>declined</c> (then with a reason).</summary>
    public sealed record ReferralDecision(string Outcome, string? Reason = null);

    /// <summary>The body of <c>POST /api/cases/{caseId}/escalation</c>.</summary>
    public sealed record EscalationRequest(string Reason);
}
