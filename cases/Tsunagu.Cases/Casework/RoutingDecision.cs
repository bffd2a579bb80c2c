using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Routing.Rules;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Cases.Casework;

/// <summary>
/// 紹介先判定 on the case path: decision <see cref="SamplePack.RoutingDecision"/> runs the pack's routing rule set over
/// the case's variables (person, household, consent) and returns the routing as a FEEL value with its trace. Other
/// decisions of the routing model are evaluated as DMN.
/// </summary>
public static class RoutingDecision
{
    public static DecisionOutcome Evaluate(SamplePack pack, string? modelKey, string decision, FeelContext inputs, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(inputs);
        if (modelKey is not (null or CaseProcess.RoutingModel))
        {
            throw new DecisionNotFoundException($"No DMN model deployed as '{modelKey}'.");
        }

        if (decision != SamplePack.RoutingDecision)
        {
            return DmnDecisionService.Evaluate(pack.Routing, modelKey, decision, inputs, time);
        }

        var outcome = pack.RoutingRules.Run(Request(pack.Municipality.Id, inputs));
        var matches = outcome.Hits.GroupBy(h => h.Table, StringComparer.Ordinal)
            .Select(g => new DecisionTableMatch(g.Key, g.Key, [], [.. g.Select(h => new MatchedRule(h.Row + 1, h.RuleId, []))]))
            .ToList();
        return new DecisionOutcome(Value(outcome), pack.Routing.VersionHash, matches, []);
    }

    /// <summary>The routing request in the case's variables (the shapes of the routing contract, values as FEEL).</summary>
    public static RoutingRequest Request(string municipality, FeelContext variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var person = Entry(variables, "person") as FeelContext ?? FeelContext.Empty;
        return new RoutingRequest
        {
            Municipality = municipality,
            Person = Fill(new RoutingPerson { Area = Entry(person, "area") as string, LivesAlone = Entry(person, "livesAlone") is true }, person),
            Household = Entry(variables, "household") is FeelList members
                ? [.. members.Items.OfType<FeelContext>().Select(m => Fill(new HouseholdMember { Relation = Entry(m, "relation") as string }, m))]
                : [],
            Consent = Entry(variables, "consent") as string ?? ConsentStatus.Unknown,
        };
    }

    private static T Fill<T>(T subject, FeelContext fields) where T : RoutingSubject => subject with
    {
        Age = Entry(fields, "age") is FeelNumber n && n.TryToInt32(out var age) ? age : null,
        Disability = Entry(fields, "disability") as string ?? DisabilityKind.None,
        Pregnant = Entry(fields, "pregnant") is true,
        Concerns = Entry(fields, "concerns") is FeelList concerns ? [.. concerns.Items.OfType<string>()] : [],
    };

    private static FeelContext Value(RoutingOutcome outcome) => FeelContext.Create(
    [
        new("referrals", new FeelList([.. outcome.Referrals.Select(Referral)])),
        new("multiAgency", outcome.Coordination.Required),
        new("meeting", outcome.Meeting),
        new("trace", new FeelList([.. outcome.Trace.Select(t => (object?)FeelContext.Create(
        [
            new("rule", t.Rule), new("table", t.Table), new("facts", Strings(t.Facts)),
        ]))])),
    ]);

    private static object? Referral(MergedReferral referral) => FeelContext.Create(
    [
        new("institution", referral.Institution),
        new("category", referral.Category),
        new("subject", referral.Subject),
        new("subjects", Strings(referral.Subjects)),
        new("concerns", Strings(referral.Concerns)),
        new("rules", Strings(referral.Rules)),
        new("reason", referral.Reason),
        new("service", referral.Service),
    ]);

    private static FeelList Strings(IEnumerable<string> values) => new([.. values]);

    private static object? Entry(FeelContext context, string name) => context.TryGet(name, out var value) ? value : null;
}
