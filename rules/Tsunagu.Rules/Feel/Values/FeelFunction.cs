namespace Tsunagu.Rules.Feel.Values;

/// <summary>A FEEL function value: a built-in, a user-defined FEEL function, a BKM or a decision service.</summary>
public abstract class FeelFunction
{
    /// <summary>Formal parameter names in order; used for named-argument invocation.</summary>
    public abstract IReadOnlyList<string> ParameterNames { get; }

    public abstract object? Invoke(object?[] args, FeelEvaluationContext context);

    /// <summary>Invocation with named arguments; an unknown name gives null and a diagnostic.</summary>
    public virtual object? InvokeNamed(IReadOnlyList<KeyValuePair<string, object?>> named, FeelEvaluationContext context)
    {
        var names = ParameterNames;
        var args = new object?[names.Count];
        foreach (var (name, value) in named)
        {
            var i = IndexOf(names, name);
            if (i < 0)
            {
                return context.Null($"Unknown parameter '{name}'.");
            }

            args[i] = value;
        }

        return Invoke(args, context);
    }

    protected static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
