using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Compilation;
using Tsunagu.Rules.Feel.Values;
using static Tsunagu.Rules.Dmn.Evaluation.DecisionTableCompiler;

namespace Tsunagu.Rules.Dmn.Evaluation;

/// <summary>One evaluation of a table, kept until its explanation is read: the matched rules as bits, or indices past 64 rules.</summary>
internal readonly record struct TableFiring(TablePlan Plan, ulong Bits, int[]? Indices);

/// <summary>A compiled decision table: finds the matching rules with bit masks, then applies the hit policy.</summary>
internal sealed class TablePlan(
    DecisionTable table,
    string owner,
    Evaluator[] inputs,
    int[] inputSlots,
    TestEvaluator?[] inputValues,
    TableColumn[] columns,
    Evaluator[][] outputs,
    object?[][] literals,
    object?[]?[] outputValues,
    Evaluator?[] defaults,
    FeelType?[] outputTypes,
    MatchedRule[] rules)
{
    /// <summary>Marks an output entry that is not a literal: it is evaluated (and checked) on every match.</summary>
    public static readonly object NotLiteral = new();

    private readonly int _words = Words(rules.Length);

    /// <summary>Literal output entries, checked against their output values and type once; <see cref="NotLiteral"/> where the check must run per match.</summary>
    private readonly object?[][] _literals = [.. literals.Select(row => row.Select((literal, output) => Checked(literal, outputValues[output], outputTypes[output])).ToArray())];
    private readonly string[] _outputNames = [.. table.Outputs.Select((o, i) => o.Name ?? $"output{i + 1}")];

    public object? Evaluate(Env env)
    {
        var context = env.Context;
        var buffer = default(InputBuffer);
        var values = inputs.Length <= InputBuffer.Length ? ((Span<object?>)buffer)[..inputs.Length] : new object?[inputs.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = inputSlots[i] >= 0 ? env.Slots[inputSlots[i]] : inputs[i](env);
            if (inputValues[i] is { } allowed && values[i] is not null && allowed(values[i], env) != true)
            {
                return context.Null($"{owner}: input '{table.Inputs[i].InputExpression.Text}' = {FeelSemantics.ToFeelString(values[i])} is not among its input values.");
            }
        }

        Span<ulong> alive = _words <= 32 ? stackalloc ulong[_words] : new ulong[_words];
        Span<ulong> column = _words <= 32 ? stackalloc ulong[_words] : new ulong[_words];
        alive.Fill(ulong.MaxValue);
        if ((rules.Length & 63) != 0)
        {
            alive[^1] = (1UL << (rules.Length & 63)) - 1;
        }

        for (var c = 0; c < columns.Length && !IsEmpty(alive); c++)
        {
            columns[c].Match(values[c], alive, column, env);
            And(alive, column);
        }

        if (table.HitPolicy == HitPolicy.First)
        {
            // FIRST applies only the first matching rule: the others neither fire nor have their outputs evaluated.
            KeepFirst(alive);
        }

        var count = Count(alive);
        Span<int> matched = count <= 64 ? stackalloc int[count] : new int[count];
        Matched(alive, matched);
        // The explanation is described when read: the matched rules as a bit mask (or their indices in a wide table).
        context.Record(new TableFiring(this, _words == 1 ? alive[0] : 0, _words == 1 ? null : matched.ToArray()));
        return Apply(matched, env);
    }

    /// <summary>The rules that fired, as the explanation shows them.</summary>
    public DecisionTableMatch Describe(TableFiring firing)
    {
        MatchedRule[] explanation;
        if (firing.Indices is { } indices)
        {
            explanation = [.. indices.Select(i => rules[i])];
        }
        else
        {
            explanation = new MatchedRule[System.Numerics.BitOperations.PopCount(firing.Bits)];
            var next = 0;
            for (var bits = firing.Bits; bits != 0; bits &= bits - 1)
            {
                explanation[next++] = rules[System.Numerics.BitOperations.TrailingZeroCount(bits)];
            }
        }

        return new DecisionTableMatch(owner, table.Id, table.RuleAnnotationClauses, explanation);
    }

    private static int Count(Span<ulong> alive)
    {
        var count = 0;
        foreach (var word in alive)
        {
            count += System.Numerics.BitOperations.PopCount(word);
        }

        return count;
    }

    /// <summary>Clears every bit after the lowest set one.</summary>
    private static void KeepFirst(Span<ulong> alive)
    {
        var found = false;
        for (var w = 0; w < alive.Length; w++)
        {
            alive[w] = found ? 0 : alive[w] & (~alive[w] + 1);
            found |= alive[w] != 0;
        }
    }

    /// <summary>The indices of the set bits, in rule order.</summary>
    private static void Matched(Span<ulong> alive, Span<int> matched)
    {
        var next = 0;
        for (var w = 0; w < alive.Length; w++)
        {
            for (var bits = alive[w]; bits != 0; bits &= bits - 1)
            {
                matched[next++] = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
            }
        }
    }

    private object? Apply(ReadOnlySpan<int> matched, Env env)
    {
        var context = env.Context;
        if (matched.Length == 0)
        {
            return Default(env);
        }

        var results = new object?[matched.Length];
        for (var i = 0; i < results.Length; i++)
        {
            if (!TryOutput(matched[i], env, out results[i]))
            {
                return null;
            }
        }

        switch (table.HitPolicy)
        {
            case HitPolicy.Unique:
                return results.Length == 1 ? results[0] : context.Null($"{owner}: {results.Length} rules matched in a UNIQUE table (rules {Numbers(matched)}).");
            case HitPolicy.Any:
                return AllEqual(results)
                    ? results[0]
                    : context.Null($"{owner}: rules {Numbers(matched)} of an ANY table give different outputs.");
            case HitPolicy.First:
                return results[0];
            case HitPolicy.Priority:
                return results[PriorityOrder(matched.ToArray(), env)[0]];
            case HitPolicy.OutputOrder:
                return new FeelList([.. PriorityOrder(matched.ToArray(), env).Select(i => results[i])]);
            case HitPolicy.RuleOrder:
                return new FeelList(results);
            default:
                return Aggregate(results, context);
        }
    }

    private static bool AllEqual(object?[] results)
    {
        foreach (var result in results)
        {
            if (FeelSemantics.Equal(result, results[0]) != true)
            {
                return false;
            }
        }

        return true;
    }

    private object? Default(Env env)
    {
        if (defaults.All(d => d is null))
        {
            return table.HitPolicy is HitPolicy.Collect && table.Aggregation is Aggregation.Count ? FeelNumber.Zero
                : table.HitPolicy is HitPolicy.Collect or HitPolicy.RuleOrder or HitPolicy.OutputOrder && table.Aggregation is Aggregation.None ? FeelList.Empty
                : null;
        }

        return Shape(i => defaults[i]?.Invoke(env));
    }

    private object? Shape(Func<int, object?> valueOf) =>
        outputs.Length == 0 || table.Outputs.Count == 1
            ? valueOf(0)
            : FeelContext.Create(_outputNames.Select((n, i) => new KeyValuePair<string, object?>(n, valueOf(i))));

    /// <summary>A rule's result: with one output clause its value, with no per-rule array or context; else a context of all outputs.</summary>
    private bool TryOutput(int rule, Env env, out object? result) =>
        table.Outputs.Count == 1 ? TryOutputEntry(rule, 0, env, out result) : TryOutputContext(rule, env, out result);

    private bool TryOutputContext(int rule, Env env, out object? result)
    {
        var entries = outputs[rule];
        var values = new object?[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            if (!TryOutputEntry(rule, i, env, out values[i]))
            {
                result = null;
                return false;
            }
        }

        result = Shape(i => values[i]);
        return true;
    }

    /// <summary>One output entry of a rule, checked against its output values and conformed to its type; false (and a diagnostic) when it is not allowed.</summary>
    private bool TryOutputEntry(int rule, int output, Env env, out object? value)
    {
        value = _literals[rule][output];
        if (!ReferenceEquals(value, NotLiteral))
        {
            return true;
        }

        value = outputs[rule][output](env);
        if (outputValues[output] is { } allowed && value is not null && !IsAllowed(allowed, value))
        {
            env.Context.Report($"{owner}: rule {rule + 1} gives {FeelSemantics.ToFeelString(value)}, which is not among the output values.");
            value = null;
            return false;
        }

        if (!FeelConformance.TryConform(value, outputTypes[output], out value))
        {
            env.Context.Report($"{owner}: rule {rule + 1} output does not conform to type '{outputTypes[output]!.Name}'.");
            return false;
        }

        return true;
    }

    private static object? Checked(object? literal, object?[]? allowed, FeelType? type) =>
        ReferenceEquals(literal, NotLiteral) || (literal is not null && allowed is not null && !IsAllowed(allowed, literal))
            ? NotLiteral
            : FeelConformance.TryConform(literal, type, out var conformed) ? conformed : NotLiteral;

    private static bool IsAllowed(object?[] allowed, object value)
    {
        foreach (var candidate in allowed)
        {
            if (FeelSemantics.Equal(candidate, value) == true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Indexes into <paramref name="matched"/>, highest priority first (earlier in the output values list wins; ties keep rule order).</summary>
    private int[] PriorityOrder(int[] matched, Env env)
    {
        var ranks = matched.Select(rule => outputs[rule].Select((e, i) => Rank(i, e(env))).ToArray()).ToArray();
        var order = Enumerable.Range(0, matched.Length).ToArray();
        return [.. order.OrderBy(i => ranks[i], RankComparer.Instance)];
    }

    private int Rank(int output, object? value)
    {
        if (outputValues[output] is not { } list)
        {
            return 0;
        }

        var index = Array.FindIndex(list, v => FeelSemantics.Equal(v, value) == true);
        return index < 0 ? int.MaxValue : index;
    }

    private object? Aggregate(object?[] results, FeelEvaluationContext context)
    {
        switch (table.Aggregation)
        {
            case Aggregation.None:
                return new FeelList(results);
            case Aggregation.Count:
                return FeelNumber.FromInt64(results.Length);
            case Aggregation.Sum:
                var sum = FeelNumber.Zero;
                foreach (var r in results)
                {
                    if (r is not FeelNumber n)
                    {
                        return context.Null($"{owner}: C+ needs numeric outputs.");
                    }

                    sum += n;
                }

                return sum;
            default:
                var best = results[0];
                var sign = table.Aggregation == Aggregation.Min ? -1 : 1;
                foreach (var r in results.Skip(1))
                {
                    if (FeelSemantics.Compare(r, best) is not { } c)
                    {
                        return context.Null($"{owner}: outputs are not comparable.");
                    }

                    best = c * sign > 0 ? r : best;
                }

                return best;
        }
    }

    private static string Numbers(ReadOnlySpan<int> matched) => string.Join(", ", matched.ToArray().Select(m => m + 1));

    private static bool IsEmpty(Span<ulong> bits)
    {
        foreach (var w in bits)
        {
            if (w != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void And(Span<ulong> target, Span<ulong> mask)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] &= mask[i];
        }
    }

    /// <summary>Room for the input values of a table of up to eight inputs, on the stack.</summary>
    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct InputBuffer
    {
        public const int Length = 8;
        private object? _value;
    }

    private sealed class RankComparer : IComparer<int[]>
    {
        public static readonly RankComparer Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            for (var i = 0; i < x!.Length; i++)
            {
                var c = x[i].CompareTo(y![i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }
    }
}
