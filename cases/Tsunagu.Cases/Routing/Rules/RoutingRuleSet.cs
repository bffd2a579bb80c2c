using System.Collections;
using NRules;
using NRules.Diagnostics;
using NRules.Fluent;
using Tsunagu.Cases.Packs;
using Tsunagu.Rules.Dmn;

namespace Tsunagu.Cases.Routing.Rules;

/// <summary>
/// A pack's routing as one NRules rule set: the structural rules and the routing tables' rows, compiled once per
/// deployed routing.dmn. Sessions are not thread-safe, so every routing runs in a session of its own.
/// </summary>
public sealed class RoutingRuleSet
{
    private readonly ISessionFactory _factory;
    private readonly InstitutionCatalogue _catalogue;

    private RoutingRuleSet(ISessionFactory factory, InstitutionCatalogue catalogue)
    {
        _factory = factory;
        _catalogue = catalogue;
    }

    /// <summary>Compiles the tables of <paramref name="model"/> with the structural rules; throws <see cref="PackException"/> for a table that cannot be compiled.</summary>
    public static RoutingRuleSet Compile(DmnModel model, IReadOnlyList<Institution> institutions)
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(StructuralRules.Types));
        var rules = repository.GetRules().Concat(RoutingTables.Compile(model));
        return new RoutingRuleSet(new RuleCompiler().Compile(rules), new InstitutionCatalogue(institutions));
    }

    /// <summary>Runs the rules over one consultation and the person's open referrals (for continuity).</summary>
    public RoutingOutcome Run(RoutingRequest request, IEnumerable<OpenReferral>? openReferrals = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = _factory.CreateSession();
        var trace = new List<RoutingTraceEntry>();
        session.Events.RuleFiredEvent += (_, e) => trace.Add(Trace(e));
        session.Insert(new Consultation(request));
        session.Insert(_catalogue);
        session.InsertAll(openReferrals ?? []);
        session.Fire();
        return new RoutingOutcome(
            [.. session.Query<MergedReferral>().OrderBy(r => r.Index)],
            session.Query<Coordination>().Single(),
            session.Query<MeetingDecision>().SingleOrDefault()?.Kind,
            [.. session.Query<TableHit>().OrderBy(h => h.Table, StringComparer.Ordinal).ThenBy(h => h.Row)],
            trace);
    }

    private static RoutingTraceEntry Trace(AgendaEventArgs fired) => new()
    {
        Rule = fired.Rule.Name,
        Table = fired.Rule.Tags.Count > 0 ? fired.Rule.Tags[0] : null,
        Facts = [.. fired.Facts.Where(f => f.Value is not InstitutionCatalogue).Select(f => $"{f.Declaration.Name}: {Describe(f.Value)}")],
    };

    private static string Describe(object? value) => value switch
    {
        string s => s,
        IEnumerable items => $"[{string.Join("; ", items.Cast<object?>().Select(i => i?.ToString()))}]",
        _ => value?.ToString() ?? "null",
    };
}

/// <summary>What the rules decided for one consultation, before it is checked and typed as a <see cref="RoutingResult"/>.</summary>
public sealed record RoutingOutcome(
    IReadOnlyList<MergedReferral> Referrals, Coordination Coordination, string? Meeting, IReadOnlyList<TableHit> Hits, IReadOnlyList<RoutingTraceEntry> Trace);
