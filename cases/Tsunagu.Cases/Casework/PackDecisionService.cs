using Tsunagu.Cases.Packs;
using Tsunagu.Engine.Execution;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Cases.Casework;

/// <summary>
/// The case path's decisions for one municipality, read from the pack catalog at each evaluation: a routing deployment
/// reaches the next business-rule task with no second copy of the rules to keep in step.
/// </summary>
public sealed class PackDecisionService(PackCatalog packs, string municipality, TimeProvider time) : IDecisionService
{
    public DecisionOutcome Evaluate(string? modelKey, string decision, FeelContext inputs) =>
        modelKey is null or CaseProcess.RoutingModel
            ? DmnDecisionService.Evaluate(packs.Get(municipality).Routing, modelKey, decision, inputs, time)
            : throw new DecisionNotFoundException($"No DMN model deployed as '{modelKey}'.");
}
