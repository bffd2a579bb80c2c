using System.Security.Claims;
using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Routing;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>
/// Rules keep deciding after intake: coordinators see what the routing rules propose for a live case (its current
/// facts, or a change such as a new concern) with the explanation, and accept it. A case they may not see is 404.
/// </summary>
public static class ReroutingEndpoints
{
    public static void MapReroutingEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases/{caseId}/rerouting");
        cases.MapGet("/proposals", PendingAsync).WithName("PendingRerouting")
            .WithSummary("What the rules propose on the case's current facts (e.g. after a consent change); no changes: nothing pending")
            .Produces<ProposalView>().RequireAuthorization(Policies.Coordination).Audited("case.rerouting.pending", "再ルーティング提案の確認");
        cases.MapPost("/proposals", ProposeAsync).WithName("ProposeRerouting")
            .WithSummary("What the rules propose for a change: a new concern, the household as it is now, a declined referral, consent")
            .Accepts<CaseChangeRequest>("application/json").Produces<ProposalView>()
            .RequireAuthorization(Policies.Coordination).Audited("case.rerouting.propose", "再ルーティング提案の作成");
        cases.MapPost("/accept", AcceptAsync).WithName("AcceptRerouting")
            .WithSummary("Make the proposal for a change (none: the pending one) the case's referrals")
            .Accepts<AcceptReroutingRequest>("application/json").Produces<ProposalView>()
            .RequireAuthorization(Policies.Coordination).Audited("case.rerouting.accept", "再ルーティング提案の承認");
    }

    private static async Task<IResult> PendingAsync(string caseId, CaseRerouting rerouting, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Results.Ok(View(await rerouting.ProposeAsync(caseId, new CaseChange(), user.Caller(), cancellationToken)));

    private static async Task<IResult> ProposeAsync(string caseId, JsonBody body, CaseRerouting rerouting, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            var change = body.Read<CaseChangeRequest>().ToChange();
            return Results.Ok(View(await rerouting.ProposeAsync(caseId, change, user.Caller(), cancellationToken)));
        }
    }

    private static async Task<IResult> AcceptAsync(string caseId, JsonBody body, CaseRerouting rerouting, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            var request = body.Read<AcceptReroutingRequest>();
            var proposal = await rerouting.AcceptAsync(caseId, request.Change?.ToChange() ?? new CaseChange(), request.DecisionVersion, user.Caller(), cancellationToken);
            return Results.Ok(View(proposal));
        }
    }

    private static ProposalView View(ReroutingProposal proposal) => new(
        proposal.CaseId,
        proposal.Routing.DecisionVersion,
        [.. proposal.Changes.Select(c => new ProposedChange(c.Kind.ToString().ToLowerInvariant(), c.Institution, c.Category, c.Rules, c.Reason))],
        proposal.Routing.Referrals,
        proposal.Routing.MultiAgency,
        proposal.Routing.Meeting,
        proposal.Routing.Trace);

    /// <summary>The body of a proposal: every member optional, an empty object asks for the pending proposal.</summary>
    public sealed record CaseChangeRequest(NewConcern? NewConcern = null, JsonArray? Household = null, DeclinedReferral? Declined = null, string? Consent = null)
    {
        internal CaseChange ToChange() => new()
        {
            NewConcern = NewConcern is { } added ? (added.Subject, added.Concern) : null,
            Household = Household,
            Declined = Declined is { } declined ? (declined.Institution, declined.Category) : null,
            Consent = Consent,
        };
    }

    /// <summary>A concern recorded for <c>person</c> or <c>household[i]</c>.</summary>
    public sealed record NewConcern(string Subject, string Concern);

    public sealed record DeclinedReferral(string Institution, string Category);

    /// <summary>The change reviewed (none: the pending proposal) and the routing version it was proposed with.</summary>
    public sealed record AcceptReroutingRequest(CaseChangeRequest? Change = null, string? DecisionVersion = null);

    /// <summary>One proposed change: <c>new</c>, <c>withdrawn</c>, <c>escalation</c> or <c>meeting</c>, with the rules and reason.</summary>
    public sealed record ProposedChange(string Kind, string Institution, string Category, IReadOnlyList<string> Rules, string Reason);

    /// <summary>The proposed changes and the routing they come from, with its explanation (the rules that fired).</summary>
    public sealed record ProposalView(
        string CaseId,
        string DecisionVersion,
        IReadOnlyList<ProposedChange> Changes,
        IReadOnlyList<Referral> Referrals,
        bool MultiAgency,
        string Meeting,
        IReadOnlyList<RoutingTraceEntry> Trace);
}
