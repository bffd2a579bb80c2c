using System.Security.Claims;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>支援会議 and 重層的支援会議: holding one, reading it, the secrecy acknowledgement, revoking a member, 情報提供依頼.</summary>
public static class MeetingEndpoints
{
    public static void MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/meetings");
        meetings.MapPost("", CreateAsync).WithName("CreateMeeting").WithSummary("Hold a meeting about cases, with members (coordinators)")
            .Accepts<MeetingRequest>("application/json").Produces<MeetingCreated>(StatusCodes.Status201Created)
            .RequireAuthorization(Policies.Coordination).Audited("meeting.create", "会議の開催").Idempotent();
        meetings.MapGet("/{meetingId}", GetAsync).WithName("GetMeeting").WithSummary("A meeting, for its members and coordinators")
            .Produces<Meeting>().RequireAuthorization(Policies.SignedIn).Audited("meeting.read", "会議の閲覧");
        meetings.MapPost("/{meetingId}/acknowledgement", AcknowledgeAsync).WithName("AcknowledgeMeeting")
            .WithSummary("Acknowledge the meeting's secrecy duty (守秘義務) before its case data opens").Produces<Meeting>()
            .RequireAuthorization(Policies.SignedIn).Audited("meeting.acknowledge", "守秘義務の確認");
        meetings.MapDelete("/{meetingId}/members/{staffId}", RemoveMemberAsync).WithName("RemoveMeetingMember").WithSummary("Revoke a member's access at once")
            .RequireAuthorization(Policies.Coordination).Audited("meeting.member.remove", "会議構成員の解除");
        meetings.MapPost("/{meetingId}/information-requests", RequestInformationAsync).WithName("RequestInformation")
            .WithSummary("情報提供依頼 to a named institution (支援会議)").Accepts<InformationRequestBody>("application/json").Produces<InformationRequest>(StatusCodes.Status201Created)
            .RequireAuthorization(Policies.SignedIn).Audited("meeting.information.request", "情報提供依頼");
        meetings.MapPost("/{meetingId}/information-requests/{requestId}/answer", AnswerAsync).WithName("AnswerInformationRequest")
            .WithSummary("The institution's answer; it becomes part of the meeting record").Accepts<InformationAnswer>("application/json").Produces<InformationRequest>()
            .RequireAuthorization(Policies.SignedIn).Audited("meeting.information.answer", "情報提供依頼への回答");
    }

    private static async Task<IResult> CreateAsync(JsonBody body, MeetingService meetings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            var request = body.Read<MeetingRequest>();
            var meeting = await meetings.CreateAsync(new NewMeeting(request.Kind, request.Date, request.CaseIds, request.Members), user.Caller(), cancellationToken);
            return Results.Json(new MeetingCreated(meeting.Id), statusCode: StatusCodes.Status201Created);
        }
    }

    private static async Task<IResult> GetAsync(string meetingId, MeetingService meetings, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Results.Ok(await meetings.GetAsync(meetingId, user.Caller(), cancellationToken));

    private static async Task<IResult> AcknowledgeAsync(string meetingId, MeetingService meetings, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Results.Ok(await meetings.AcknowledgeAsync(meetingId, user.Caller(), cancellationToken));

    private static async Task<IResult> RemoveMemberAsync(string meetingId, string staffId, MeetingService meetings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await meetings.RemoveMemberAsync(meetingId, staffId, user.Caller(), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> RequestInformationAsync(string meetingId, JsonBody body, MeetingService meetings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            var request = body.Read<InformationRequestBody>();
            var added = await meetings.RequestInformationAsync(meetingId, request.Institution, request.Request, user.Caller(), cancellationToken);
            return Results.Json(added, statusCode: StatusCodes.Status201Created);
        }
    }

    private static async Task<IResult> AnswerAsync(string meetingId, string requestId, JsonBody body, MeetingService meetings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            return Results.Ok(await meetings.AnswerAsync(meetingId, requestId, body.Read<InformationAnswer>().Answer, user.Caller(), cancellationToken));
        }
    }

    public sealed record MeetingRequest(string Kind, DateOnly Date, IReadOnlyList<string> CaseIds, IReadOnlyList<string> Members);

    public sealed record MeetingCreated(string MeetingId);

    public sealed record InformationRequestBody(string Institution, string Request);

    public sealed record InformationAnswer(string Answer);
}
