using Tsunagu.Cases.Routing;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Cases.Tests.Routing;

/// <summary>Reads the FEEL value of the retired DMN Routing decision (the equivalence test's old path) into typed values.</summary>
internal static class LegacyRoutingReader
{
    public static List<FeelContext> Referrals(FeelContext result) =>
        Entry(result, "referrals") is FeelList list && list.Items.All(i => i is FeelContext)
            ? [.. list.Items.Cast<FeelContext>()]
            : throw Broken("referrals is not a list of contexts");

    /// <summary>Null when an area-bound rule had no area.</summary>
    public static string? Institution(FeelContext referral) => Entry(referral, "institution") as string;

    public static Referral Referral(FeelContext referral) => new()
    {
        Institution = Institution(referral) ?? throw Broken($"rule {string.Join(", ", Strings(referral, "rules"))} gave no institution"),
        Category = String(referral, "category"),
        Subject = String(referral, "subject"),
        Subjects = Strings(referral, "subjects"),
        Concerns = Strings(referral, "concerns"),
        Rules = Strings(referral, "rules"),
        Reason = String(referral, "reason"),
    };

    public static string String(FeelContext context, string name) =>
        Entry(context, name) as string ?? throw Broken($"{name} is not a string");

    public static bool Bool(FeelContext context, string name) =>
        Entry(context, name) as bool? ?? throw Broken($"{name} is not a boolean");

    public static List<string> Strings(FeelContext context, string name) =>
        Entry(context, name) is FeelList list && list.Items.All(i => i is string)
            ? [.. list.Items.Cast<string>()]
            : throw Broken($"{name} is not a list of strings");

    private static object? Entry(FeelContext context, string name) => context.TryGet(name, out var value) ? value : null;

    private static RoutingRulesException Broken(string what) => new($"The Routing decision's result has the wrong shape: {what}.");
}
