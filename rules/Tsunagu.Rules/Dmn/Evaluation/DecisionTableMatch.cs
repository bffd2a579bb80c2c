namespace Tsunagu.Rules.Dmn.Evaluation;

/// <summary>One rule that fired: its 1-based number as shown in the designer, its id, and its annotation entries (in annotation-clause order).</summary>
public sealed record MatchedRule(int Number, string? Id, IReadOnlyList<string> Annotations);

/// <summary>Which rules of a decision table fired during an evaluation: the explanation shown as "why this result".</summary>
public sealed record DecisionTableMatch(string Owner, string? TableId, IReadOnlyList<string> AnnotationClauses, IReadOnlyList<MatchedRule> Rules);
