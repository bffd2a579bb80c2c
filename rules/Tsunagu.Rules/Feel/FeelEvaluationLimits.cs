namespace Tsunagu.Rules.Feel;

/// <summary>
/// What one evaluation may spend, so a hostile or careless model cannot take the host's memory or time (ADR 0010).
/// Going over a limit is an evaluation error: the operation gives null and a diagnostic names the limit.
/// </summary>
public sealed record FeelEvaluationLimits
{
    public static FeelEvaluationLimits Default { get; } = new();

    /// <summary>Iterations of for/some/every and filters, items handed to built-ins, and function calls, together.</summary>
    public long MaxIterations { get; init; } = 1_000_000;

    /// <summary>Items in one list made by a range, a for, or a built-in.</summary>
    public int MaxListLength { get; init; } = 1_000_000;

    /// <summary>Characters in one string made by concatenation or a built-in.</summary>
    public int MaxStringLength { get; init; } = 1_000_000;

    /// <summary>Wall-clock time from the first iteration; checked every <see cref="FeelEvaluationContext.ClockInterval"/> iterations.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(2);
}
