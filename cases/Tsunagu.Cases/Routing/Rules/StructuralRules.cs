using NRules.Fluent.Dsl;
using NRules.RuleModel;
using HitPolicy = Tsunagu.Rules.Dmn.Model.HitPolicy;
using Rule = NRules.Fluent.Dsl.Rule;

namespace Tsunagu.Cases.Routing.Rules;

/// <summary>
/// The rules around the tables, in firing order (NRules priority, highest first): subjects are expanded before the
/// table rows match them, every row of a stage has fired before the stage's results are collected.
/// </summary>
public static class StructuralRules
{
    public const int Expand = 100;
    public const int TablesOnConcerns = 90;
    public const int Place = 80;
    public const int Continuity = 75;
    public const int Coordinate = 60;
    public const int TablesOnCoordination = 50;
    public const int Merge = 10;

    public const string GapRule = "multi-agency-gap";
    public const string CategoriesRule = "multi-agency-categories";
    public const string ContinuityRule = "continuity";

    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(ExpandHousehold), typeof(RouteConcern), typeof(PreferContinuity),
        typeof(DecideCoordination), typeof(MergeReferrals),
    ];

    /// <summary>The hits of one table for one fact (in table order) as its hit policy keeps them.</summary>
    internal static IReadOnlyList<TableHit> Select(IReadOnlyList<TableHit> ordered)
    {
        if (ordered.Count < 2)
        {
            return ordered;
        }

        return ordered[0].Policy switch
        {
            HitPolicy.First => [ordered[0]],
            HitPolicy.Unique => throw new RoutingRulesException($"Table '{ordered[0].Table}' is UNIQUE but rows {string.Join(", ", ordered.Select(h => h.RuleId))} all match."),
            HitPolicy.Any when ordered.Any(h => !h.Outputs.SequenceEqual(ordered[0].Outputs)) =>
                throw new RoutingRulesException($"Table '{ordered[0].Table}' is ANY but rows {string.Join(", ", ordered.Select(h => h.RuleId))} give different outputs."),
            HitPolicy.Any => [ordered[0]],
            _ => ordered,
        };
    }
}

/// <summary>
/// The person and each household member become subjects (members live in the person's 日常生活圏域), and each concern of
/// a subject a fact of its own: the tables match concerns one by one.
/// </summary>
[Name("expand-household"), Priority(StructuralRules.Expand)]
public sealed class ExpandHousehold : Rule
{
    public override void Define()
    {
        Consultation consultation = null!;
        When().Match(() => consultation);
        Then().Do(ctx => ctx.InsertAll(Concerns(consultation.Request)));
    }

    private static List<SubjectConcern> Concerns(RoutingRequest request)
    {
        var concerns = new List<SubjectConcern>();
        Expand(concerns, new Subject("person", 0, request.Person, request.Person.Area));
        for (var i = 0; i < request.Household.Count; i++)
        {
            Expand(concerns, new Subject($"household[{i}]", i + 1, request.Household[i], request.Person.Area));
        }

        return concerns;
    }

    private static void Expand(List<SubjectConcern> concerns, Subject subject)
    {
        for (var i = 0; i < subject.Concerns.Count; i++)
        {
            concerns.Add(new SubjectConcern(subject, subject.Concerns[i], i));
        }
    }
}

/// <summary>
/// The <c>concern routing</c> rows that matched a concern become placements, their target resolved to the institutions
/// of the catalogue by 日常生活圏域; a concern no row routes, or no institution serves, is 制度の狭間 (多機関協働); each
/// <c>coordination concerns</c> row that matched it raises 多機関協働 under the row's rule name. One firing per concern
/// (NRules' cost is per firing); the triggers name the concern and row that raised them, so the trace still says why.
/// </summary>
[Name("route-concern"), Priority(StructuralRules.Place)]
public sealed class RouteConcern : Rule
{
    public override void Define()
    {
        SubjectConcern concern = null!;
        InstitutionCatalogue catalogue = null!;
        Dependency().Resolve(() => catalogue);
        When().Match(() => concern);
        Then().Do(ctx => Place(ctx, concern, catalogue));
    }

    private static void Place(IContext context, SubjectConcern concern, InstitutionCatalogue catalogue)
    {
        var selected = StructuralRules.Select(concern.Hits.Of(RoutingTables.ConcernRouting));
        var gap = selected.Count == 0;
        foreach (var hit in selected)
        {
            var target = hit.Output("institution");
            var candidates = target is null ? [] : catalogue.Candidates(target, concern.Subject.Area);
            gap |= candidates is { Count: 0 };
            var institution = candidates is null ? null : candidates.Count == 1 ? candidates[0] : target;
            context.Insert(new Placement(hit, institution, candidates ?? [], concern.Subject.Label, concern.Concern, (0, concern.Subject.Index, concern.Index, hit.Row, 0)));
        }

        if (gap)
        {
            context.Insert(new CoordinationTrigger(StructuralRules.GapRule, concern));
        }

        foreach (var hit in concern.Hits.Of(RoutingTables.CoordinationConcerns))
        {
            context.Insert(new CoordinationTrigger(hit.Output("rule") ?? hit.RuleId, concern, hit.RuleId));
        }
    }
}

/// <summary>Continuity: among the institutions a placement may go to, the one already supporting the person for that category.</summary>
[Name(StructuralRules.ContinuityRule), Priority(StructuralRules.Continuity)]
public sealed class PreferContinuity : Rule
{
    public override void Define()
    {
        Placement placement = null!;
        OpenReferral open = null!;
        When().Match(() => placement, p => p.Institution != null)
            .Match(() => open, o => o.Category == placement.Category, o => o.Institution != placement.Institution, o => placement.Candidates.Contains(o.Institution));
        Then().Do(ctx => Continue(ctx, placement, open));
    }

    private static void Continue(IContext context, Placement placement, OpenReferral open)
    {
        placement.Institution = open.Institution;
        placement.Rules.Add(StructuralRules.ContinuityRule);
        context.Update(placement);
    }
}

/// <summary>
/// Whether 多機関協働 is required, in one firing once continuity has chosen among candidates: the household's placements
/// and the triggers are collected together; placements meeting in two or more categories raise
/// <c>multi-agency-categories</c> (listed first), then the triggers' rule names by subject and concern. The trace shows
/// both collections, so the decision and its reasons stay visible.
/// </summary>
[Name("decide-coordination"), Priority(StructuralRules.Coordinate)]
public sealed class DecideCoordination : Rule
{
    public override void Define()
    {
        Consultation consultation = null!;
        IEnumerable<Placement> placements = null!;
        IEnumerable<CoordinationTrigger> triggers = null!;
        When().Match(() => consultation)
            .Query(() => placements, q => q.Match<Placement>().Collect())
            .Query(() => triggers, q => q.Match<CoordinationTrigger>().Collect());
        Then().Do(ctx => ctx.Insert(Decide(consultation, new HouseholdPlacements(placements), triggers)));
    }

    private static Coordination Decide(Consultation consultation, HouseholdPlacements household, IEnumerable<CoordinationTrigger> triggers)
    {
        var several = household.SeveralCategories;
        var rules = triggers.OrderBy(t => t.Order).Select(t => t.Rule);
        rules = several ? rules.Prepend(StructuralRules.CategoriesRule) : rules;
        return new Coordination(several || triggers.Any(), [.. rules.Distinct(StringComparer.Ordinal)], consultation.Request.Consent, household);
    }
}

/// <summary>
/// The referrals and the meeting, in one firing once the coordination tables' rows have fired: the <c>coordination
/// referral</c> row adds the coordinating institution for every concern row and coordination rule, the placements merge
/// into one referral per (institution, category) in the order the rows first led there, keeping every subject and
/// rule; the <c>meeting</c> row decides the meeting kind (重層的支援会議 needs consent to share).
/// </summary>
[Name("merge-referrals"), Priority(StructuralRules.Merge)]
public sealed class MergeReferrals : Rule
{
    public override void Define()
    {
        Coordination coordination = null!;
        When().Match(() => coordination);
        Then().Do(ctx => ctx.Insert(new RoutingDecision(Merge(Refer(coordination)), Meeting(coordination))));
    }

    private static List<Placement> Refer(Coordination coordination)
    {
        var household = coordination.Household;
        var routed = new List<Placement>(household.Placements);
        foreach (var hit in StructuralRules.Select(coordination.Hits.Of(RoutingTables.CoordinationReferral)))
        {
            var institution = hit.Output("institution");
            foreach (var placement in household.Placements)
            {
                var (_, subject, concern, row, _) = placement.Order;
                for (var i = 0; i < coordination.Rules.Count; i++)
                {
                    routed.Add(new Placement(hit, institution, institution is null ? [] : [institution], placement.Subject, placement.Concern, (1, subject, concern, row, i))
                    {
                        Rules = [coordination.Rules[i]],
                        Service = null,
                    });
                }
            }
        }

        return [.. routed.OrderBy(p => p.Order)];
    }

    private static List<MergedReferral> Merge(List<Placement> placements) =>
        [.. placements.GroupBy(p => (p.Institution, p.Category)).Select(g => new MergedReferral([.. g]))];

    private static string? Meeting(Coordination coordination) =>
        StructuralRules.Select(coordination.Hits.Of(RoutingTables.Meeting)) is [var hit, ..] ? hit.Output(RoutingTables.Meeting) ?? "" : null;
}
