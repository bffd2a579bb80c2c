using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Compilation;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel;

/// <summary>
/// A compiled FEEL expression over named variables, for hosts that evaluate FEEL outside a DMN model
/// (BPMN conditions, mappings, timers). Immutable and thread-safe.
/// </summary>
public sealed class FeelExpression
{
    private readonly string[] _variables;
    private readonly Evaluator _evaluator;

    private FeelExpression(string text, string[] variables, Evaluator evaluator)
    {
        Text = text;
        _variables = variables;
        _evaluator = evaluator;
    }

    public string Text { get; }

    /// <summary>The variable names the expression was compiled against (multi-word names are recognised by these).</summary>
    public IReadOnlyList<string> Variables => _variables;

    /// <summary>Compiles <paramref name="text"/>; throws <see cref="FeelSyntaxException"/> when it does not parse.</summary>
    public static FeelExpression Compile(string text, IEnumerable<string>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = variables?.Distinct(StringComparer.Ordinal).ToArray() ?? [];
        var scope = new Scope(null, names);
        var node = Parser.ParseExpression(text, name => scope.Defines(name) || BuiltinLibrary.TryGet(name, out _));
        return new FeelExpression(text, names, Compiler.Compile(node, scope));
    }

    /// <summary>
    /// Compiles <paramref name="text"/> for variables known only at run time (process variables): names are looked up
    /// in the context passed to <see cref="Evaluate(FeelContext, FeelEvaluationContext?)"/>.
    /// </summary>
    public static FeelExpression CompileDynamic(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scope = new Scope(null, [], dynamic: true);
        var node = Parser.ParseExpression(text, name => BuiltinLibrary.TryGet(name, out _));
        return new FeelExpression(text, [], Compiler.Compile(node, scope));
    }

    /// <summary>Evaluates an expression from <see cref="CompileDynamic"/> against variables held in a context.</summary>
    public object? Evaluate(FeelContext variables, FeelEvaluationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return Run(new Env(null, [], context ?? new FeelEvaluationContext(), variables));
    }

    /// <summary>Evaluates with the given variables (FEEL values; a missing variable is null). Errors give null and diagnostics in <paramref name="context"/>.</summary>
    public object? Evaluate(IReadOnlyDictionary<string, object?> variables, FeelEvaluationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var slots = new object?[_variables.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = variables.TryGetValue(_variables[i], out var value) ? value : null;
        }

        return Run(new Env(null, slots, context ?? new FeelEvaluationContext()));
    }

    private object? Run(Env env)
    {
        var value = _evaluator(env);
        return env.Context.Exhausted ? null : value;
    }
}
