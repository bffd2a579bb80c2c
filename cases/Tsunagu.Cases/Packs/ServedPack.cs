namespace Tsunagu.Cases.Packs;

/// <summary>The municipality this installation serves, read from the catalog on each use so a routing deployment is seen at once.</summary>
public sealed class ServedPack(PackCatalog catalog, string municipality)
{
    public string Id { get; } = municipality;

    public SamplePack Current => catalog.Get(Id);
}
