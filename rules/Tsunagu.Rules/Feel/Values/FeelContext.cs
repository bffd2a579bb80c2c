namespace Tsunagu.Rules.Feel.Values;

/// <summary>An immutable FEEL context: ordered entries with unique names.</summary>
public sealed class FeelContext : IEquatable<FeelContext>
{
    public static readonly FeelContext Empty = new([]);

    private readonly KeyValuePair<string, object?>[] _entries;
    private readonly Dictionary<string, int>? _index;

    private FeelContext(KeyValuePair<string, object?>[] entries)
    {
        _entries = entries;
        if (entries.Length > 8)
        {
            _index = new Dictionary<string, int>(entries.Length, StringComparer.Ordinal);
            for (var i = 0; i < entries.Length; i++)
            {
                _index[entries[i].Key] = i;
            }
        }
    }

    public IReadOnlyList<KeyValuePair<string, object?>> Entries => _entries;

    public int Count => _entries.Length;

    /// <summary>Builds a context; a later entry with the same name replaces the earlier one in place.</summary>
    public static FeelContext Create(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var list = new List<KeyValuePair<string, object?>>();
        foreach (var entry in entries)
        {
            var at = list.FindIndex(e => e.Key == entry.Key);
            if (at >= 0)
            {
                list[at] = entry;
            }
            else
            {
                list.Add(entry);
            }
        }

        return new FeelContext([.. list]);
    }

    public bool TryGet(string name, out object? value)
    {
        if (_index is not null)
        {
            if (_index.TryGetValue(name, out var i))
            {
                value = _entries[i].Value;
                return true;
            }
        }
        else
        {
            foreach (var entry in _entries)
            {
                if (entry.Key == name)
                {
                    value = entry.Value;
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    public bool ContainsKey(string name) => TryGet(name, out _);

    /// <summary>A copy with <paramref name="name"/> set (replaced in place, or appended).</summary>
    public FeelContext With(string name, object? value) => Create(_entries.Append(new(name, value)));

    public bool Equals(FeelContext? other) => other is not null && FeelSemantics.Equal(this, other) == true;

    public override bool Equals(object? obj) => obj is FeelContext c && Equals(c);

    public override int GetHashCode() => Count;

    public override string ToString() => FeelSemantics.ToFeelString(this);
}
