using System.Collections;
using NRules;
using NRules.Diagnostics;
using NRules.Fluent;
using NRules.RuleModel;
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

    private RoutingRuleSet(ISessionFactory factory, InstitutionCatalogue catalogue)
    {
        // The catalogue is the same for every routing: a dependency of the factory, not a fact each session joins.
        factory.DependencyResolver = new CatalogueResolver(catalogue);
        _factory = factory;
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
        var trace = new RoutingTrace();
        session.Events.RuleFiredEvent += (_, e) => trace.Record(e);
        session.Insert(new Consultation(request));
        session.InsertAll(openReferrals ?? []);
        session.Fire();
        return Collect(session, trace);
    }

    /// <summary>The outcome from working memory in one pass (session queries are IQueryable: a LINQ operator on them compiles an expression).</summary>
    private static RoutingOutcome Collect(ISession session, RoutingTrace trace)
    {
        var hits = new List<TableHit>();
        Coordination? coordination = null;
        RoutingDecision? routed = null;
        foreach (var fact in session.Query<object>().AsEnumerable())
        {
            switch (fact)
            {
                case RoutingDecision decision:
                    routed = routed is null ? decision : throw new RoutingRulesException("The rules decided the referrals twice.");
                    break;
                case Coordination decided:
                    coordination = coordination is null ? decided : throw new RoutingRulesException("The rules decided coordination twice.");
                    hits.AddRange(decided.Hits);
                    break;
                case SubjectConcern concern:
                    hits.AddRange(concern.Hits);
                    break;
            }
        }

        hits.Sort((a, b) => string.CompareOrdinal(a.Table, b.Table) is var byTable and not 0 ? byTable : a.Row.CompareTo(b.Row));
        return new RoutingOutcome(
            routed?.Referrals ?? [], coordination ?? throw new RoutingRulesException("The rules decided no coordination."), routed?.Meeting, hits, trace);
    }
}

/// <summary>Resolves the pack's institution catalogue for the rules that declare it as a dependency.</summary>
internal sealed class CatalogueResolver(InstitutionCatalogue catalogue) : NRules.Extensibility.IDependencyResolver
{
    public object Resolve(NRules.Extensibility.IResolutionContext context, Type serviceType) =>
        serviceType == typeof(InstitutionCatalogue) ? catalogue : throw new RoutingRulesException($"The routing rules have no dependency of type {serviceType.Name}.");
}

/// <summary>
/// The rules that fired with the facts they matched, described only when read: most routings (a 試算, a bench) never
/// read it. Mutable facts and collections are captured as they were when the rule fired.
/// </summary>
internal sealed class RoutingTrace : IReadOnlyList<RoutingTraceEntry>
{
    private readonly List<(IRuleDefinition Rule, (string Name, object? Value)[] Facts)> _fired = [];
    private RoutingTraceEntry[]? _entries;

    public int Count => _fired.Count;

    public RoutingTraceEntry this[int index] => Entries[index];

    private RoutingTraceEntry[] Entries => _entries ??= [.. _fired.Select(Describe)];

    public void Record(AgendaEventArgs fired)
    {
        var facts = new List<(string, object?)>(4);
        foreach (var fact in fired.Facts)
        {
            facts.Add((fact.Declaration.Name, Capture(fact.Value)));
        }

        _fired.Add((fired.Rule, [.. facts]));
        _entries = null;
    }

    public IEnumerator<RoutingTraceEntry> GetEnumerator() => ((IEnumerable<RoutingTraceEntry>)Entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static object? Capture(object? value) => value switch
    {
        Placement placement => new PlacementState(placement, placement.Institution),
        string => value,
        IEnumerable items => CaptureAll(items),
        _ => value,
    };

    /// <summary>NRules keeps adding to a collection it has matched; the trace shows it as it was.</summary>
    private static object?[] CaptureAll(IEnumerable items)
    {
        var captured = new List<object?>();
        foreach (var item in items)
        {
            captured.Add(Capture(item));
        }

        return [.. captured];
    }

    /// <summary>Continuity changes a placement's institution after it was matched.</summary>
    private sealed record PlacementState(Placement Placement, string? Institution)
    {
        public override string ToString() => Placement.Describe(Institution);
    }

    private static RoutingTraceEntry Describe((IRuleDefinition Rule, (string Name, object? Value)[] Facts) fired) => new()
    {
        Rule = fired.Rule.Name,
        Table = fired.Rule.Tags.Count > 0 ? fired.Rule.Tags[0] : null,
        Facts = [.. fired.Facts.Select(f => $"{f.Name}: {Describe(f.Value)}")],
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
