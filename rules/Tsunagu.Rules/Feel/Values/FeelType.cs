using Tsunagu.Rules.Feel.Temporal;

namespace Tsunagu.Rules.Feel.Values;

/// <summary>A FEEL type (DMN 1.5 §10.3.2.9): decides <c>instance of</c> and is the target of type conformance checks.</summary>
public abstract class FeelType
{
    public static readonly FeelType Any = new NamedType("Any", v => v is not null);
    public static readonly FeelType Null = new NamedType("Null", v => v is null);
    public static readonly FeelType Number = new NamedType("number", v => v is FeelNumber);
    public static readonly FeelType String = new NamedType("string", v => v is string);
    public static readonly FeelType Boolean = new NamedType("boolean", v => v is bool);
    public static readonly FeelType Date = Temporal("date");
    public static readonly FeelType Time = Temporal("time");
    public static readonly FeelType DateTime = Temporal("date and time");
    public static readonly FeelType YearsMonthsDuration = Temporal("years and months duration");
    public static readonly FeelType DaysTimeDuration = Temporal("days and time duration");
    public static readonly FeelType AnyList = new ListType(Any);
    public static readonly FeelType AnyContext = new ContextType([]);
    public static readonly FeelType AnyRange = new RangeType(Any);
    public static readonly FeelType AnyFunction = new NamedType("function", v => v is FeelFunction);

    private static readonly Dictionary<string, FeelType> BuiltIn = new[]
    {
        Any, Null, Number, String, Boolean, Date, Time, DateTime, YearsMonthsDuration, DaysTimeDuration, AnyList, AnyContext, AnyRange, AnyFunction,
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public abstract string Name { get; }

    /// <summary>Null is an instance of no type but Null; every non-null value is an instance of Any.</summary>
    public abstract bool IsInstance(object? value);

    /// <summary>FEEL <c>instance of</c>: like <see cref="IsInstance"/>, but a DMN type's allowed values and constraints are not checked.</summary>
    public virtual bool HasType(object? value) => IsInstance(value);

    /// <summary>For a list type, the type of its items (for the singleton-list conversions); null otherwise.</summary>
    public virtual FeelType? ItemType => null;

    /// <summary>The built-in type of this name ("number", "date and time", "list", …), also with the "feel:" prefix.</summary>
    public static FeelType? FromName(string name) =>
        BuiltIn.TryGetValue(name.StartsWith("feel:", StringComparison.Ordinal) ? name[5..] : name, out var type) ? type : null;

    public override string ToString() => Name;

    private static NamedType Temporal(string name) => new(name, v => TemporalOps.TypeName(v) == name);

    private sealed class NamedType(string name, Func<object?, bool> test) : FeelType
    {
        public override string Name => name;

        public override bool IsInstance(object? value) => test(value);
    }
}

/// <summary><c>list&lt;T&gt;</c>.</summary>
public sealed class ListType(FeelType element) : FeelType
{
    public FeelType Element { get; } = element;

    public override string Name => ReferenceEquals(Element, Any) ? "list" : $"list<{Element.Name}>";

    public override FeelType ItemType => Element;

    public override bool IsInstance(object? value) =>
        value is FeelList list && (ReferenceEquals(Element, Any) || list.Items.All(i => i is null || Element.IsInstance(i)));

    public override bool HasType(object? value) =>
        value is FeelList list && (ReferenceEquals(Element, Any) || list.Items.All(i => i is null || Element.HasType(i)));
}

/// <summary><c>range&lt;T&gt;</c>.</summary>
public sealed class RangeType(FeelType point) : FeelType
{
    public FeelType Point { get; } = point;

    public override string Name => ReferenceEquals(Point, Any) ? "range" : $"range<{Point.Name}>";

    public override bool IsInstance(object? value) =>
        value is FeelRange r && (r.StartUnbounded || r.Start is null || Point.IsInstance(r.Start)) && (r.EndUnbounded || r.End is null || Point.IsInstance(r.End));
}

/// <summary><c>context&lt;name: T, …&gt;</c>: a context having at least these entries, each of its type.</summary>
public sealed class ContextType(IReadOnlyList<KeyValuePair<string, FeelType>> fields) : FeelType
{
    public IReadOnlyList<KeyValuePair<string, FeelType>> Fields { get; } = fields;

    public override string Name => Fields.Count == 0 ? "context" : $"context<{string.Join(", ", Fields.Select(f => $"{f.Key}: {f.Value.Name}"))}>";

    public override bool IsInstance(object? value) =>
        value is FeelContext c && Fields.All(f => c.TryGet(f.Key, out var v) && (v is null || f.Value.IsInstance(v)));
}

/// <summary><c>function&lt;T, …&gt; -&gt; R</c>: parameter types are checked when the function declares them.</summary>
public sealed class FunctionType(IReadOnlyList<FeelType> parameters, FeelType result) : FeelType
{
    public IReadOnlyList<FeelType> Parameters { get; } = parameters;

    public FeelType Result { get; } = result;

    public override string Name => $"function<{string.Join(", ", Parameters.Select(p => p.Name))}>->{Result.Name}";

    public override bool IsInstance(object? value) => value is FeelFunction;
}
