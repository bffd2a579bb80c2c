using System.Collections.Concurrent;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Execution;

/// <summary>
/// Decisions for business-rule tasks from deployed DMN models, by model key. Redeploying a key replaces the model for
/// later evaluations; results carry the version hash of the model that produced them.
/// </summary>
public sealed class DmnDecisionService(TimeProvider? time = null) : IDecisionService
{
    private readonly ConcurrentDictionary<string, DmnModel> _models = new(StringComparer.Ordinal);

    /// <summary>Deploys (or replaces) the model under <paramref name="key"/>.</summary>
    public void Deploy(string key, DmnModel model) => _models[key] = model;

    public IReadOnlyDictionary<string, DmnModel> Models => _models;

    public DecisionOutcome Evaluate(string? modelKey, string decision, FeelContext inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var model = modelKey is not null
            ? _models.GetValueOrDefault(modelKey) ?? throw new DecisionNotFoundException($"No DMN model deployed as '{modelKey}'.")
            : _models.Values.FirstOrDefault(m => m.DecisionNames.Contains(decision)) ?? throw new DecisionNotFoundException($"No deployed DMN model has a decision '{decision}'.");
        return Evaluate(model, modelKey, decision, inputs, time);
    }

    /// <summary>Evaluates <paramref name="decision"/> of <paramref name="model"/> (deployed as <paramref name="modelKey"/>) for a business-rule task.</summary>
    public static DecisionOutcome Evaluate(DmnModel model, string? modelKey, string decision, FeelContext inputs, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        if (!model.DecisionNames.Contains(decision))
        {
            throw new DecisionNotFoundException($"DMN model '{modelKey}' has no decision '{decision}'.");
        }

        var result = model.Evaluate(decision, inputs.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal), time);
        return new DecisionOutcome(result.Value, result.VersionHash, result.Matches, result.Diagnostics);
    }
}
