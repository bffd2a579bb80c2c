using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Compilation;

/// <summary>One link of a chain: what the link does to the value of everything before it.</summary>
internal delegate object? Step(object? value, Env env);

internal static partial class Compiler
{
    /// <summary>
    /// Binary operators, <c>and</c>/<c>or</c>, paths, filters and invocations are left-associative: <c>1 + 2 + 3</c> and
    /// <c>a.b.c</c> nest on the left. Such a chain is compiled and evaluated as a loop over its links, so its length costs
    /// no stack (ADR 0010).
    /// </summary>
    private static bool IsLink(Node node) => node is BinaryNode or AndNode or OrNode or PathNode or FilterNode or InvokeNode;

    private static Node Inner(Node link) => link switch
    {
        BinaryNode b => b.Left,
        AndNode a => a.Left,
        OrNode o => o.Left,
        PathNode p => p.Target,
        FilterNode f => f.Target,
        _ => ((InvokeNode)link).Callee,
    };

    private static Evaluator CompileChain(Node outer, Scope scope)
    {
        var links = new List<Node>();
        var head = outer;
        while (IsLink(head))
        {
            links.Add(head);
            head = Inner(head);
        }

        var first = CompileNode(head, scope);
        var steps = new Step[links.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = CompileLink(links[^(i + 1)], scope);
        }

        if (steps.Length == 1)
        {
            var only = steps[0];
            return env => only(first(env), env);
        }

        return env =>
        {
            var value = first(env);
            foreach (var step in steps)
            {
                value = step(value, env);
            }

            return value;
        };
    }

    private static Step CompileLink(Node link, Scope scope) => link switch
    {
        BinaryNode b => BinaryStep(b.Op, Compile(b.Right, scope)),
        AndNode a => JunctionStep(Compile(a.Right, scope), decisive: false),
        OrNode o => JunctionStep(Compile(o.Right, scope), decisive: true),
        PathNode p => PathStep(p.Member),
        FilterNode f => FilterStep(f, scope),
        _ => InvokeStep((InvokeNode)link, scope),
    };

    private static Step BinaryStep(BinaryOp op, Evaluator right) => op switch
    {
        BinaryOp.Add => (left, env) => FeelOperators.Add(left, right(env), env.Context),
        BinaryOp.Subtract => (left, env) => FeelOperators.Subtract(left, right(env), env.Context),
        BinaryOp.Multiply => (left, env) => FeelOperators.Multiply(left, right(env), env.Context),
        BinaryOp.Divide => (left, env) => FeelOperators.Divide(left, right(env), env.Context),
        BinaryOp.Power => (left, env) => FeelOperators.Power(left, right(env), env.Context),
        _ => (left, env) => FeelOperators.Box(FeelOperators.CompareOp(op, left, right(env), env.Context)),
    };

    /// <summary>
    /// Three-valued <c>and</c> (<paramref name="decisive"/> false) and <c>or</c> (true): either operand equal to the decisive
    /// value decides; two booleans otherwise give the other value; anything else is null.
    /// </summary>
    private static Step JunctionStep(Evaluator right, bool decisive) => (a, env) =>
    {
        if (a is bool x && x == decisive)
        {
            return FeelSemantics.Box(decisive);
        }

        var b = right(env);
        return b is bool y && y == decisive ? FeelSemantics.Box(decisive)
            : a is bool && b is bool ? FeelSemantics.Box(!decisive)
            : null;
    };

    private static Step PathStep(string member) => (value, env) => Member(value, member, env.Context);

    /// <summary>
    /// <c>list[predicate]</c>: a number selects by 1-based index (negative from the end); otherwise the items for which
    /// the predicate is true, with <c>item</c> and, for context items, their entries in scope.
    /// </summary>
    private static Step FilterStep(FilterNode node, Scope scope)
    {
        if (TryConstant(node.Predicate, out var constant))
        {
            return (value, env) => FilterConstant(value, constant, env.Context);
        }

        var predicate = Compile(node.Predicate, new Scope(scope, ["item"], dynamic: true));
        return (value, env) =>
        {
            var list = value as FeelList ?? (value is null ? null : new FeelList([value]));
            if (list is null)
            {
                return null;
            }

            var kept = new List<object?>();
            for (var i = 0; i < list.Count; i++)
            {
                if (!env.Context.TryStep())
                {
                    return null;
                }

                var item = list[i];
                var result = predicate(new Env(env, [item], env.Context, item as FeelContext));
                if (i == 0 && result is FeelNumber index)
                {
                    return Index(list, index, env.Context);
                }

                if (result is true)
                {
                    kept.Add(item);
                }
            }

            return new FeelList(kept);
        };
    }

    private static Step InvokeStep(InvokeNode node, Scope scope)
    {
        if (node.Named is { } named)
        {
            var keys = named.Select(n => n.Key).ToArray();
            var values = named.Select(n => Compile(n.Value, scope)).ToArray();
            return (callee, env) =>
            {
                if (callee is not FeelFunction f)
                {
                    return NotAFunction(node, env);
                }

                var args = new KeyValuePair<string, object?>[keys.Length];
                for (var i = 0; i < keys.Length; i++)
                {
                    args[i] = new(keys[i], values[i](env));
                }

                return f.InvokeNamed(args, env.Context);
            };
        }

        var positional = node.Positional.Select(p => Compile(p, scope)).ToArray();
        return (callee, env) =>
        {
            if (callee is not FeelFunction f)
            {
                return NotAFunction(node, env);
            }

            var args = new object?[positional.Length];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = positional[i](env);
            }

            return f.Invoke(args, env.Context);
        };
    }

    private static object? NotAFunction(InvokeNode node, Env env) =>
        env.Context.Null(node.Callee is NameRef n ? $"'{n.Name}' is not a function." : "The invoked value is not a function.");
}
