using System.Security.Claims;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.People;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>Casework on a case: the people it is about (search, the duplicate check at intake) and its timeline.</summary>
public static class CaseworkEndpoints
{
    public static void MapCaseworkEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/people", SearchPeopleAsync).WithName("SearchPeople")
            .WithSummary("People by カナ, 氏名 or 生年月日 (yyyy-MM-dd), each with only the cases the caller may see")
            .Produces<IReadOnlyList<PersonView>>().CaseData("person.search", "本人の検索（重複確認）");
        api.MapGet("/cases/{caseId}/timeline", TimelineAsync).WithName("CaseTimeline")
            .WithSummary("The case's history in time order: intake, routing, tasks, consent, plan, meetings, monitoring, end")
            .Produces<IReadOnlyList<TimelineEntry>>().RequireAuthorization(Policies.SignedIn).Audited("case.timeline", "ケース経過の閲覧");
    }

    private static async Task<IResult> SearchPeopleAsync(string? q, PeopleService people, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Results.Ok(await people.SearchAsync(q, user.Caller(), cancellationToken));

    private static async Task<IResult> TimelineAsync(string caseId, CaseFiles files, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Results.Ok(await files.TimelineAsync(caseId, user.Caller(), cancellationToken));
}
