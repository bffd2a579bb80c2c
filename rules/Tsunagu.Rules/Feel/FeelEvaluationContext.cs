using Tsunagu.Rules.Dmn.Evaluation;

namespace Tsunagu.Rules.Feel;

/// <summary>Per-evaluation state: the clock and the diagnostics collected so far. Not thread-safe; one per evaluation.</summary>
public sealed class FeelEvaluationContext
{
    private List<string>? _diagnostics;
    private List<DecisionTableMatch>? _matches;

    public FeelEvaluationContext(TimeProvider? time = null) => Time = time ?? TimeProvider.System;

    public TimeProvider Time { get; }

    public IReadOnlyList<string> Diagnostics => (IReadOnlyList<string>?)_diagnostics ?? [];

    /// <summary>The decision tables evaluated so far, with the rules that fired.</summary>
    public IReadOnlyList<DecisionTableMatch> Matches => (IReadOnlyList<DecisionTableMatch>?)_matches ?? [];

    internal void Record(DecisionTableMatch match) => (_matches ??= []).Add(match);

    /// <summary>Records why an expression produced null (FEEL's "error → null" rule).</summary>
    public void Report(string message) => (_diagnostics ??= []).Add(message);

    /// <summary>Reports and returns null, for the common "invalid → null" path.</summary>
    public object? Null(string message)
    {
        Report(message);
        return null;
    }
}
