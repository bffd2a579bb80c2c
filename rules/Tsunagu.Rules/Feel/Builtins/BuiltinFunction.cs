using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>One signature of a built-in: parameter names, how many are required, and whether the last one repeats.</summary>
internal sealed record BuiltinSignature(string[] Parameters, int Required, bool Variadic, Func<object?[], FeelEvaluationContext, object?> Body)
{
    public bool AcceptsCount(int count) => count >= Required && (Variadic || count <= Parameters.Length);
}

/// <summary>A built-in FEEL function with one or more signatures (e.g. <c>date(from)</c> and <c>date(year, month, day)</c>).</summary>
internal sealed class BuiltinFunction(string name, IReadOnlyList<BuiltinSignature> signatures) : FeelFunction
{
    public string Name { get; } = name;

    public override IReadOnlyList<string> ParameterNames => signatures[0].Parameters;

    public override object? Invoke(object?[] args, FeelEvaluationContext context)
    {
        foreach (var signature in signatures)
        {
            if (signature.AcceptsCount(args.Length))
            {
                return Run(signature, args, context);
            }
        }

        return context.Null($"{Name}: no signature takes {args.Length} argument(s).");
    }

    public override object? InvokeNamed(IReadOnlyList<KeyValuePair<string, object?>> named, FeelEvaluationContext context)
    {
        foreach (var signature in signatures)
        {
            var args = Bind(signature, named);
            if (args is not null)
            {
                return Run(signature, args, context);
            }
        }

        return context.Null($"{Name}: no signature has the parameters {string.Join(", ", named.Select(n => n.Key))}.");
    }

    /// <summary>
    /// A built-in's work grows with the lists it is given, so their items are charged to the budget before it runs;
    /// what it made is checked against the size limits (ADR 0010).
    /// </summary>
    private object? Run(BuiltinSignature signature, object?[] args, FeelEvaluationContext context)
    {
        long items = 0;
        foreach (var arg in args)
        {
            items += arg is FeelList list ? list.Count : 0;
        }

        if (items > 0 && !context.TryCharge(items))
        {
            return null;
        }

        return signature.Body(args, context) switch
        {
            FeelList list when !context.TryList(list.Count, Name) => null,
            string text when !context.TryString(text.Length, Name) => null,
            var result => result,
        };
    }

    private static object?[]? Bind(BuiltinSignature signature, IReadOnlyList<KeyValuePair<string, object?>> named)
    {
        var args = new object?[signature.Parameters.Length];
        var given = new bool[args.Length];
        foreach (var (key, value) in named)
        {
            var i = IndexOf(signature.Parameters, key);
            if (i < 0)
            {
                return null;
            }

            args[i] = value;
            given[i] = true;
        }

        var count = Array.LastIndexOf(given, true) + 1;
        for (var i = 0; i < signature.Required; i++)
        {
            if (!given[i])
            {
                return null;
            }
        }

        return count == args.Length ? args : args[..Math.Max(count, signature.Required)];
    }
}
