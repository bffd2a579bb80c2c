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
                return signature.Body(args, context);
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
                return signature.Body(args, context);
            }
        }

        return context.Null($"{Name}: no signature has the parameters {string.Join(", ", named.Select(n => n.Key))}.");
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
