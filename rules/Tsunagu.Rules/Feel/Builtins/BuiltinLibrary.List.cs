using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>List functions (DMN 1.5 §10.3.4.4) that shape lists; the aggregates are in BuiltinLibrary.ListAggregates.cs.</summary>
internal static partial class BuiltinLibrary
{
    static partial void RegisterList(Registry table)
    {
        table.Define("list contains", ["list", "element"], call => OnList(call, list => FeelSemantics.Box(list.Items.Any(item => Same(item, call[1])))));
        table.Define("count", ["list"], call => OnList(call, list => BuiltinCall.Number(list.Count)));
        table.Define("sublist", ["list", "start position", "length"], Sublist, required: 2);
        table.Define("append", ["list", "item"], call => OnList(call, list => new FeelList([.. list.Items, .. call.Args.Skip(1)])), required: 1, variadic: true);
        table.Define("concatenate", ["list"], call => Lists(call, lists => new FeelList([.. lists.SelectMany(l => l.Items)])), required: 1, variadic: true);
        table.Define("insert before", ["list", "position", "newItem"], call => AtPosition(call, (items, at) => items.Insert(at, call[2])));
        table.Define("remove", ["list", "position"], call => AtPosition(call, (items, at) => items.RemoveAt(at)));
        table.Define("reverse", ["list"], call => OnList(call, list => new FeelList([.. list.Items.Reverse()])));
        table.Define("index of", ["list", "match"], call => OnList(call, list => new FeelList(
            [.. list.Items.Select((item, i) => (item, i)).Where(p => Same(p.item, call[1])).Select(p => BuiltinCall.Number(p.i + 1))])));
        table.Define("union", ["list"], call => Lists(call, lists => Distinct(lists.SelectMany(l => l.Items), call.Context)), required: 1, variadic: true);
        table.Define("distinct values", ["list"], call => OnList(call, list => Distinct(list.Items, call.Context)));
        table.Define("flatten", ["list"], call => OnList(call, list => Flatten(list, call.Context)));
        // Positional calls take the first signature, which accepts a position or a match function.
        table.Define("list replace", ["list", "position", "newItem"], call => call[1] is FeelFunction ? ReplaceMatching(call) : AtPosition(call, (items, at) => items[at] = call[2]));
        table.Define("list replace", ["list", "match", "newItem"], ReplaceMatching);
        RegisterAggregates(table);
    }

    /// <summary>FEEL equality as a yes/no answer: values that cannot be compared are not the same.</summary>
    private static bool Same(object? left, object? right) => FeelSemantics.Equal(left, right) == true;

    private static object? OnList(BuiltinCall call, Func<FeelList, object?> body) =>
        call.List(0, "list", out var list) ? body(list) : null;

    /// <summary>The variadic lists of concatenate and union.</summary>
    private static object? Lists(BuiltinCall call, Func<IEnumerable<FeelList>, object?> body)
    {
        var lists = new List<FeelList>(call.Count);
        for (var i = 0; i < call.Count; i++)
        {
            if (!call.List(i, "list", out var list))
            {
                return null;
            }

            lists.Add(list);
        }

        return body(lists);
    }

    /// <summary>Applies an edit at the 1-based position in argument 2 to a copy of the list.</summary>
    private static FeelList? AtPosition(BuiltinCall call, Action<List<object?>, int> edit)
    {
        if (!call.List(0, "list", out var list) || !call.Position(1, "position", list.Count, out var at))
        {
            return null;
        }

        var items = list.Items.ToList();
        edit(items, at);
        return new FeelList(items);
    }

    private static object? Sublist(BuiltinCall call)
    {
        if (!call.List(0, "list", out var list) || !call.Position(1, "start position", list.Count, out var start))
        {
            return null;
        }

        var length = list.Count - start;
        if (call[2] is not null && !call.Integer(2, "length", out length))
        {
            return null;
        }

        if (length < 0)
        {
            return call.Fail("'length' must not be negative.");
        }

        return new FeelList([.. list.Items.Skip(start).Take(length)]);
    }

    /// <summary>The first of each group of equal items; each comparison is charged, as the work is quadratic.</summary>
    private static FeelList? Distinct(IEnumerable<object?> items, FeelEvaluationContext context)
    {
        var result = new List<object?>();
        foreach (var item in items)
        {
            if (!context.TryCharge(result.Count))
            {
                return null;
            }

            if (!result.Any(kept => Same(kept, item)))
            {
                result.Add(item);
            }
        }

        return new FeelList(result);
    }

    /// <summary>
    /// The non-list items of nested lists, in order. Walked with a stack of its own and checked as it grows: a
    /// <c>for</c> over <c>partial</c> makes lists nested as deep and as large as its iterations.
    /// </summary>
    private static FeelList? Flatten(FeelList list, FeelEvaluationContext context)
    {
        var into = new List<object?>();
        var pending = new Stack<IEnumerator<object?>>();
        pending.Push(list.Items.GetEnumerator());
        while (pending.TryPeek(out var items))
        {
            if (!items.MoveNext())
            {
                pending.Pop().Dispose();
            }
            else if (!context.TryStep())
            {
                return null;
            }
            else if (items.Current is FeelList nested)
            {
                pending.Push(nested.Items.GetEnumerator());
            }
            else if (context.TryList(into.Count + 1L, "flatten"))
            {
                into.Add(items.Current);
            }
            else
            {
                return null;
            }
        }

        return new FeelList(into);
    }

    /// <summary>list replace(list, match, newItem): every item for which match(item, newItem) is true becomes newItem.</summary>
    private static object? ReplaceMatching(BuiltinCall call)
    {
        if (!call.List(0, "list", out var list) || !call.Get(1, "match", out FeelFunction match))
        {
            return null;
        }

        var items = new List<object?>(list.Count);
        foreach (var item in list.Items)
        {
            if (match.Invoke([item, call[2]], call.Context) is not bool replace)
            {
                return call.Fail("'match' must return a boolean.");
            }

            items.Add(replace ? call[2] : item);
        }

        return new FeelList(items);
    }
}
