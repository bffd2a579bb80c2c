using System.Text.Json;
using System.Text.Json.Nodes;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Routing.Rules;
using Tsunagu.Engine;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Casework;

/// <summary>A change to a running case that may change where it is referred.</summary>
public sealed record CaseChange
{
    /// <summary>A concern recorded (e.g. in a note) for a subject: <c>person</c> or <c>household[i]</c>.</summary>
    public (string Subject, string Concern)? NewConcern { get; init; }

    /// <summary>The household as it is now (replaces the recorded one).</summary>
    public JsonArray? Household { get; init; }

    /// <summary>A referral the institution declined, as <c>institution/category</c>.</summary>
    public (string Institution, string Category)? Declined { get; init; }

    /// <summary>Consent to share as it is now (granted, not-granted, withdrawn).</summary>
    public string? Consent { get; init; }
}

public enum ProposalKind
{
    /// <summary>Refer to an institution the case is not referred to yet.</summary>
    New,

    /// <summary>End a referral the rules no longer lead to.</summary>
    Withdrawn,

    /// <summary>Raise the case to 多機関協働.</summary>
    Escalation,

    /// <summary>The meeting kind changes (e.g. consent withdrawn: 支援会議 instead of 重層的支援会議).</summary>
    Meeting,
}

/// <summary>One proposed change to the case's referrals, with the rules and reason that lead there.</summary>
public sealed record ReferralProposal(ProposalKind Kind, string Institution, string Category, IReadOnlyList<string> Rules, string Reason);

/// <summary>What the rules propose after a change, with the routing they decided and its trace; accept it to make the referrals.</summary>
public sealed record ReroutingProposal(string CaseId, IReadOnlyList<ReferralProposal> Changes, RoutingResult Routing, JsonObject Person, JsonArray Household);

/// <summary>
/// Rules keep deciding after intake: re-runs the pack's routing rules over a live case's current facts (its open
/// referrals count for continuity) and proposes the referral changes to the coordinator; accepted proposals are sent to
/// the case as a <see cref="CaseProcess.Messages.ReferralsChanged"/> message, so the process records them.
/// </summary>
public sealed class ReroutingService(ProcessEngine engine, ServedPack pack)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The proposal for <paramref name="change"/> (an empty change: what the rules decide on the case's current facts,
    /// e.g. after a consent change); null when the case has ended. Throws <see cref="CaseInputException"/> for a change
    /// that names no subject of the case, an unknown concern or consent status.
    /// </summary>
    public async Task<ReroutingProposal?> ProposeAsync(string caseId, CaseChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await engine.FindInstanceAsync(CaseProcess.Key, caseId, cancellationToken) is not { EndedAt: null } instance)
        {
            return null;
        }

        var variables = instance.Variables;
        var person = variables.GetValueOrDefault(V.Person)?.DeepClone().AsObject() ?? [];
        var household = change.Household?.DeepClone().AsArray() ?? variables.GetValueOrDefault(V.Household)?.DeepClone().AsArray() ?? [];
        if (change.NewConcern is { } added)
        {
            var subject = Subject(added.Subject, person, household);
            if (!Concern.All.Contains(added.Concern))
            {
                throw new CaseInputException("newConcern.concern", $"'{added.Concern}' is not one of {string.Join(", ", Concern.All)}.");
            }

            var concerns = subject["concerns"]?.AsArray() ?? (JsonArray)(subject["concerns"] = new JsonArray());
            concerns.Add(added.Concern);
        }

        if (change.Consent is { } changed && !CaseFiles.ConsentStatuses.Contains(changed))
        {
            throw new CaseInputException("consent", $"'{changed}' is not one of {string.Join(", ", CaseFiles.ConsentStatuses)}.");
        }

        var consent = change.Consent ?? variables.GetValueOrDefault(V.Consent)?.GetValue<string>();
        var recorded = variables.GetValueOrDefault(V.Routing);
        var current = Current(recorded).Where(r => change.Declined != (r.Institution, r.Category)).ToList();
        var request = RoutingRequestReader.Read(JsonSerializer.SerializeToElement(new JsonObject
        {
            ["municipality"] = pack.Id,
            ["person"] = Contract(person, "area", "livesAlone"),
            ["household"] = new JsonArray([.. household.Select(m => (JsonNode?)Contract(m!.AsObject(), "relation"))]),
            ["consent"] = consent is CaseProcess.Consent.Withdrawn ? ConsentStatus.NotGranted : consent ?? ConsentStatus.Unknown,
        }));
        var routing = RoutingService.Route(request, pack.Current, current.Select(r => new OpenReferral(r.Institution, r.Category)));
        var changes = Changes(routing, current, change.Declined, recorded?["multiAgency"]?.GetValue<bool>() ?? false);
        if (recorded?["meeting"]?.GetValue<string>() is { } meeting && meeting != routing.Meeting)
        {
            changes.Add(new ReferralProposal(ProposalKind.Meeting, "", "", [], $"会議の種類：{meeting} → {routing.Meeting}"));
        }

        return new ReroutingProposal(caseId, changes, routing, person, household);
    }

    /// <summary>The subject a change names: <c>person</c> or <c>household[i]</c> of the case.</summary>
    private static JsonObject Subject(string name, JsonObject person, JsonArray household)
    {
        if (name == "person")
        {
            return person;
        }

        return name.StartsWith("household[", StringComparison.Ordinal) && name.EndsWith(']')
            && int.TryParse(name.AsSpan("household[".Length, name.Length - "household[".Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            && index < household.Count && household[index] is JsonObject member
                ? member
                : throw new CaseInputException("newConcern.subject", $"'{name}' is not a subject of the case: person or household[0..{household.Count - 1}].");
    }

    /// <summary>Makes the proposal's routing the case's referrals; false when the case is no longer active.</summary>
    public Task<bool> AcceptAsync(ReroutingProposal proposal, string acceptedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var routing = JsonNode.Parse(JsonSerializer.Serialize(proposal.Routing, Json))!.AsObject();
        routing["acceptedBy"] = acceptedBy;
        return engine.CorrelateMessageAsync(CaseProcess.Messages.ReferralsChanged, proposal.CaseId, new Dictionary<string, JsonNode?>
        {
            [V.Routing] = routing,
            [V.Person] = proposal.Person.DeepClone(),
            [V.Household] = proposal.Household.DeepClone(),
        }, cancellationToken);
    }

    private static List<ReferralProposal> Changes(RoutingResult routing, List<(string Institution, string Category)> current, (string, string)? declined, bool wasMultiAgency)
    {
        var proposed = routing.Referrals.Where(r => declined != (r.Institution, r.Category)).ToList();
        var changes = proposed.Where(r => !current.Contains((r.Institution, r.Category)))
            .Select(r => new ReferralProposal(ProposalKind.New, r.Institution, r.Category, r.Rules, r.Reason))
            .Concat(current.Where(c => !proposed.Any(r => (r.Institution, r.Category) == c))
                .Select(c => new ReferralProposal(ProposalKind.Withdrawn, c.Institution, c.Category, [], "ルールがこの紹介先を導かなくなった")))
            .ToList();
        if (routing.MultiAgency && !wasMultiAgency || declined is not null && proposed.Count == routing.Referrals.Count - 1 && !routing.MultiAgency)
        {
            var coordination = routing.Referrals.FirstOrDefault(r => r.Category == InstitutionCategory.MultiAgency);
            changes.Add(new ReferralProposal(ProposalKind.Escalation, coordination?.Institution ?? "", InstitutionCategory.MultiAgency,
                coordination?.Rules ?? [StructuralRules.GapRule], coordination?.Reason ?? "紹介先が受けられず、ほかに合う機関がない（制度の狭間）"));
        }

        return changes;
    }

    private static IEnumerable<(string Institution, string Category)> Current(JsonNode? routing) =>
        routing?["referrals"] is JsonArray referrals
            ? referrals.Select(r => (r?["institution"]?.GetValue<string>() ?? "", r?["category"]?.GetValue<string>() ?? ""))
            : [];

    /// <summary>The fields of the routing contract only (a case's person carries more, e.g. a name).</summary>
    private static JsonObject Contract(JsonObject subject, params string[] extra) =>
        new([.. subject.Where(p => extra.Contains(p.Key) || p.Key is "age" or "pregnant" or "disability" or "concerns").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))]);
}
