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

    /// <summary>How deeply user functions, BKMs and decision services may call each other before the call gives null.</summary>
    public const int MaxCallDepth = 200;

    private int _depth;

    /// <summary>Enters a function call; false (nothing entered) when calls nest too deeply or the stack runs low.</summary>
    internal bool TryEnter()
    {
        if (_depth >= MaxCallDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Report($"Function calls nest more than {MaxCallDepth} deep (unbounded recursion?).");
            return false;
        }

        _depth++;
        return true;
    }

    internal void Exit() => _depth--;

    /// <summary>Reports and returns null, for the common "invalid → null" path.</summary>
    public object? Null(string message)
    {
        Report(message);
        return null;
    }
}
