using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Feel;

/// <summary>Calls built-ins and builds FEEL values tersely: C# ints become FEEL numbers.</summary>
internal static class BuiltinTestKit
{
    public static (object? Result, IReadOnlyList<string> Diagnostics) Call(string name, params object?[] args)
    {
        Assert.IsTrue(BuiltinLibrary.TryGet(name, out var function), $"built-in '{name}' is missing");
        var context = new FeelEvaluationContext();
        return (function.Invoke([.. args.Select(Value)], context), context.Diagnostics);
    }

    public static (object? Result, IReadOnlyList<string> Diagnostics) CallNamed(string name, params (string Name, object? Value)[] args)
    {
        Assert.IsTrue(BuiltinLibrary.TryGet(name, out var function), $"built-in '{name}' is missing");
        var context = new FeelEvaluationContext();
        return (function.InvokeNamed([.. args.Select(a => new KeyValuePair<string, object?>(a.Name, Value(a.Value)))], context), context.Diagnostics);
    }

    /// <summary>The result of a call that must succeed without diagnostics.</summary>
    public static object? Ok(string name, params object?[] args)
    {
        var (result, diagnostics) = Call(name, args);
        Assert.IsEmpty(diagnostics, string.Join("; ", diagnostics));
        return result;
    }

    /// <summary>Asserts that the call gives null and reports a diagnostic naming the function.</summary>
    public static void AssertInvalid(string name, params object?[] args)
    {
        var (result, diagnostics) = Call(name, args);
        Assert.IsNull(result, $"{name}: expected null, got {FeelSemantics.ToFeelString(result)}");
        Assert.IsTrue(diagnostics.Any(d => d.StartsWith(name, StringComparison.Ordinal)), $"{name}: no diagnostic");
    }

    public static FeelNumber N(string text) =>
        FeelNumber.TryParse(text, out var number) ? number : throw new ArgumentException($"not a number: {text}", nameof(text));

    public static FeelList L(params object?[] items) => new([.. items.Select(Value)]);

    public static FeelContext C(params (string Key, object? Value)[] entries) =>
        FeelContext.Create(entries.Select(e => new KeyValuePair<string, object?>(e.Key, Value(e.Value))));

    /// <summary>A number range written as in FEEL: "[1..10)", "(..5]" (an empty side is unbounded).</summary>
    public static FeelRange R(string text)
    {
        var parts = text[1..^1].Split("..");
        return new FeelRange(
            parts[0].Length == 0 ? null : N(parts[0]), text[0] == '[', parts[0].Length == 0,
            parts[1].Length == 0 ? null : N(parts[1]), text[^1] == ']', parts[1].Length == 0);
    }

    private static object? Value(object? value) => value is int i ? FeelNumber.FromInt64(i) : value;
}

/// <summary>A FEEL function backed by a C# delegate, standing in for a user-defined function.</summary>
internal sealed class DelegateFunction(Func<object?[], FeelEvaluationContext, object?> body) : FeelFunction
{
    public override IReadOnlyList<string> ParameterNames => ["a", "b"];

    public override object? Invoke(object?[] args, FeelEvaluationContext context) => body(args, context);
}
