using Tsunagu.Rules.Feel;

namespace Tsunagu.Rules.Dmn.Evaluation;

/// <summary>The outcome of evaluating one decision (or invoking a BKM / decision service), with its explanation.</summary>
public sealed class DecisionResult
{
    private readonly FeelEvaluationContext _context;

    /// <summary>The explanation and diagnostics are read from <paramref name="context"/> when asked for: most callers only want the value.</summary>
    internal DecisionResult(string name, object? value, FeelEvaluationContext context, string versionHash)
    {
        Name = name;
        Value = value;
        _context = context;
        VersionHash = versionHash;
    }

    public string Name { get; }

    /// <summary>The FEEL value: null, bool, FeelNumber, string, FeelList, FeelContext, a temporal value, …</summary>
    public object? Value { get; }

    /// <summary>The decision tables evaluated on the way, with the rules that fired in each.</summary>
    public IReadOnlyList<DecisionTableMatch> Matches => _context.Matches;

    /// <summary>Why something evaluated to null (FEEL errors), in the order they happened.</summary>
    public IReadOnlyList<string> Diagnostics => _context.Diagnostics;

    /// <summary>The model's version hash (sha256 of its canonical XML).</summary>
    public string VersionHash { get; }

    public bool HasErrors => Diagnostics.Count > 0;
}
