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

    /// <summary>True when the expression mentions <paramref name="name"/> outside of nested function bodies.</summary>
    private static bool References(Node node, string name) => node switch
    {
        NameRef n => n.Name == name,
        PathNode p => References(p.Target, name),
        FilterNode f => References(f.Target, name) || References(f.Predicate, name),
        InvokeNode i => References(i.Callee, name) || i.Positional.Any(a => References(a, name)) || (i.Named?.Any(a => References(a.Value, name)) ?? false),
        NegateNode n => References(n.Operand, name),
        BinaryNode b => References(b.Left, name) || References(b.Right, name),
        AndNode a => References(a.Left, name) || References(a.Right, name),
        OrNode o => References(o.Left, name) || References(o.Right, name),
        BetweenNode b => References(b.Value, name) || References(b.Low, name) || References(b.High, name),
        InNode i => References(i.Value, name) || i.Tests.Any(t => References(t, name)),
        InstanceOfNode i => References(i.Value, name),
        IfNode i => References(i.Condition, name) || References(i.Then, name) || References(i.Else, name),
        ForNode f => f.Iterations.Any(i => References(i.Domain, name)) || References(f.Body, name),
        QuantifiedNode q => q.Iterations.Any(i => References(i.Domain, name)) || References(q.Condition, name),
        ListNode l => l.Items.Any(i => References(i, name)),
        ContextNode c => c.Entries.Any(e => References(e.Value, name)),
        RangeNode r => (r.Start is not null && References(r.Start, name)) || (r.End is not null && References(r.End, name)),
        UnaryComparisonNode u => References(u.Operand, name),
        _ => false,
    };
}
