using Tsunagu.Rules.Dmn.Evaluation;

namespace Tsunagu.Rules.Feel;

/// <summary>Per-evaluation state: the clock and the diagnostics collected so far. Not thread-safe; one per evaluation.</summary>
public sealed class FeelEvaluationContext
{
    private List<string>? _diagnostics;
    private TableFiring? _firstFiring;
    private List<TableFiring>? _moreFirings;
    private List<DecisionTableMatch>? _matches;

    public FeelEvaluationContext(TimeProvider? time = null, FeelEvaluationLimits? limits = null)
    {
        Time = time ?? TimeProvider.System;
        Limits = limits ?? FeelEvaluationLimits.Default;
    }

    public TimeProvider Time { get; }

    public FeelEvaluationLimits Limits { get; }

    /// <summary>The clock is read once per this many iterations: often enough to stop promptly, rarely enough to cost nothing.</summary>
    public const int ClockInterval = 1024;

    private long _steps;
    private long _started;
    private bool _exhausted;

    public IReadOnlyList<string> Diagnostics => (IReadOnlyList<string>?)_diagnostics ?? [];

    /// <summary>The decision tables evaluated so far, with the rules that fired (described when first read).</summary>
    public IReadOnlyList<DecisionTableMatch> Matches => _matches ??= Describe();

    /// <summary>Most evaluations fire one table: it is kept without a list.</summary>
    internal void Record(TableFiring firing)
    {
        if (_firstFiring is null)
        {
            _firstFiring = firing;
        }
        else
        {
            (_moreFirings ??= []).Add(firing);
        }

        _matches = null;
    }

    private List<DecisionTableMatch> Describe()
    {
        var matches = new List<DecisionTableMatch>(1 + (_moreFirings?.Count ?? 0));
        if (_firstFiring is { } first)
        {
            matches.Add(first.Plan.Describe(first));
            foreach (var firing in _moreFirings ?? [])
            {
                matches.Add(firing.Plan.Describe(firing));
            }
        }

        return matches;
    }

    /// <summary>Records why an expression produced null (FEEL's "error → null" rule).</summary>
    public void Report(string message) => (_diagnostics ??= []).Add(message);

    /// <summary>How deeply user functions, BKMs and decision services may call each other before the call gives null.</summary>
    public const int MaxCallDepth = 200;

    private int _depth;

    /// <summary>Enters a function call, which also spends an iteration; false (nothing entered) when calls nest too deeply, the stack runs low or the budget is spent.</summary>
    internal bool TryEnter()
    {
        if (!TryNest())
        {
            return false;
        }

        if (TryStep())
        {
            return true;
        }

        _depth--;
        return false;
    }

    /// <summary>Enters a required decision: nesting like a call, but free of the budget, as each decision is evaluated once.</summary>
    internal bool TryNest()
    {
        if (_depth >= MaxCallDepth)
        {
            Report($"Function calls nest more than {MaxCallDepth} deep (unbounded recursion?).");
            return false;
        }

        // Only nesting can run the stack low; the outermost decision skips the check, which reads thread-local state.
        if (_depth > 0 && !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Report("Function calls nest too deeply for the stack (unbounded recursion?).");
            return false;
        }

        _depth++;
        return true;
    }

    internal void Exit() => _depth--;

    /// <summary>Spends one iteration of the budget; false (reported once) when the iterations or the time are used up.</summary>
    internal bool TryStep() => TryCharge(1);

    /// <summary>Spends <paramref name="count"/> iterations at once (the items a built-in will walk).</summary>
    internal bool TryCharge(long count)
    {
        if (_exhausted)
        {
            return false;
        }

        var before = _steps;
        _steps += count;
        if (_steps > Limits.MaxIterations)
        {
            return Exhaust($"The evaluation needs more than {Limits.MaxIterations} iterations (limit MaxIterations).");
        }

        if (before == 0)
        {
            _started = Time.GetTimestamp();
        }
        else if (before / ClockInterval != _steps / ClockInterval && Time.GetElapsedTime(_started) > Limits.MaxDuration)
        {
            return Exhaust($"The evaluation takes longer than {Limits.MaxDuration} (limit MaxDuration).");
        }

        return true;
    }

    /// <summary>False, with a diagnostic, when a list of <paramref name="count"/> items would exceed the list limit.</summary>
    internal bool TryList(long count, string what)
    {
        if (count <= Limits.MaxListLength)
        {
            return true;
        }

        Report($"{what} would have {count} items, more than {Limits.MaxListLength} (limit MaxListLength).");
        return false;
    }

    /// <summary>False, with a diagnostic, when a string of <paramref name="length"/> characters would exceed the string limit.</summary>
    internal bool TryString(long length, string what)
    {
        if (length <= Limits.MaxStringLength)
        {
            return true;
        }

        Report($"{what} would have {length} characters, more than {Limits.MaxStringLength} (limit MaxStringLength).");
        return false;
    }

    /// <summary>True once the iterations or the time ran out: the evaluation's result is then null, whatever parts of it completed.</summary>
    internal bool Exhausted => _exhausted;

    private bool Exhaust(string message)
    {
        _exhausted = true;
        Report(message);
        return false;
    }

    /// <summary>Reports and returns null, for the common "invalid → null" path.</summary>
    public object? Null(string message)
    {
        Report(message);
        return null;
    }
}
