using Tsunagu.Rules.Feel.Temporal;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>The numeric functions of DMN 1.5 §10.3.4.5.</summary>
internal static partial class BuiltinLibrary
{
    /// <summary>Scale limits of DMN 1.5 §10.3.4.5 (the decimal128 exponent range).</summary>
    private const int MinScale = -6111;
    private const int MaxScale = 6176;

    private static readonly FeelNumber Two = FeelNumber.FromInt64(2);

    static partial void RegisterNumeric(Registry table)
    {
        // TCK 1100-feel-decimal-function expects decimal(1/3, 2.5) = 0.33, so decimal truncates a fractional scale.
        table.Add("decimal", ["n", "scale"], (args, context) => RoundToScale("decimal", args, FeelRounding.HalfEven, truncateScale: true, context));
        AddRounding(table, "floor", FeelRounding.Floor, required: 1);
        AddRounding(table, "ceiling", FeelRounding.Ceiling, required: 1);
        AddRounding(table, "round up", FeelRounding.Up, required: 2);
        AddRounding(table, "round down", FeelRounding.Down, required: 2);
        AddRounding(table, "round half up", FeelRounding.HalfUp, required: 2);
        AddRounding(table, "round half down", FeelRounding.HalfDown, required: 2);
        table.Add("abs", ["n"], (args, context) => args[0] switch
        {
            YearsMonthsDuration d => d.Abs(),
            DaysTimeDuration d => d.Abs(),
            _ => TryNumber("abs", "n", args[0], context, out var n) ? n.Abs() : null,
        });
        table.Add("modulo", ["dividend", "divisor"], Modulo);
        table.Add("sqrt", ["number"], (args, context) => Unary("sqrt", "number", args[0], FeelNumber.Sqrt, "is negative", context));
        table.Add("log", ["number"], (args, context) => Unary("log", "number", args[0], FeelNumber.Ln, "is not positive", context));
        table.Add("exp", ["number"], (args, context) => Unary("exp", "number", args[0], FeelNumber.Exp, "is too large", context));
        table.Add("odd", ["number"], (args, context) => Parity("odd", args[0], odd: true, context));
        table.Add("even", ["number"], (args, context) => Parity("even", args[0], odd: false, context));
    }

    /// <summary>Registers <c>name(n, scale)</c>; with <paramref name="required"/> 1 the scale may be omitted (meaning 0).</summary>
    private static void AddRounding(Registry table, string name, FeelRounding mode, int required) =>
        table.Add(name, ["n", "scale"], (args, context) => RoundToScale(name, args, mode, truncateScale: false, context), required);

    private static FeelNumber? RoundToScale(string function, object?[] args, FeelRounding mode, bool truncateScale, FeelEvaluationContext context)
    {
        if (!TryNumber(function, "n", args[0], context, out var n))
        {
            return null;
        }

        var scale = 0;
        if (args.Length > 1 && !TryScale(function, args[1], truncateScale, context, out scale))
        {
            return null;
        }

        return n.Round(scale, mode);
    }

    private static object? Unary(string function, string parameter, object? value, Func<FeelNumber, FeelNumber?> operation, string undefined, FeelEvaluationContext context)
    {
        if (!TryNumber(function, parameter, value, context, out var n))
        {
            return null;
        }

        var result = operation(n);
        return result.HasValue ? result.Value : context.Null($"{function}: {parameter} {n} {undefined}.");
    }

    private static object? Modulo(object?[] args, FeelEvaluationContext context)
    {
        if (!TryNumber("modulo", "dividend", args[0], context, out var dividend)
            || !TryNumber("modulo", "divisor", args[1], context, out var divisor))
        {
            return null;
        }

        var result = FeelNumber.Modulo(dividend, divisor);
        return result.HasValue ? result.Value : context.Null("modulo: divisor is zero.");
    }

    private static object? Parity(string function, object? value, bool odd, FeelEvaluationContext context)
    {
        if (!TryNumber(function, "number", value, context, out var n))
        {
            return null;
        }

        if (!n.IsInteger)
        {
            return context.Null($"{function}: number {n} is not an integer.");
        }

        var isOdd = FeelNumber.Modulo(n, Two) != FeelNumber.Zero;
        return FeelSemantics.Box(isOdd == odd);
    }

    private static bool TryNumber(string function, string parameter, object? value, FeelEvaluationContext context, out FeelNumber number)
    {
        if (value is FeelNumber n)
        {
            number = n;
            return true;
        }

        context.Report($"{function}: {parameter} must be a number, not {FeelSemantics.TypeName(value)}.");
        number = default;
        return false;
    }

    private static bool TryScale(string function, object? value, bool truncate, FeelEvaluationContext context, out int scale)
    {
        scale = 0;
        if (!TryNumber(function, "scale", value, context, out var number))
        {
            return false;
        }

        if (truncate)
        {
            number = number.Round(0, FeelRounding.Down);
        }

        if (number.TryToInt32(out scale) && scale is >= MinScale and <= MaxScale)
        {
            return true;
        }

        context.Report($"{function}: scale must be an integer from {MinScale} to {MaxScale}, not {number}.");
        return false;
    }
}
