using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Temporal;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Compilation;

/// <summary>FEEL arithmetic and comparison (DMN 1.5 §10.3.2.3, tables 45–52). Invalid operands give null and a diagnostic.</summary>
internal static class FeelOperators
{
    private static readonly FeelNumber MinusOne = FeelNumber.FromInt64(-1);

    public static object? Apply(BinaryOp op, object? left, object? right, FeelEvaluationContext context) => op switch
    {
        BinaryOp.Add => Add(left, right, context),
        BinaryOp.Subtract => Subtract(left, right, context),
        BinaryOp.Multiply => Multiply(left, right, context),
        BinaryOp.Divide => Divide(left, right, context),
        BinaryOp.Power => Power(left, right, context),
        _ => Box(CompareOp(op, left, right, context)),
    };

    public static object? Box(bool? value) => value is { } b ? FeelSemantics.Box(b) : null;

    /// <summary>The outcome of a comparison; null (and a diagnostic) when the operands are not comparable.</summary>
    public static bool? CompareOp(BinaryOp op, object? left, object? right, FeelEvaluationContext context)
    {
        if (op is BinaryOp.Equal or BinaryOp.NotEqual)
        {
            var equal = FeelSemantics.Equal(left, right);
            if (equal is null)
            {
                context.Report($"Cannot compare {FeelSemantics.TypeName(left)} and {FeelSemantics.TypeName(right)} for equality.");
            }

            return op is BinaryOp.Equal ? equal : !equal;
        }

        if (FeelSemantics.Compare(left, right) is not { } c)
        {
            context.Report($"Cannot order {FeelSemantics.TypeName(left)} and {FeelSemantics.TypeName(right)}.");
            return null;
        }

        return op switch
        {
            BinaryOp.Less => c < 0,
            BinaryOp.LessOrEqual => c <= 0,
            BinaryOp.Greater => c > 0,
            _ => c >= 0,
        };
    }

    public static object? Add(object? left, object? right, FeelEvaluationContext context)
    {
        switch (left)
        {
            case FeelNumber a when right is FeelNumber b:
                return a + b;
            case string a when right is string b:
                return context.TryString((long)a.Length + b.Length, "'+'") ? string.Concat(a, b) : null;
        }

        return left is not null && right is not null && TemporalOps.TryAdd(left, right, out var result) && result is not null ? result : Invalid("+", left, right, context);
    }

    public static object? Subtract(object? left, object? right, FeelEvaluationContext context)
    {
        if (left is FeelNumber a && right is FeelNumber b)
        {
            return a - b;
        }

        return left is not null && right is not null && TemporalOps.TrySubtract(left, right, out var result) && result is not null ? result : Invalid("-", left, right, context);
    }

    public static object? Multiply(object? left, object? right, FeelEvaluationContext context)
    {
        if (left is FeelNumber a && right is FeelNumber b)
        {
            return a * b;
        }

        return left is not null && right is not null && TemporalOps.TryMultiply(left, right, out var result) && result is not null ? result : Invalid("*", left, right, context);
    }

    public static object? Divide(object? left, object? right, FeelEvaluationContext context)
    {
        if (left is FeelNumber a && right is FeelNumber b)
        {
            return FeelNumber.Divide(a, b) is { } q ? q : context.Null("Division by zero.");
        }

        return left is not null && right is not null && TemporalOps.TryDivide(left, right, out var result) && result is not null ? result : Invalid("/", left, right, context);
    }

    public static object? Power(object? left, object? right, FeelEvaluationContext context) =>
        left is FeelNumber a && right is FeelNumber b
            ? FeelNumber.Power(a, b) is { } p ? p : context.Null($"{a} ** {b} is undefined.")
            : Invalid("**", left, right, context);

    public static object? Negate(object? value, FeelEvaluationContext context) => value switch
    {
        FeelNumber n => -n,
        null => context.Null("Cannot negate null."),
        _ => TemporalOps.TryMultiply(value, MinusOne, out var result) && result is not null ? result : context.Null($"Cannot negate a {FeelSemantics.TypeName(value)}."),
    };

    private static object? Invalid(string op, object? left, object? right, FeelEvaluationContext context) =>
        context.Null($"Operator '{op}' is not defined for {FeelSemantics.TypeName(left)} and {FeelSemantics.TypeName(right)}.");
}
