using System.Text.Json;
using Tsunagu.Cases.Packs;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Cases.Routing;

/// <summary>
/// Routes a consultation with the municipality pack's routing.dmn. All policy is in the DMN (the workflow's business-rule
/// task evaluates the same decision); this class validates input, calls the decision and types its result.
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

    /// <summary>Routes with a given pack. Throws <see cref="RoutingValidationException"/> for invalid input, <see cref="RoutingRulesException"/> when the rules fail.</summary>
    public static RoutingResult Route(RoutingRequest request, SamplePack pack)
    {
        RoutingRequestValidator.Validate(request, pack);
        var result = pack.Routing.Evaluate(SamplePack.RoutingDecision, Inputs(request));
        if (result.Value is not FeelContext value)
        {
            throw Failed(pack, result.Diagnostics);
        }

        // Diagnostics alone are not failures: FEEL reports e.g. comparing an unknown age, which just means "no match".
        // A result of the wrong shape (a rule without institution or category) is.
        var referrals = RoutingResultReader.Referrals(value);
        // An area-bound rule yields no institution without an area: that is missing input, not a broken rule.
        if (request.Person.Area is null && referrals.FirstOrDefault(r => RoutingResultReader.Institution(r) is null) is { } unplaced)
        {
            throw new RoutingValidationException("person.area", $"Required: rule {string.Join(", ", RoutingResultReader.Strings(unplaced, "rules"))} routes by 日常生活圏域.");
        }

        return new RoutingResult
        {
            Referrals = [.. referrals.Select(RoutingResultReader.Referral)],
            MultiAgency = RoutingResultReader.Bool(value, "multiAgency"),
            Meeting = RoutingResultReader.String(value, "meeting"),
            DecisionVersion = result.VersionHash,
        };
    }

    private static RoutingRulesException Failed(SamplePack pack, IReadOnlyList<string> diagnostics) =>
        new($"The routing rules of pack '{pack.Municipality.Id}' failed: {string.Join(" | ", diagnostics)}");

    /// <summary>Every field is passed, null when unknown, so the rules never meet a missing context entry.</summary>
    private static Dictionary<string, object?> Inputs(RoutingRequest request) => new(StringComparer.Ordinal)
    {
        ["person"] = Subject(request.Person, new() { ["area"] = request.Person.Area, ["livesAlone"] = request.Person.LivesAlone }),
        ["household"] = request.Household.Select(m => Subject(m, new() { ["relation"] = m.Relation })).ToList(),
        ["consent"] = request.Consent,
    };

    private static Dictionary<string, object?> Subject(RoutingSubject subject, Dictionary<string, object?> fields)
    {
        fields["age"] = subject.Age;
        fields["pregnant"] = subject.Pregnant;
        fields["disability"] = subject.Disability;
        fields["concerns"] = subject.Concerns.ToList();
        return fields;
    }
}
