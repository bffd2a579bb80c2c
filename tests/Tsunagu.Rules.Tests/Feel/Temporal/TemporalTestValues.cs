using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Temporal;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Tests.Feel.Temporal;

/// <summary>Shared shorthands: literals, numbers and built-in calls.</summary>
internal static class TemporalTestValues
{
    public static object Lit(string text) => TemporalOps.ParseLiteral(text) ?? throw new AssertFailedException($"unparsable {text}");

    public static FeelNumber Num(string text) =>
        FeelNumber.TryParse(text, out var number) ? number : throw new AssertFailedException($"not a number {text}");

    public static object? Call(string name, params object?[] args) => Call(new FeelEvaluationContext(), name, args);

    public static object? Call(FeelEvaluationContext context, string name, params object?[] args) =>
        Function(name).Invoke(args, context);

    public static object? CallNamed(string name, params (string Name, object? Value)[] args) =>
        Function(name).InvokeNamed([.. args.Select(a => new KeyValuePair<string, object?>(a.Name, a.Value))], new FeelEvaluationContext());

    private static FeelFunction Function(string name) =>
        BuiltinLibrary.TryGet(name, out var function) ? function : throw new AssertFailedException($"no built-in {name}");
}

/// <summary>A clock frozen at one instant in one zone.</summary>
internal sealed class FixedClock(DateTimeOffset utcNow, TimeZoneInfo zone) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => utcNow;

    public override TimeZoneInfo LocalTimeZone => zone;
}
