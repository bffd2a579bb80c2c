using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>
/// One invocation of a built-in: typed access to its arguments. Every failed check reports
/// "function: message" and yields false, so a body can simply <c>return null</c> afterwards.
/// </summary>
internal readonly struct BuiltinCall(string function, object?[] args, FeelEvaluationContext context)
{
    public FeelEvaluationContext Context => context;

    public int Count => args.Length;

    public IReadOnlyList<object?> Args => args;

    /// <summary>The argument at <paramref name="index"/>, or null when it was not given.</summary>
    public object? this[int index] => index < args.Length ? args[index] : null;

    public object? Fail(string message) => context.Null($"{function}: {message}");

    /// <summary>A typed argument; a singleton list given for a non-list parameter is unwrapped (DMN 1.5 §10.3.2.9.4).</summary>
    public bool Get<T>(int index, string parameter, out T value)
    {
        var argument = this[index] is FeelList { Count: 1 } single && typeof(T) != typeof(FeelList) ? single[0] : this[index];
        if (argument is T typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        Fail($"'{parameter}' must be a {Label<T>()}, not {FeelSemantics.TypeName(this[index])}.");
        return false;
    }

    /// <summary>An optional argument: absent or null gives <paramref name="fallback"/>.</summary>
    public bool Optional<T>(int index, string parameter, T fallback, out T value)
    {
        if (this[index] is null)
        {
            value = fallback;
            return true;
        }

        return Get(index, parameter, out value);
    }

    /// <summary>A list parameter; a non-list value is converted to a singleton list (DMN 1.5 §10.3.2.9.4), null is refused.</summary>
    public bool List(int index, string parameter, out FeelList list)
    {
        switch (this[index])
        {
            case null:
                list = FeelList.Empty;
                Fail($"'{parameter}' must be a list, not null.");
                return false;
            case FeelList given:
                list = given;
                return true;
            case var single:
                list = new FeelList([single]);
                return true;
        }
    }

    /// <summary>The list of <c>f(list)</c> or the items of <c>f(c1, …, cN)</c>.</summary>
    public bool ListOrItems(out FeelList list)
    {
        if (args.Length == 1)
        {
            return List(0, "list", out list);
        }

        list = new FeelList(args);
        return true;
    }

    /// <summary>An integral number argument; fractional digits are truncated.</summary>
    public bool Integer(int index, string parameter, out int value)
    {
        value = 0;
        if (!Get(index, parameter, out FeelNumber number))
        {
            return false;
        }

        var truncated = number.Truncate();
        if (truncated < int.MinValue || truncated > int.MaxValue)
        {
            Fail($"'{parameter}' is out of range.");
            return false;
        }

        value = (int)truncated;
        return true;
    }

    /// <summary>A 1-based position into <paramref name="count"/> items (negative counts from the end), as a 0-based index.</summary>
    public bool Position(int index, string parameter, int count, out int offset)
    {
        offset = 0;
        if (!Integer(index, parameter, out var position))
        {
            return false;
        }

        offset = position > 0 ? position - 1 : count + position;
        if (position == 0 || offset < 0 || offset >= count)
        {
            Fail($"'{parameter}' {position} is outside 1..{count} (or -{count}..-1).");
            return false;
        }

        return true;
    }

    public static object Number(long value) => FeelNumber.FromInt64(value);

    private static string Label<T>() => typeof(T) switch
    {
        var t when t == typeof(string) => "string",
        var t when t == typeof(FeelNumber) => "number",
        var t when t == typeof(bool) => "boolean",
        var t when t == typeof(FeelList) => "list",
        var t when t == typeof(FeelContext) => "context",
        var t when t == typeof(FeelRange) => "range",
        var t when t == typeof(FeelFunction) => "function",
        var t => t.Name,
    };
}
