namespace Tsunagu.Rules.Feel.Values;

/// <summary>An immutable FEEL list.</summary>
public sealed class FeelList : IEquatable<FeelList>
{
    public static readonly FeelList Empty = new([]);

    public FeelList(IReadOnlyList<object?> items) => Items = items;

    public IReadOnlyList<object?> Items { get; }

    public int Count => Items.Count;

    public object? this[int index] => Items[index];

    public bool Equals(FeelList? other) => other is not null && FeelSemantics.Equal(this, other) == true;

    public override bool Equals(object? obj) => obj is FeelList l && Equals(l);

    public override int GetHashCode() => Count;

    public override string ToString() => FeelSemantics.ToFeelString(this);
}
