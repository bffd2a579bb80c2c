using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>Conversion functions string and number (DMN 1.5 §10.3.4.1).</summary>
internal static partial class BuiltinLibrary
{
    private static readonly string[] Separators = [" ", ",", "."];

    static partial void RegisterConversion(Registry table)
    {
        table.Define("string", ["from"], call => call[0] is null ? null
            : FeelSemantics.TryToFeelString(call[0], call.Context.Limits.MaxStringLength, out var text) ? text
            : call.Fail($"the value prints longer than {call.Context.Limits.MaxStringLength} characters or nests too deeply (limit MaxStringLength)."));
        table.Define("number", ["from", "grouping separator", "decimal separator"], Number, required: 1);
    }

    private static object? Number(BuiltinCall call)
    {
        if (!call.Get(0, "from", out string from)
            || !Separator(call, 1, "grouping separator", out var grouping)
            || !Separator(call, 2, "decimal separator", out var decimalSeparator))
        {
            return null;
        }

        // An absent decimal separator means '.', so it may not also be the grouping separator.
        decimalSeparator ??= ".";
        if (grouping == decimalSeparator)
        {
            return call.Fail("the grouping and decimal separators must differ.");
        }

        var text = grouping is null ? from : from.Replace(grouping, "", StringComparison.Ordinal);
        text = text.Replace(decimalSeparator, ".", StringComparison.Ordinal);
        return FeelNumber.TryParse(text, out var number) ? number : call.Fail($"'{from}' is not a number.");
    }

    private static bool Separator(BuiltinCall call, int index, string parameter, out string? separator)
    {
        separator = null;
        if (call[index] is null)
        {
            return true;
        }

        if (!call.Get(index, parameter, out string given))
        {
            return false;
        }

        if (Array.IndexOf(Separators, given) < 0)
        {
            call.Fail($"'{parameter}' must be a space, a comma or a period.");
            return false;
        }

        separator = given;
        return true;
    }
}
