using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Temporal;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Compilation;

internal static partial class Compiler
{
    private static Evaluator CompileList(ListNode node, Scope scope)
    {
        if (node.Items.Count == 0)
        {
            return Constant(FeelList.Empty);
        }

        var items = node.Items.Select(i => Compile(i, scope)).ToArray();
        return env =>
        {
            var values = new object?[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                values[i] = items[i](env);
            }

            return new FeelList(values);
        };
    }

    private static Evaluator CompileContext(ContextNode node, Scope scope)
    {
        var keys = node.Entries.Select(e => e.Key).ToArray();
        var duplicate = keys.GroupBy(k => k).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FeelSyntaxException($"Duplicate context entry '{duplicate.Key}'.", node.Position);
        }

        var inner = new Scope(scope, keys);
        var values = node.Entries.Select((e, i) => Compile(e.Value, EntryScope(inner, i, e.Value is FunctionNode))).ToArray();
        return env =>
        {
            var frame = new Env(env, new object?[keys.Length], env.Context);
            var entries = new KeyValuePair<string, object?>[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                var value = values[i](frame);
                frame.Slots[i] = value;
                entries[i] = new(keys[i], value);
            }

            return FeelContext.Create(entries);
        };
    }

    /// <summary>
    /// The scope of context entry <paramref name="index"/>. Its own name is visible only to a function (for recursion): in
    /// <c>{a: a}</c> the value is the outer <c>a</c>, not the entry being defined. The slot is hidden, not removed, so
    /// the other names keep their slot indexes, and the names are shared, so a wide context costs no copy per entry.
    /// </summary>
    public static Scope EntryScope(Scope entries, int index, bool isFunction) =>
        isFunction ? entries : new Scope(entries.Parent, entries.Names, entries.Dynamic) { TypeResolver = entries.TypeResolver, Hidden = index };

    private static Evaluator CompileRange(RangeNode node, Scope scope)
    {
        if (TryConstantRange(node, out var constant))
        {
            return Constant(constant);
        }

        var start = node.Start is null ? null : Compile(node.Start, scope);
        var end = node.End is null ? null : Compile(node.End, scope);
        return env =>
        {
            var s = start?.Invoke(env);
            var e = end?.Invoke(env);
            if (s is not null && e is not null && FeelSemantics.Compare(s, e) is null)
            {
                return env.Context.Null($"Range endpoints {FeelSemantics.TypeName(s)} and {FeelSemantics.TypeName(e)} are not comparable.");
            }

            return new FeelRange(s, node.StartIncluded, false, e, node.EndIncluded, false);
        };
    }

    /// <summary>A range whose endpoints are comparable literals (<c>[18..64]</c>), built once at compile time.</summary>
    private static bool TryConstantRange(Node node, out FeelRange range)
    {
        if (node is RangeNode { Start: { } start, End: { } end } literal
            && TryConstant(start, out var s) && TryConstant(end, out var e) && s is not null && e is not null && FeelSemantics.Compare(s, e) is not null)
        {
            range = new FeelRange(s, literal.StartIncluded, false, e, literal.EndIncluded, false);
            return true;
        }

        range = null!;
        return false;
    }

    public static object? Member(object? value, string member, FeelEvaluationContext context)
    {
        switch (value)
        {
            case null:
                return context.Null($"Cannot read '{member}' of null.");
            case FeelContext c:
                return c.TryGet(member, out var v) ? v : context.Null($"The context has no entry '{member}'.");
            case FeelList list:
                var mapped = new object?[list.Count];
                for (var i = 0; i < mapped.Length; i++)
                {
                    mapped[i] = Member(list[i], member, context);
                }

                return new FeelList(mapped);
            case FeelRange r:
                return member switch
                {
                    "start" => r.Start,
                    "end" => r.End,
                    "start included" => FeelSemantics.Box(r.StartIncluded),
                    "end included" => FeelSemantics.Box(r.EndIncluded),
                    _ => context.Null($"A range has no property '{member}'."),
                };
        }

        return TemporalOps.TryGetProperty(value, member, out var property)
            ? property
            : context.Null($"A {FeelSemantics.TypeName(value)} has no property '{member}'.");
    }

    private static object? FilterConstant(object? value, object? predicate, FeelEvaluationContext context)
    {
        var list = value as FeelList ?? (value is null ? null : new FeelList([value]));
        return list is null ? null : predicate switch
        {
            FeelNumber index => Index(list, index, context),
            true => list,
            false => FeelList.Empty,
            _ => context.Null("A filter must be a number or a boolean."),
        };
    }

    private static object? Index(FeelList list, FeelNumber index, FeelEvaluationContext context)
    {
        if (!index.TryToInt32(out var i) || i == 0 || Math.Abs((long)i) > list.Count)
        {
            return context.Null($"Index {index} is outside a list of {list.Count}.");
        }

        return list[i > 0 ? i - 1 : list.Count + i];
    }

    private static Evaluator CompileFor(ForNode node, Scope scope)
    {
        var (domains, inner) = CompileIterations(node.Iterations, scope, extra: "partial");
        var body = Compile(node.Body, inner);
        return env =>
        {
            var results = new List<object?>();
            var outcome = Iterate(env, domains, inner.Names.Count, frame =>
            {
                if (!env.Context.TryList(results.Count + 1L, "The result of a for"))
                {
                    return false;
                }

                frame.Slots[^1] = new FeelList(new Prefix(results, results.Count));
                results.Add(body(frame));
                return true;
            });
            return outcome == IterationOutcome.Completed ? new FeelList(results) : null;
        };
    }

    private static Evaluator CompileQuantified(QuantifiedNode node, Scope scope)
    {
        var (domains, inner) = CompileIterations(node.Iterations, scope, extra: null);
        var condition = Compile(node.Condition, inner);
        var every = node.Every;
        return env =>
        {
            // As the boxed forms do, every item is tested: one non-boolean makes the whole result an error (DMN 1.5 §10.3.2.13).
            var satisfied = every;
            var outcome = Iterate(env, domains, inner.Names.Count, frame =>
            {
                if (condition(frame) is not bool b)
                {
                    env.Context.Report($"The satisfies clause of '{(every ? "every" : "some")}' must give a boolean.");
                    return false;
                }

                satisfied = every ? satisfied && b : satisfied || b;
                return true;
            });
            return outcome == IterationOutcome.Completed ? FeelSemantics.Box(satisfied) : null;
        };
    }

    private static (Func<Env, IReadOnlyList<object?>?>[] Domains, Scope Inner) CompileIterations(IReadOnlyList<Iteration> iterations, Scope scope, string? extra)
    {
        var names = iterations.Select(i => i.Name).ToList();
        if (extra is not null)
        {
            names.Add(extra);
        }

        // A domain is evaluated in the iteration frame, so it sees the variables of the iterations before it.
        var inner = new Scope(scope, names);
        var domains = new Func<Env, IReadOnlyList<object?>?>[iterations.Count];
        for (var i = 0; i < iterations.Count; i++)
        {
            var domain = Compile(iterations[i].Domain, inner);
            var end = iterations[i].RangeEnd is { } e ? Compile(e, inner) : null;
            domains[i] = end is null ? env => Domain(domain(env), env.Context) : env => IntegerRange(domain(env), end(env), true, true, env.Context);
        }

        return (domains, inner);
    }

    private static IReadOnlyList<object?>? Domain(object? value, FeelEvaluationContext context)
    {
        switch (value)
        {
            case FeelList list:
                return list.Items;
            case FeelRange { StartUnbounded: false, EndUnbounded: false } r:
                return IntegerRange(r.Start, r.End, r.StartIncluded, r.EndIncluded, context);
            case null:
                context.Report("Cannot iterate over null.");
                return null;
            default:
                return [value];
        }
    }

    private static List<object?>? IntegerRange(object? from, object? to, bool startIncluded, bool endIncluded, FeelEvaluationContext context)
    {
        if (from is not FeelNumber a || to is not FeelNumber b || !a.TryToInt64(out var start) || !b.TryToInt64(out var end))
        {
            context.Report("An iteration range needs integer endpoints.");
            return null;
        }

        var step = start <= end ? 1 : -1;
        start += startIncluded ? 0 : step;
        end -= endIncluded ? 0 : step;
        // Refused before a single item is made: the size is known from the endpoints.
        if (!context.TryList(long.CreateSaturating(Int128.Abs((Int128)end - start) + 1), "An iteration range"))
        {
            return null;
        }

        var values = new List<object?>();
        for (var i = start; step > 0 ? i <= end : i >= end; i += step)
        {
            values.Add(FeelNumber.FromInt64(i));
        }

        return values;
    }

    private enum IterationOutcome
    {
        Completed,
        Stopped,
        Invalid,
    }

    /// <summary>Runs <paramref name="visit"/> over the cartesian product of the domains until it returns false.</summary>
    private static IterationOutcome Iterate(Env env, Func<Env, IReadOnlyList<object?>?>[] domains, int slots, Func<Env, bool> visit)
    {
        var frame = new Env(env, new object?[slots], env.Context);
        return Level(0);

        IterationOutcome Level(int level)
        {
            if (level == domains.Length)
            {
                if (!env.Context.TryStep())
                {
                    return IterationOutcome.Invalid;
                }

                // A fresh frame per iteration: a function defined in the body must keep its own values.
                return visit(new Env(env, (object?[])frame.Slots.Clone(), env.Context)) ? IterationOutcome.Completed : IterationOutcome.Stopped;
            }

            var values = domains[level](frame);
            if (values is null)
            {
                return IterationOutcome.Invalid;
            }

            foreach (var value in values)
            {
                frame.Slots[level] = value;
                var outcome = Level(level + 1);
                if (outcome != IterationOutcome.Completed)
                {
                    return outcome;
                }
            }

            return IterationOutcome.Completed;
        }
    }

    /// <summary>
    /// <c>partial</c>: the first <paramref name="count"/> results of a growing, append-only list. A view, not a copy, so
    /// a long <c>for</c> stays linear.
    /// </summary>
    private sealed class Prefix(List<object?> items, int count) : IReadOnlyList<object?>
    {
        public int Count => count;

        public object? this[int index] => (uint)index < (uint)count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<object?> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return items[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
