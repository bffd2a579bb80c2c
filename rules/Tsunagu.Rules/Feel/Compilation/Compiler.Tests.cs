using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Compilation;

/// <summary>A compiled positive or negative unary test: does <c>input</c> satisfy it? Null when undecidable.</summary>
internal delegate bool? TestEvaluator(object? input, Env env);

internal static partial class Compiler
{
    private static readonly TestEvaluator Always = (_, _) => true;

    /// <summary>Compiles a unary test (DMN 1.5 §10.3.2.9): comparisons, ranges, lists, <c>-</c>, <c>not(…)</c>, or an expression over <c>?</c>.</summary>
    public static TestEvaluator CompileTest(Node test, Scope scope)
    {
        switch (test)
        {
            case AnyTestNode:
                return Always;
            case NotTestsNode not:
                var inner = AnyOf(not.Tests.Select(t => CompileTest(t, scope)).ToArray());
                return (input, env) => !inner(input, env);
            case InNode { Value: NameRef { Name: "?" } } tests:
                return AnyOf(tests.Tests.Select(t => CompileTest(t, scope)).ToArray());
            case UnaryComparisonNode comparison:
                return CompileComparisonTest(comparison, scope);
        }

        if (TryConstant(test, out var constant))
        {
            return (input, _) => Matches(input, constant);
        }

        if (TryConstantRange(test, out var range))
        {
            return (input, _) => Matches(input, range);
        }

        if (!References(test, "?"))
        {
            var value = Compile(test, scope);
            return (input, env) =>
            {
                var v = value(env);
                return v is bool b && input is not bool ? b : Matches(input, v);
            };
        }

        var withInput = Compile(test, new Scope(scope, ["?"]));
        return (input, env) =>
        {
            var v = withInput(new Env(env, [input], env.Context));
            return v is bool b ? b : Matches(input, v);
        };
    }

    private static TestEvaluator CompileComparisonTest(UnaryComparisonNode node, Scope scope)
    {
        var op = node.Op;
        if (TryConstant(node.Operand, out var constant))
        {
            return (input, env) => FeelOperators.CompareOp(op, input, constant, env.Context);
        }

        var operand = Compile(node.Operand, scope);
        return (input, env) => FeelOperators.CompareOp(op, input, operand(env), env.Context);
    }

    /// <summary>Three-valued "or" over tests: true if any is true, false if all are false, else null.</summary>
    private static TestEvaluator AnyOf(TestEvaluator[] tests) => tests.Length == 1 ? tests[0] : (input, env) =>
    {
        var unknown = false;
        foreach (var test in tests)
        {
            var r = test(input, env);
            if (r is true)
            {
                return true;
            }

            unknown |= r is null;
        }

        return unknown ? null : false;
    };

    /// <summary>Whether <paramref name="input"/> matches a test's value: in a range, in a list, or equal.</summary>
    public static bool? Matches(object? input, object? value)
    {
        switch (value)
        {
            case null:
                return input is null;
            case FeelRange range:
                return range.Contains(input);
            case FeelList list:
                foreach (var item in list.Items)
                {
                    if ((item is FeelRange r ? r.Contains(input) : FeelSemantics.Equal(input, item)) == true)
                    {
                        return true;
                    }
                }

                return input is FeelList && FeelSemantics.Equal(input, list) == true;
            default:
                return FeelSemantics.Equal(input, value);
        }
    }

    private static Evaluator CompileIn(InNode node, Scope scope)
    {
        var value = Compile(node.Value, scope);
        var test = AnyOf(node.Tests.Select(t => CompileTest(t, scope)).ToArray());
        return env =>
        {
            var v = value(env);
            var result = test(v, env);
            return result is { } b ? FeelSemantics.Box(b) : env.Context.Null($"Cannot decide whether {FeelSemantics.TypeName(v)} is in the tested values.");
        };
    }

    private static Evaluator CompileNotTests(NotTestsNode node, Scope scope)
    {
        var test = CompileTest(node, scope);
        var input = Compile(new NameRef(node.Position, "?"), scope);
        return env => FeelOperators.Box(test(input(env), env));
    }

    /// <summary><c>&lt; 10</c> used as a value is the range with that single bound (FEEL 1.4+).</summary>
    private static Evaluator CompileUnaryComparisonRange(UnaryComparisonNode node, Scope scope)
    {
        var operand = Compile(node.Operand, scope);
        return node.Op switch
        {
            BinaryOp.Less or BinaryOp.LessOrEqual => env => new FeelRange(null, false, true, operand(env), node.Op == BinaryOp.LessOrEqual, false),
            BinaryOp.Greater or BinaryOp.GreaterOrEqual => env => new FeelRange(operand(env), node.Op == BinaryOp.GreaterOrEqual, false, null, false, true),
            BinaryOp.Equal => env => operand(env) is var v ? new FeelRange(v, true, false, v, true, false) : null,
            _ => env => env.Context.Null("'!=' cannot be used as a range."),
        };
    }

    /// <summary>
    /// True when the expression mentions <paramref name="name"/> outside of nested function bodies. Walked with a stack
    /// of its own: a long operator chain is a deep tree.
    /// </summary>
    private static bool References(Node root, string name)
    {
        var pending = new Stack<Node>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            if (node is NameRef n && n.Name == name)
            {
                return true;
            }

            foreach (var child in Children(node))
            {
                pending.Push(child);
            }
        }

        return false;
    }

    private static IEnumerable<Node> Children(Node node) => node switch
    {
        PathNode p => [p.Target],
        FilterNode f => [f.Target, f.Predicate],
        InvokeNode i => [i.Callee, .. i.Positional, .. i.Named?.Select(a => a.Value) ?? []],
        NegateNode n => [n.Operand],
        BinaryNode b => [b.Left, b.Right],
        AndNode a => [a.Left, a.Right],
        OrNode o => [o.Left, o.Right],
        BetweenNode b => [b.Value, b.Low, b.High],
        InNode i => [i.Value, .. i.Tests],
        InstanceOfNode i => [i.Value],
        IfNode i => [i.Condition, i.Then, i.Else],
        ForNode f => [.. f.Iterations.Select(i => i.Domain), f.Body],
        QuantifiedNode q => [.. q.Iterations.Select(i => i.Domain), q.Condition],
        ListNode l => l.Items,
        ContextNode c => c.Entries.Select(e => e.Value),
        RangeNode r => new[] { r.Start, r.End }.OfType<Node>(),
        UnaryComparisonNode u => [u.Operand],
        _ => [],
    };
}
