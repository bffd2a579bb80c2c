using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>Context functions (DMN 1.5 §10.3.4.8).</summary>
internal static partial class BuiltinLibrary
{
    static partial void RegisterContext(Registry table)
    {
        table.Define("get value", ["m", "key"], GetValue);
        table.Define("get entries", ["m"], GetEntries);
        table.Define("context", ["entries"], ContextFromEntries);
        // Positional calls take the first signature, which accepts a key or a list of keys; a named `key` must be a string.
        table.Define("context put", ["context", "keys", "value"], call => call[1] is FeelList ? PutNested(call) : Put(call));
        table.Define("context put", ["context", "key", "value"], Put);
        table.Define("context merge", ["contexts"], Merge);
    }

    private static object? GetValue(BuiltinCall call)
    {
        if (!call.Get(0, "m", out FeelContext m) || !call.Get(1, "key", out string key))
        {
            return null;
        }

        return m.TryGet(key, out var value) ? value : null;
    }

    private static object? GetEntries(BuiltinCall call)
    {
        if (!call.Get(0, "m", out FeelContext m))
        {
            return null;
        }

        return new FeelList([.. m.Entries.Select(e => (object?)Entry(e.Key, e.Value))]);
    }

    private static FeelContext Entry(string key, object? value) =>
        FeelContext.Create([new("key", key), new("value", value)]);

    private static object? ContextFromEntries(BuiltinCall call)
    {
        if (!call.List(0, "entries", out var entries))
        {
            return null;
        }

        var result = new List<KeyValuePair<string, object?>>(entries.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in entries.Items)
        {
            if (item is not FeelContext entry || !entry.TryGet("key", out var key) || key is not string name || !entry.TryGet("value", out var value))
            {
                return call.Fail("each entry must be a context with a string 'key' and a 'value'.");
            }

            if (!keys.Add(name))
            {
                return call.Fail($"duplicate key '{name}'.");
            }

            result.Add(new(name, value));
        }

        return FeelContext.Create(result);
    }

    private static object? Put(BuiltinCall call)
    {
        if (!call.Get(0, "context", out FeelContext context) || !call.Get(1, "key", out string key))
        {
            return null;
        }

        return context.With(key, call[2]);
    }

    /// <summary>context put(context, keys, value): replaces or adds the entry at the path; every context on the way must exist.</summary>
    private static object? PutNested(BuiltinCall call)
    {
        if (!call.Get(0, "context", out FeelContext context) || !call.Get(1, "keys", out FeelList keys))
        {
            return null;
        }

        if (keys.Count == 0 || keys.Items.Any(k => k is not string))
        {
            return call.Fail("'keys' must be a non-empty list of strings.");
        }

        return PutPath(call, context, keys.Items, 0, call[2]);
    }

    private static object? PutPath(BuiltinCall call, FeelContext context, IReadOnlyList<object?> keys, int depth, object? value)
    {
        var key = (string)keys[depth]!;
        if (depth == keys.Count - 1)
        {
            return context.With(key, value);
        }

        if (!context.TryGet(key, out var inner) || inner is not FeelContext nested)
        {
            return call.Fail($"'{key}' is not a context.");
        }

        var updated = PutPath(call, nested, keys, depth + 1, value);
        return updated is null ? null : context.With(key, updated);
    }

    private static object? Merge(BuiltinCall call)
    {
        if (!call.List(0, "contexts", out var contexts))
        {
            return null;
        }

        if (contexts.Items.Any(c => c is not FeelContext))
        {
            return call.Fail("'contexts' must be a list of contexts.");
        }

        return FeelContext.Create(contexts.Items.SelectMany(c => ((FeelContext)c!).Entries));
    }
}
