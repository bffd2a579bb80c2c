using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Dmn.Evaluation;

/// <summary>
/// An input entry that compares with literals — <c>&gt;= 65</c>, <c>[18..64]</c>, <c>1</c>, <c>true</c> — answered directly for a
/// number or boolean input, with the result the compiled FEEL test gives; any other input goes to that test.
/// </summary>
internal sealed class ConstantTest
{
    private readonly FeelNumber? _low;
    private readonly bool _lowIncluded;
    private readonly FeelNumber? _high;
    private readonly bool _highIncluded;
    private readonly bool? _boolean;
    private readonly FeelNumber? _equal;

    private ConstantTest(FeelNumber? low, bool lowIncluded, FeelNumber? high, bool highIncluded, bool? boolean, FeelNumber? equal = null)
    {
        _equal = equal;
        _low = low;
        _lowIncluded = lowIncluded;
        _high = high;
        _highIncluded = highIncluded;
        _boolean = boolean;
    }

    /// <summary>The test of a unary-tests entry with one literal comparison, range or boolean; null for anything else.</summary>
    public static ConstantTest? From(Node entry) => entry is InNode { Value: NameRef { Name: "?" }, Tests: [var test] } ? test switch
    {
        UnaryComparisonNode { Op: BinaryOp.Less or BinaryOp.LessOrEqual, Operand: Literal { Value: FeelNumber bound } } c =>
            new ConstantTest(null, false, bound, c.Op == BinaryOp.LessOrEqual, null),
        UnaryComparisonNode { Op: BinaryOp.Greater or BinaryOp.GreaterOrEqual, Operand: Literal { Value: FeelNumber bound } } c =>
            new ConstantTest(bound, c.Op == BinaryOp.GreaterOrEqual, null, false, null),
        RangeNode { Start: Literal { Value: FeelNumber low }, End: Literal { Value: FeelNumber high } } r =>
            new ConstantTest(low, r.StartIncluded, high, r.EndIncluded, null),
        Literal { Value: bool value } => new ConstantTest(null, false, null, false, value),
        Literal { Value: FeelNumber value } => new ConstantTest(null, false, null, false, null, value),
        _ => null,
    } : null;

    /// <summary>False when <paramref name="input"/> is not of the literal's type: the FEEL test decides (and reports) then.</summary>
    public bool TryMatch(object? input, out bool matched)
    {
        if (_boolean is { } expected)
        {
            matched = input is bool b && b == expected;
            return input is bool;
        }

        if (input is not FeelNumber number)
        {
            matched = false;
            return false;
        }

        if (_equal is { } equal)
        {
            matched = number == equal;
            return true;
        }

        matched = (_low is not { } low || (number.CompareTo(low) is var l && (l > 0 || (l == 0 && _lowIncluded))))
            && (_high is not { } high || (number.CompareTo(high) is var h && (h < 0 || (h == 0 && _highIncluded))));
        return true;
    }
}
