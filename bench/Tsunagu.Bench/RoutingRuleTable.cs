using NRules;
using Tsunagu.Cases.Routing.Rules;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Bench;

/// <summary>
/// The bench table on NRules, as routing compiles its tables: one rule per row (FEEL unary tests as conditions, the
/// simple kinds as direct ones where routing knows the field — none here), a new session per evaluation, the matched
/// rows' outputs in table order.
/// </summary>
internal sealed class RoutingRuleTable
{
    private readonly ISessionFactory _factory;

    public RoutingRuleTable(DmnModel model)
    {
        var table = (DecisionTable)model.Definitions.Decisions.Single(d => d.Name == RoutingScenario.Decision).Expression!;
        var probe = new Applicant(RoutingScenario.People(1, seed: 1)[0]);
        _factory = new RuleCompiler().Compile(RoutingTables.CompileTable(RoutingScenario.Decision, table, probe, priority: 0));
    }

    public FeelList Evaluate(IReadOnlyDictionary<string, object?> person)
    {
        var session = _factory.CreateSession();
        var applicant = new Applicant(person);
        session.Insert(applicant);
        session.Fire();
        return new FeelList([.. applicant.Hits.Of(RoutingScenario.Decision).Select(h => h.Outputs.Values.Single())]);
    }

    /// <summary>Fails loudly unless the rules give what the if chain gives for many varied people.</summary>
    public void Verify()
    {
        foreach (var person in RoutingScenario.People(2000, seed: 7))
        {
            if (FeelSemantics.Equal(Evaluate(person), RoutingIfChain.Evaluate(person)) != true)
            {
                throw new InvalidOperationException($"NRules and if chain disagree: {FeelSemantics.ToFeelString(Evaluate(person))} vs {FeelSemantics.ToFeelString(RoutingIfChain.Evaluate(person))}.");
            }
        }
    }

    /// <summary>A person as a fact: the table's input expressions are the input names.</summary>
    private sealed class Applicant(IReadOnlyDictionary<string, object?> inputs) : ITableInput
    {
        public FeelContext Variables => FeelContext.Create(inputs);

        public bool TryRead(string path, out object? value) => inputs.TryGetValue(path, out value);

        public TableHits Hits { get; } = new();
    }
}
