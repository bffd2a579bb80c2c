using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Compilation;

internal static partial class Compiler
{
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
