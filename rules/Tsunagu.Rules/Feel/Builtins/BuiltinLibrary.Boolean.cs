using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>Boolean function not, and the identity test is (DMN 1.5 §10.3.4.2, §10.3.4.11).</summary>
internal static partial class BuiltinLibrary
{
    static partial void RegisterBoolean(Registry table)
    {
        table.Define("not", ["negand"], call => call[0] switch
        {
            bool negand => FeelSemantics.Box(!negand),
            null => null,
            var other => call.Fail($"'negand' must be a boolean, not {FeelSemantics.TypeName(other)}."),
        });
        table.Define("is", ["value1", "value2"], call => FeelSemantics.Box(Is(call[0], call[1])));
    }

    /// <summary>
    /// Same element of the semantic domain: equal and of one type. For temporal values equality is not enough
    /// (a date equals a date and time at midnight; a time with offset equals one in a zone), so their forms must match too.
    /// </summary>
    private static bool Is(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (FeelSemantics.Equal(left, right) != true)
        {
            return false;
        }

        var type = FeelSemantics.TypeName(left);
        return type == FeelSemantics.TypeName(right)
            && (left is FeelNumber or string or bool or FeelList or FeelContext or FeelRange or FeelFunction
                || FeelSemantics.ToFeelString(left) == FeelSemantics.ToFeelString(right));
    }
}
