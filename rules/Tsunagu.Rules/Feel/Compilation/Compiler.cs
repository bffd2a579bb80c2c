using System.Runtime.CompilerServices;
using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Temporal;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Compilation;

/// <summary>
/// Turns FEEL syntax into a tree of closures, once. Names are resolved to frame slots at compile time, constants are
/// folded, and built-ins are bound directly, so evaluation does no name lookups or syntax walking.
/// </summary>
internal static partial class Compiler
{
    /// <summary>
    /// How deeply the compiler follows nested syntax. The closures it builds nest as deeply, so this also bounds the stack
    /// an evaluation needs between two function calls (which check the stack themselves).
    /// </summary>
    public const int MaxDepth = 500;

    [ThreadStatic]
    private static int t_depth;

    public static Evaluator Compile(Node node, Scope scope)
    {
        if (t_depth >= MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new FeelSyntaxException($"The expression nests more than {MaxDepth} levels deep.", node.Position);
        }

        t_depth++;
        try
        {
            return IsLink(node) ? CompileChain(node, scope) : CompileNode(node, scope);
        }
        finally
        {
            t_depth--;
        }
    }

    private static Evaluator CompileNode(Node node, Scope scope) => node switch
    {
        Literal l => Constant(l.Value),
        AtLiteral a => CompileAtLiteral(a),
        NameRef n => CompileName(n, scope),
        NegateNode n => CompileNegate(n, scope),
        BetweenNode b => CompileBetween(b, scope),
        InNode i => CompileIn(i, scope),
        InstanceOfNode i => CompileInstanceOf(i, scope),
        IfNode i => CompileIf(i, scope),
        ForNode f => CompileFor(f, scope),
        QuantifiedNode q => CompileQuantified(q, scope),
        FunctionNode f => CompileFunction(f, scope),
        ListNode l => CompileList(l, scope),
        ContextNode c => CompileContext(c, scope),
        RangeNode r => CompileRange(r, scope),
        UnaryComparisonNode u => CompileUnaryComparisonRange(u, scope),
        AnyTestNode => Constant(FeelSemantics.True),
        NotTestsNode n => CompileNotTests(n, scope),
        _ => throw new FeelSyntaxException($"Unsupported expression {node.GetType().Name}.", node.Position),
    };

    public static Evaluator Constant(object? value) => _ => value;

    /// <summary>The value of a node that needs no environment (literals, negated number literals), for folding.</summary>
    public static bool TryConstant(Node node, out object? value)
    {
        switch (node)
        {
            case Literal l:
                value = l.Value;
                return true;
            case AtLiteral a:
                value = TemporalOps.ParseLiteral(a.Text);
                return value is not null;
            case NegateNode { Operand: Literal { Value: FeelNumber n } }:
                value = -n;
                return true;
            default:
                value = null;
                return false;
        }
    }

    private static Evaluator CompileAtLiteral(AtLiteral node)
    {
        var value = TemporalOps.ParseLiteral(node.Text)
            ?? throw new FeelSyntaxException($"@\"{node.Text}\" is not a date, time, date and time or duration.", node.Position);
        return Constant(value);
    }

    private static Evaluator CompileName(NameRef node, Scope scope)
    {
        var name = node.Name;
        var depth = 0;
        var dynamicDepths = new List<int>();
        for (var s = scope; s is not null; s = s.Parent, depth++)
        {
            // A filter item's own entries take precedence over its slot ("item" may be an entry name).
            if (s.Dynamic)
            {
                dynamicDepths.Add(depth);
            }

            var index = s.IndexOf(name);
            if (index >= 0)
            {
                var d = depth;
                Evaluator slot = d == 0 ? env => env.Slots[index] : env => env.Up(d).Slots[index];
                return dynamicDepths.Count == 0 ? slot : DynamicThen(name, [.. dynamicDepths], slot);
            }
        }

        Evaluator fallback = BuiltinLibrary.TryGet(name, out var builtin)
            ? Constant(builtin)
            : env => env.Context.Null($"No variable or function named '{name}'.");
        return dynamicDepths.Count == 0 ? fallback : DynamicThen(name, [.. dynamicDepths], fallback);
    }

    /// <summary>Looks <paramref name="name"/> up in the dynamic contexts (innermost first) before <paramref name="then"/>.</summary>
    private static Evaluator DynamicThen(string name, int[] depths, Evaluator then) => env =>
    {
        foreach (var depth in depths)
        {
            if (env.Up(depth).Dynamic is { } context && context.TryGet(name, out var value))
            {
                return value;
            }
        }

        return then(env);
    };

    private static Evaluator CompileNegate(NegateNode node, Scope scope)
    {
        if (TryConstant(node, out var constant))
        {
            return Constant(constant);
        }

        var operand = Compile(node.Operand, scope);
        return env => FeelOperators.Negate(operand(env), env.Context);
    }

    private static Evaluator CompileBetween(BetweenNode node, Scope scope)
    {
        var value = Compile(node.Value, scope);
        var low = Compile(node.Low, scope);
        var high = Compile(node.High, scope);
        return env =>
        {
            var v = value(env);
            var lower = FeelOperators.CompareOp(BinaryOp.GreaterOrEqual, v, low(env), env.Context);
            var upper = FeelOperators.CompareOp(BinaryOp.LessOrEqual, v, high(env), env.Context);
            return lower is false || upper is false ? FeelSemantics.False : lower is true && upper is true ? FeelSemantics.True : null;
        };
    }

    private static Evaluator CompileIf(IfNode node, Scope scope)
    {
        var condition = Compile(node.Condition, scope);
        var then = Compile(node.Then, scope);
        var otherwise = Compile(node.Else, scope);
        return env => condition(env) is true ? then(env) : otherwise(env);
    }

    private static Evaluator CompileInstanceOf(InstanceOfNode node, Scope scope)
    {
        var value = Compile(node.Value, scope);
        var type = ResolveType(node.Type, scope, node.Position);
        return env => FeelSemantics.Box(type.HasType(value(env)));
    }

    public static FeelType ResolveType(FeelTypeRef reference, Scope scope, int position)
    {
        switch (reference.Name)
        {
            case "list" when reference.Arguments.Count == 1:
                return new ListType(ResolveType(reference.Arguments[0], scope, position));
            case "range" when reference.Arguments.Count == 1:
                return new RangeType(ResolveType(reference.Arguments[0], scope, position));
            case "context" when reference.Fields is not null:
                return new ContextType([.. reference.Fields.Select(f => new KeyValuePair<string, FeelType>(f.Key, ResolveType(f.Value, scope, position)))]);
            case "function" when reference.Result is not null:
                return new FunctionType([.. reference.Arguments.Select(a => ResolveType(a, scope, position))], ResolveType(reference.Result, scope, position));
        }

        return FeelType.FromName(reference.Name) ?? scope.ResolveType?.Invoke(reference.Name)
            ?? throw new FeelSyntaxException($"Unknown type '{reference.Name}'.", position);
    }
}
