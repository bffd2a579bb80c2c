using Tsunagu.Cases.Casework;

namespace Tsunagu.Cases.Privacy;

/// <summary>
/// Re-routing a live case for a caller: the case must be visible to them (<see cref="CaseFiles"/>), else it does not
/// exist. Proposals are computed, not stored: accepting recomputes the proposal for the same change, refused when the
/// rules were redeployed since the caller saw it.
/// </summary>
public sealed class CaseRerouting(CaseFiles files, ReroutingService rerouting)
{
    /// <summary>What the rules propose for <paramref name="change"/>; an empty change gives what is pending on the case's current facts.</summary>
    public async Task<ReroutingProposal> ProposeAsync(string caseId, CaseChange change, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await files.EnsureVisibleAsync(caseId, caller, cancellationToken);
        return await rerouting.ProposeAsync(caseId, change, cancellationToken) ?? throw Ended();
    }

    /// <summary>
    /// Makes the proposal for <paramref name="change"/> the case's referrals. <paramref name="decisionVersion"/>, when
    /// given, is the routing version the caller reviewed: a proposal from other rules is refused.
    /// </summary>
    public async Task<ReroutingProposal> AcceptAsync(string caseId, CaseChange change, string? decisionVersion, Caller caller, CancellationToken cancellationToken)
    {
        var proposal = await ProposeAsync(caseId, change, caller, cancellationToken);
        if (decisionVersion is not null && decisionVersion != proposal.Routing.DecisionVersion)
        {
            throw new CaseRuleException("decisionVersion", $"The routing rules changed since the proposal ({decisionVersion} → {proposal.Routing.DecisionVersion}); review it again.");
        }

        if (proposal.Changes.Count == 0)
        {
            throw new CaseRuleException("change", "The rules propose no change to the case's referrals.");
        }

        return await rerouting.AcceptAsync(proposal, caller.Id, cancellationToken) ? proposal : throw Ended();
    }

    private static CaseRuleException Ended() => new("caseId", "The case has ended; its referrals can no longer change.");
}
