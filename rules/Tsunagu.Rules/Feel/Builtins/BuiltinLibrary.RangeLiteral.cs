using Tsunagu.Rules.Feel.Compilation;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>
/// <c>range(from)</c> (DMN 1.5 §10.3.4.9): parses a range literal such as <c>"[1..10)"</c>. Endpoints must be literals or
/// date/time/duration conversions of a string literal; the range must be non-empty and both endpoints of one type.
/// </summary>
internal static partial class BuiltinLibrary
{
    private static readonly HashSet<string> TemporalConstructors = new(StringComparer.Ordinal) { "date", "time", "date and time", "duration" };

    static partial void RegisterRangeLiteral(Registry table) => table.Define("range", ["from"], ParseRange);

    private static object? ParseRange(BuiltinCall call)
    {
        if (!call.Get(0, "from", out string from))
        {
            return null;
        }

        Node node;
        try
        {
            node = Parser.ParseExpression(from, name => TryGet(name, out _));
        }
        catch (FeelSyntaxException e)
        {
            return call.Fail($"'{from}' is not a range literal: {e.Message}");
        }

        if (node is not RangeNode literal || literal.Start is not { } start || literal.End is not { } end)
        {
            return call.Fail($"'{from}' is not a range literal with a start and an end.");
        }

        if (!IsLiteralEndpoint(start) || !IsLiteralEndpoint(end))
        {
            return call.Fail($"the endpoints of '{from}' must be literals.");
        }

        var context = call.Context;
        if (Compiler.Compile(literal, new Scope(null, []))(new Env(null, [], context)) is not FeelRange range)
        {
            return call.Fail($"'{from}' does not give a range.");
        }

        return CheckEndpoints(call, range, from);
    }

    private static object? CheckEndpoints(BuiltinCall call, FeelRange range, string from)
    {
        if (range.Start is null && range.End is null)
        {
            return call.Fail($"'{from}' has no endpoint values.");
        }

        if (range.Start is null || range.End is null)
        {
            return range;
        }

        if (FeelSemantics.TypeName(range.Start) != FeelSemantics.TypeName(range.End) || FeelSemantics.Compare(range.Start, range.End) is not { } order)
        {
            return call.Fail($"the endpoints of '{from}' are not of one comparable type.");
        }

        return order > 0 ? call.Fail($"the start of '{from}' is after its end.") : range;
    }

    /// <summary>A literal, a negated number, or <c>date("…")</c>-style conversion of a string literal.</summary>
    private static bool IsLiteralEndpoint(Node node) => node switch
    {
        Literal or AtLiteral => true,
        NegateNode { Operand: Literal { Value: FeelNumber } } => true,
        InvokeNode { Callee: NameRef callee, Positional: [Literal { Value: string }], Named: null } => TemporalConstructors.Contains(callee.Name),
        _ => false,
    };
}
