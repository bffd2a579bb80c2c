using Tsunagu.Cases.Packs;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Cases.Casework;

/// <summary>
/// The case path's decisions for one municipality, read from the pack catalog at each evaluation: a routing deployment
/// reaches the next business-rule task with no second copy of the rules to keep in step.
/// </summary>
public sealed class PackDecisionService(PackCatalog packs, string municipality, TimeProvider time) : IDecisionService
{
    public DecisionOutcome Evaluate(string? modelKey, string decision, FeelContext inputs) =>
        RoutingDecision.Evaluate(packs.Get(municipality), modelKey, decision, inputs, time);
}

/// <summary>Decisions of one fixed pack (e.g. a test or a CLI run); <see cref="PackDecisionService"/> follows deployments instead.</summary>
public sealed class FixedPackDecisionService(SamplePack pack, TimeProvider time) : IDecisionService
{
    public DecisionOutcome Evaluate(string? modelKey, string decision, FeelContext inputs) =>
        RoutingDecision.Evaluate(pack, modelKey, decision, inputs, time);
}
