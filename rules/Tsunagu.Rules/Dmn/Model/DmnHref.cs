namespace Tsunagu.Rules.Dmn.Model;

/// <summary>
/// A parsed <c>href</c>: <c>#id</c> (local) or <c>namespace#id</c>, where the namespace names an imported
/// model or, redundantly, this model itself.
/// </summary>
public sealed record DmnHref
{
    /// <summary>The namespace before <c>#</c>; null for a purely local reference.</summary>
    public string? Namespace { get; init; }

    public required string Id { get; init; }

    /// <summary>True when the reference points into the model whose namespace is <paramref name="modelNamespace"/>.</summary>
    public bool IsLocalTo(string modelNamespace) => Namespace is null || Namespace == modelNamespace;

    /// <summary>Splits at the last <c>#</c>; text without <c>#</c> is taken as a bare local id, as some tools write it.</summary>
    public static DmnHref Parse(string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        var hash = href.LastIndexOf('#');
        return hash switch
        {
            < 0 => new DmnHref { Id = href },
            0 => new DmnHref { Id = href[1..] },
            _ => new DmnHref { Namespace = href[..hash], Id = href[(hash + 1)..] },
        };
    }

    public override string ToString() => $"{Namespace}#{Id}";
}
