using System.Globalization;
using System.Security.Claims;
using Tsunagu.Cases;
using Tsunagu.Cases.Plans;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>
/// 支援プラン versions (the ETag is the version; a change sends it back in If-Match: 412 when stale, 428 when missing)
/// and the meeting record: attendance, minutes, and decisions that drive the case path.
/// </summary>
public static class PlanEndpoints
{
    public static void MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases/{caseId}");
        cases.MapGet("/plan", CurrentAsync).WithName("GetPlan").WithSummary("The current plan version (ETag: its version); a role-only institution reads its part")
            .Produces<SupportPlan>().RequireAuthorization(Policies.SignedIn).Audited("plan.read", "支援プランの閲覧");
        cases.MapGet("/plan/versions", VersionsAsync).WithName("GetPlanVersions").WithSummary("Every version of the plan, oldest first")
            .Produces<IReadOnlyList<SupportPlan>>().RequireAuthorization(Policies.SignedIn).Audited("plan.versions", "支援プラン履歴の閲覧");
        cases.MapPut("/plan", SaveAsync).WithName("SavePlan").WithSummary("A new plan version based on the one in If-Match (none for the first)")
            .Accepts<PlanContent>("application/json").Produces<SupportPlan>()
            .RequireAuthorization(Policies.Coordination).Audited("plan.save", "支援プランの作成・改定");

        var meetings = app.MapGroup("/api/meetings/{meetingId}");
        meetings.MapPut("/record", RecordAsync).WithName("RecordMeeting").WithSummary("Attendance and minutes of the meeting")
            .Accepts<MeetingRecordRequest>("application/json").Produces<Meeting>()
            .RequireAuthorization(Policies.Coordination).Audited("meeting.record", "会議録の記録");
        meetings.MapPost("/decisions", DecideAsync).WithName("RecordMeetingDecision")
            .WithSummary("A decision about a case on the agenda (プラン承認, 支援決定, モニタリング結果, 終結判断); it drives the case path")
            .Accepts<NewDecision>("application/json").Produces<MeetingDecision>(StatusCodes.Status201Created)
            .RequireAuthorization(Policies.Coordination).Audited("meeting.decision", "会議の決定の記録");
    }

    private static async Task<IResult> CurrentAsync(string caseId, HttpContext context, PlanService plans, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Tagged(context, await plans.CurrentAsync(caseId, user.Caller(), cancellationToken));

    private static async Task<IResult> VersionsAsync(string caseId, PlanService plans, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Results.Ok(await plans.VersionsAsync(caseId, user.Caller(), cancellationToken));

    private static async Task<IResult> SaveAsync(string caseId, HttpContext context, JsonBody body, PlanService plans, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            var content = body.Read<PlanContent>();
            return Tagged(context, await plans.SaveAsync(caseId, content, BasedOn(context.Request.Headers.IfMatch.ToString()), user.Caller(), cancellationToken));
        }
    }

    private static async Task<IResult> RecordAsync(string meetingId, JsonBody body, MeetingService meetings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            var request = body.Read<MeetingRecordRequest>();
            return Results.Ok(await meetings.RecordAsync(meetingId, request.Attendance, request.Minutes, user.Caller(), cancellationToken));
        }
    }

    private static async Task<IResult> DecideAsync(string meetingId, JsonBody body, MeetingService meetings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            var decision = await meetings.DecideAsync(meetingId, body.Read<NewDecision>(), user.Caller(), cancellationToken);
            return Results.Json(decision, statusCode: StatusCodes.Status201Created);
        }
    }

    private static IResult Tagged(HttpContext context, SupportPlan plan)
    {
        context.Response.Headers.ETag = ETag(plan.Version);
        return Results.Ok(plan);
    }

    private static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version an If-Match names: none when absent; anything but one quoted version number is a 400.</summary>
    private static int? BasedOn(string ifMatch) =>
        ifMatch.Length == 0 ? null
        : ifMatch.Length > 2 && ifMatch[0] == '"' && ifMatch[^1] == '"' && int.TryParse(ifMatch[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new CaseInputException("If-Match", "If-Match names one plan version, as the ETag gave it (e.g. \"2\").");

    /// <summary>The body of <c>PUT /api/meetings/{meetingId}/record</c>.</summary>
    public sealed record MeetingRecordRequest(IReadOnlyList<Attendance> Attendance, string Minutes);
}
