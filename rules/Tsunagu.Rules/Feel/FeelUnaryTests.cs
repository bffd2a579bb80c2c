using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Compilation;
using Tsunagu.Rules.Feel.Syntax;

namespace Tsunagu.Rules.Feel;

/// <summary>
/// A compiled decision-table input entry (unary tests such as <c>"a","b"</c>, <c>&lt; 3</c>, <c>not("none")</c>, <c>-</c>)
/// for hosts that match table rows outside a DMN model, e.g. rules compiled from a table. Immutable and thread-safe.
/// </summary>
public sealed class FeelUnaryTests
{
    private readonly TestEvaluator _test;

    private FeelUnaryTests(string text, TestEvaluator test, bool matchesAll)
    {
        Text = text;
        _test = test;
        MatchesAll = matchesAll;
    }

    public string Text { get; }

    /// <summary>Whether the entry is <c>-</c> (no condition).</summary>
    public bool MatchesAll { get; }

    /// <summary>Compiles entry <paramref name="text"/> with no variables in scope; throws <see cref="FeelSyntaxException"/> when it does not parse.</summary>
    public static FeelUnaryTests Compile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scope = new Scope(null, []);
        var node = Parser.ParseUnaryTests(text, name => BuiltinLibrary.TryGet(name, out _));
        return new FeelUnaryTests(text, Compiler.CompileTest(node, scope), node is AnyTestNode);
    }

    /// <summary>Whether <paramref name="input"/> (a FEEL value) satisfies the tests; an undecidable test does not match.</summary>
    public bool Matches(object? input, FeelEvaluationContext? context = null) =>
        _test(input, new Env(null, [], context ?? new FeelEvaluationContext())) == true;
}
