using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Extensibility;

/// <summary>The outcome of a business-rule task's decision, with its explanation.</summary>
public sealed record DecisionOutcome(object? Value, string VersionHash, IReadOnlyList<DecisionTableMatch> Matches, IReadOnlyList<string> Diagnostics);

/// <summary>Evaluates a deployed DMN decision for business-rule tasks and assignment decisions.</summary>
public interface IDecisionService
{
    DecisionOutcome Evaluate(string? modelKey, string decision, FeelContext inputs);
}
