using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Compilation;

/// <summary>A compiled FEEL expression: evaluates against a runtime environment.</summary>
internal delegate object? Evaluator(Env env);

/// <summary>
/// A runtime frame: values in slots fixed at compile time, optionally a context whose entries are visible by name
/// (the item of a filter), and the evaluation context for diagnostics and the clock.
/// </summary>
internal sealed class Env(Env? parent, object?[] slots, FeelEvaluationContext context, FeelContext? dynamic = null)
{
    public Env? Parent { get; } = parent;

    public object?[] Slots { get; } = slots;

    public FeelContext? Dynamic { get; } = dynamic;

    public FeelEvaluationContext Context { get; } = context;

    public Env Up(int depth)
    {
        var env = this;
        for (var i = 0; i < depth; i++)
        {
            env = env.Parent!;
        }

        return env;
    }
}

/// <summary>The compile-time picture of an <see cref="Env"/>: slot names, and whether it also carries a dynamic context.</summary>
internal sealed class Scope(Scope? parent, IReadOnlyList<string> names, bool dynamic = false)
{
    public Scope? Parent { get; } = parent;

    public IReadOnlyList<string> Names { get; } = names;

    public bool Dynamic { get; } = dynamic;

    /// <summary>Resolves DMN type names (item definitions) for <c>instance of</c> and typed parameters.</summary>
    public Func<string, FeelType?>? TypeResolver { get; init; }

    public Func<string, FeelType?>? ResolveType => TypeResolver ?? Parent?.ResolveType;

    /// <summary>A slot whose name is not visible here (the context entry being defined); -1 for none.</summary>
    public int Hidden { get; init; } = -1;

    public int IndexOf(string name)
    {
        for (var i = Names.Count - 1; i >= 0; i--)
        {
            if (Names[i] == name && i != Hidden)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The built-in function <paramref name="name"/> when the name certainly means it here: no slot defines the name
    /// and no dynamic context (a filter item) could supply an entry of that name at run time.
    /// </summary>
    public bool TryBuiltin(string name, out FeelFunction function)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s.Dynamic || s.IndexOf(name) >= 0)
            {
                function = null!;
                return false;
            }
        }

        return BuiltinLibrary.TryGet(name, out function);
    }

    /// <summary>True when <paramref name="name"/> is a slot of this scope or an outer one (for the parser's multi-word names).</summary>
    public bool Defines(string name)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s.IndexOf(name) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
