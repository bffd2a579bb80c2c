using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Compilation;

internal static partial class Compiler
{
    private static Evaluator CompileInvoke(InvokeNode node, Scope scope)
    {
        var callee = node.Callee is NameRef name && scope.TryBuiltin(name.Name, out var builtin)
            ? Constant(builtin)
            : Compile(node.Callee, scope);
        if (node.Named is { } named)
        {
            var keys = named.Select(n => n.Key).ToArray();
            var values = named.Select(n => Compile(n.Value, scope)).ToArray();
            return env =>
            {
                var args = new KeyValuePair<string, object?>[keys.Length];
                for (var i = 0; i < keys.Length; i++)
                {
                    args[i] = new(keys[i], values[i](env));
                }

                return callee(env) is FeelFunction f ? f.InvokeNamed(args, env.Context) : NotAFunction(node, env);
            };
        }

        var positional = node.Positional.Select(p => Compile(p, scope)).ToArray();
        return env =>
        {
            if (callee(env) is not FeelFunction f)
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

    private static Evaluator CompileFunction(FunctionNode node, Scope scope)
    {
        if (node.External)
        {
            return env => env.Context.Null("External (Java/PMML) functions are not supported.");
        }

        var names = node.Parameters.Select(p => p.Name).ToArray();
        var types = node.Parameters.Select(p => p.Type is null ? null : ResolveType(p.Type, scope, node.Position)).ToArray();
        var body = Compile(node.Body, new Scope(scope, names));
        return env => new UserFunction(names, types, body, env);
    }
}

/// <summary>A FEEL <c>function(…) body</c> value, closed over the environment it was defined in.</summary>
internal sealed class UserFunction(string[] names, FeelType?[] types, Evaluator body, Env closure) : FeelFunction
{
    public override IReadOnlyList<string> ParameterNames => names;

    public IReadOnlyList<FeelType?> ParameterTypes => types;

    public override object? Invoke(object?[] args, FeelEvaluationContext context)
    {
        if (args.Length != names.Length)
        {
            return context.Null($"The function takes {names.Length} argument(s), not {args.Length}.");
        }

        var slots = new object?[names.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            if (!FeelConformance.TryConform(args[i], types[i], out slots[i]))
            {
                return context.Null($"Argument '{names[i]}' is not a {types[i]!.Name}.");
            }
        }

        if (!context.TryEnter())
        {
            return null;
        }

        try
        {
            return body(new Env(closure, slots, context));
        }
        finally
        {
            context.Exit();
        }
    }
}
