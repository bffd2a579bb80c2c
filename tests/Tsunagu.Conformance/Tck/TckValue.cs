namespace Tsunagu.Conformance.Tck;

/// <summary>A value as a TCK file writes it, not yet converted to FEEL.</summary>
public abstract record TckValue;

/// <summary><c>xsi:nil="true"</c> or an absent value: FEEL null.</summary>
public sealed record TckNil : TckValue
{
    public static TckNil Instance { get; } = new();
}

/// <summary>
/// A <c>&lt;value&gt;</c> in XML Schema lexical form. <see cref="XsdType"/> is the local name when
/// <c>xsi:type</c> names an XML Schema type (<c>decimal</c>, <c>string</c>, <c>dateTime</c>…), otherwise the raw
/// attribute, and null when there is none.
/// </summary>
public sealed record TckSimple : TckValue
{
    public string? XsdType { get; init; }

    public required string Text { get; init; }
}

public sealed record TckList : TckValue
{
    public IReadOnlyList<TckValue> Items { get; init; } = [];
}

/// <summary>A context: components in document order.</summary>
public sealed record TckComponents : TckValue
{
    public IReadOnlyList<TckComponent> Components { get; init; } = [];
}

public sealed record TckComponent
{
    public required string Name { get; init; }

    public required TckValue Value { get; init; }
}
