using System.Text.Json;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing.Rules;

namespace Tsunagu.Cases.Routing;

/// <summary>
/// Routes a consultation with the municipality pack's routing rules: the routing.dmn tables compiled into NRules rules
/// with the structural rules (the workflow's business-rule task runs the same rule set). This class validates input,
/// runs the rules and types their result.
/// </summary>
public sealed class RoutingService(PackCatalog packs)
{
    /// <summary>Routes JSON input (the contract of <c>tsunagu route</c> and POST /api/routing/evaluate).</summary>
    public RoutingResult Route(JsonElement input) => Route(RoutingRequestReader.Read(input));

    public RoutingResult Route(RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!packs.Contains(request.Municipality))
        {
            throw new RoutingValidationException("municipality", $"There is no pack '{request.Municipality}'.");
        }

        return Route(request, packs.Get(request.Municipality));
    }

    /// <summary>
    /// Routes with a given pack, preferring institutions in <paramref name="openReferrals"/> (continuity). Throws
    /// <see cref="RoutingValidationException"/> for invalid input, <see cref="RoutingRulesException"/> when the rules fail.
    /// </summary>
    public static RoutingResult Route(RoutingRequest request, SamplePack pack, IEnumerable<OpenReferral>? openReferrals = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        RoutingRequestValidator.Validate(request, pack);
        var outcome = pack.RoutingRules.Run(request, openReferrals);
        // An area-bound rule yields no institution without an area: that is missing input, not a broken rule.
        if (request.Person.Area is null && outcome.Referrals.FirstOrDefault(r => r.Institution is null) is { } unplaced)
        {
            throw new RoutingValidationException("person.area", $"Required: rule {string.Join(", ", unplaced.Rules)} routes by 日常生活圏域.");
        }

        return new RoutingResult
        {
            Referrals = [.. outcome.Referrals.Select(Referral)],
            MultiAgency = outcome.Coordination.Required,
            Meeting = outcome.Meeting ?? throw new RoutingRulesException($"The meeting table of pack '{pack.Municipality.Id}' matched no row for {outcome.Coordination}."),
            DecisionVersion = pack.Routing.VersionHash,
            Trace = outcome.Trace,
        };
    }

    private static Referral Referral(MergedReferral referral) => new()
    {
        Institution = referral.Institution ?? throw new RoutingRulesException($"Rule {string.Join(", ", referral.Rules)} gave no institution."),
        Category = referral.Category,
        Subject = referral.Subject,
        Subjects = referral.Subjects,
        Concerns = referral.Concerns,
        Rules = referral.Rules,
        Reason = referral.Reason,
        Service = referral.Service,
    };
}
