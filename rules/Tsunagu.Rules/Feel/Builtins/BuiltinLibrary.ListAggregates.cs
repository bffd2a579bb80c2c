using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>
/// Aggregating list functions (DMN 1.5 §10.3.4.4): each takes one list, <c>f([1, 2])</c>, or the items themselves, <c>f(1, 2)</c>.
/// </summary>
internal static partial class BuiltinLibrary
{
    private static void RegisterAggregates(Registry table)
    {
        DefineAggregate(table, "min", call => Extreme(call, -1));
        DefineAggregate(table, "max", call => Extreme(call, 1));
        DefineAggregate(table, "all", call => Logical(call, decisive: false));
        DefineAggregate(table, "any", call => Logical(call, decisive: true));
        DefineAggregate(table, "sum", call => OnNumbers(call, 1, numbers => Sum(numbers)));
        DefineAggregate(table, "mean", call => OnNumbers(call, 1, numbers => FeelNumber.Divide(Sum(numbers), FeelNumber.FromInt64(numbers.Count))));
        DefineAggregate(table, "product", call => OnNumbers(call, 1, numbers => numbers.Aggregate((a, b) => a * b)));
        DefineAggregate(table, "median", call => OnNumbers(call, 1, Median));
        DefineAggregate(table, "stddev", call => OnNumbers(call, 2, StandardDeviation));
        DefineAggregate(table, "mode", call => OnNumbers(call, 0, Mode));
    }

    private static void DefineAggregate(Registry table, string name, Func<BuiltinCall, object?> body) =>
        table.Define(name, ["list"], body, required: 1, variadic: true);

    /// <summary>min (direction -1) or max (+1) by FEEL ordering; values that cannot be ordered give null.</summary>
    private static object? Extreme(BuiltinCall call, int direction)
    {
        if (!call.ListOrItems(out var list))
        {
            return null;
        }

        if (list.Count == 0)
        {
            return call.Fail("the list is empty.");
        }

        var best = list[0];
        foreach (var item in list.Items.Skip(1))
        {
            var order = FeelSemantics.Compare(item, best);
            if (order is null)
            {
                return call.Fail($"cannot compare {FeelSemantics.TypeName(item)} with {FeelSemantics.TypeName(best)}.");
            }

            if (order == direction)
            {
                best = item;
            }
        }

        return best;
    }

    /// <summary>
    /// all (decisive value false) and any (decisive value true) in three-valued logic: one decisive item decides,
    /// otherwise any item that is not a boolean makes the result null.
    /// </summary>
    private static object? Logical(BuiltinCall call, bool decisive)
    {
        if (!call.ListOrItems(out var list))
        {
            return null;
        }

        if (list.Items.Any(item => item is bool b && b == decisive))
        {
            return FeelSemantics.Box(decisive);
        }

        var other = list.Items.FirstOrDefault(item => item is not bool and not null);
        if (other is not null)
        {
            return call.Fail($"items must be booleans, not {FeelSemantics.TypeName(other)}.");
        }

        return list.Items.Contains(null) ? null : FeelSemantics.Box(!decisive);
    }

    /// <summary>Runs a numeric aggregate over at least <paramref name="minimum"/> numbers; anything else in the list gives null.</summary>
    private static object? OnNumbers(BuiltinCall call, int minimum, Func<List<FeelNumber>, object?> body)
    {
        if (!call.ListOrItems(out var list))
        {
            return null;
        }

        var numbers = new List<FeelNumber>(list.Count);
        foreach (var item in list.Items)
        {
            if (item is not FeelNumber number)
            {
                return call.Fail($"items must be numbers, not {FeelSemantics.TypeName(item)}.");
            }

            numbers.Add(number);
        }

        return numbers.Count < minimum
            ? call.Fail($"needs at least {minimum} number(s), got {numbers.Count}.")
            : body(numbers);
    }

    private static FeelNumber Sum(List<FeelNumber> numbers) => numbers.Aggregate(FeelNumber.Zero, (a, b) => a + b);

    private static object? Median(List<FeelNumber> numbers)
    {
        numbers.Sort();
        var middle = numbers.Count / 2;
        return numbers.Count % 2 == 1
            ? numbers[middle]
            : FeelNumber.Divide(numbers[middle - 1] + numbers[middle], FeelNumber.FromInt64(2));
    }

    /// <summary>Sample standard deviation: the squared deviations are divided by n - 1.</summary>
    private static object? StandardDeviation(List<FeelNumber> numbers)
    {
        var count = FeelNumber.FromInt64(numbers.Count);
        if (FeelNumber.Divide(Sum(numbers), count) is not { } mean)
        {
            return null;
        }

        var squares = numbers.Aggregate(FeelNumber.Zero, (total, x) => total + ((x - mean) * (x - mean)));
        return FeelNumber.Divide(squares, count - FeelNumber.One) is { } variance ? FeelNumber.Sqrt(variance) : null;
    }

    /// <summary>The most frequent numbers, ascending; an empty list for an empty input.</summary>
    private static FeelList Mode(List<FeelNumber> numbers)
    {
        var counts = new Dictionary<FeelNumber, int>();
        foreach (var number in numbers)
        {
            counts[number] = counts.GetValueOrDefault(number) + 1;
        }

        var highest = counts.Count == 0 ? 0 : counts.Values.Max();
        return new FeelList([.. counts.Where(p => p.Value == highest).Select(p => p.Key).Order().Select(n => (object?)n)]);
    }
}
