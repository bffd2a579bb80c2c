using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;

namespace Tsunagu.Cases.Routing.Rules;

/// <summary>
/// The input entries tables mostly hold — string lists, <c>not(</c>string list<c>)</c>, booleans, number comparisons
/// with an optional <c>, null</c> — as direct conditions on the fact's typed field, so NRules evaluates them without a
/// FEEL call (and shares equal ones between rows). Other entries stay FEEL. FEEL's semantics are kept: a null input
/// equals no string and compares to no number.
/// </summary>
internal static partial class DirectConditions
{
    private static readonly Dictionary<(Type Fact, string Path), Func<Expression, Expression>> Fields = new()
    {
        [(typeof(SubjectConcern), "subject concern.concern")] = f => Expression.Property(f, nameof(SubjectConcern.Concern)),
        [(typeof(SubjectConcern), "subject concern.subject")] = f => Expression.Property(Subject(f), nameof(Rules.Subject.Label)),
        [(typeof(SubjectConcern), "subject concern.age")] = f => Expression.Property(Subject(f), nameof(Rules.Subject.Age)),
        [(typeof(SubjectConcern), "subject concern.disability")] = f => Expression.Property(Subject(f), nameof(Rules.Subject.Disability)),
        [(typeof(SubjectConcern), "subject concern.area")] = f => Expression.Property(Subject(f), nameof(Rules.Subject.Area)),
        [(typeof(Coordination), "coordination.required")] = f => Expression.Property(f, nameof(Coordination.Required)),
        [(typeof(Coordination), "consent")] = f => Expression.Property(f, nameof(Coordination.Consent)),
    };

    /// <summary>The condition entry <paramref name="text"/> puts on <paramref name="path"/> of <paramref name="fact"/>; null when it is not a simple entry.</summary>
    public static Expression? TryCompile(ParameterExpression fact, string path, string text)
    {
        if (!Fields.TryGetValue((fact.Type, path), out var read))
        {
            return null;
        }

        var field = read(fact);
        var entry = text.Trim();
        if (field.Type == typeof(string))
        {
            return Not().Match(entry) is { Success: true } negated
                ? OneOf(field, negated.Groups[1].Value) is { } inner ? Expression.Not(inner) : null
                : OneOf(field, entry);
        }

        if (field.Type == typeof(bool) && entry is "true" or "false")
        {
            return Expression.Equal(field, Expression.Constant(entry == "true"));
        }

        return field.Type == typeof(int?) ? Comparison(field, entry) : null;
    }

    private static MemberExpression Subject(Expression concern) => Expression.Property(concern, nameof(SubjectConcern.Subject));

    private static Expression? OneOf(Expression field, string entry)
    {
        if (!StringList().IsMatch(entry))
        {
            return null;
        }

        return StringLiteral().Matches(entry)
            .Select(m => (Expression)Expression.Equal(field, Expression.Constant(m.Groups[1].Value)))
            .Aggregate(Expression.OrElse);
    }

    private static BinaryExpression? Comparison(Expression field, string entry)
    {
        if (NumberComparison().Match(entry) is not { Success: true } match)
        {
            return null;
        }

        var bound = Expression.Constant(decimal.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        var value = Expression.Convert(Expression.Property(field, nameof(Nullable<int>.Value)), typeof(decimal));
        var compared = match.Groups[1].Value switch
        {
            "<" => Expression.LessThan(value, bound),
            "<=" => Expression.LessThanOrEqual(value, bound),
            ">" => Expression.GreaterThan(value, bound),
            _ => Expression.GreaterThanOrEqual(value, bound),
        };
        var hasValue = Expression.Property(field, nameof(Nullable<int>.HasValue));
        var known = Expression.AndAlso(hasValue, compared);
        return match.Groups[3].Success ? Expression.OrElse(Expression.Not(hasValue), known) : known;
    }

    [GeneratedRegex("""^"[^"\\]*"(\s*,\s*"[^"\\]*")*$""")]
    private static partial Regex StringList();

    [GeneratedRegex("""^not\((.*)\)$""")]
    private static partial Regex Not();

    [GeneratedRegex("\"([^\"\\\\]*)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex("""^(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?)(\s*,\s*null)?$""")]
    private static partial Regex NumberComparison();
}
