using System.Collections.Concurrent;

namespace Tsunagu.Cases.Packs;

/// <summary>
/// The packs under one folder (e.g. <c>samples/</c>), one sub-folder per municipality id. A pack is loaded on first use and
/// reloaded when one of its files changes, so an administrator's edit applies to the next routing.
/// </summary>
public sealed class SamplePackCatalog(string root)
{
    private static readonly string[] Files =
        [SamplePack.PackFileName, SamplePack.InstitutionsFileName, SamplePack.StaffFileName, SamplePack.RoutingFileName];

    private readonly ConcurrentDictionary<string, (string Stamp, SamplePack Pack)> _loaded = new(StringComparer.Ordinal);

    public string Root { get; } = root;

    /// <summary>Whether <paramref name="municipality"/> is a well-formed id with a pack folder.</summary>
    public bool Contains(string municipality) =>
        SamplePack.PackIdPattern().IsMatch(municipality) && Directory.Exists(Path.Combine(Root, municipality));

    /// <summary>The pack of <paramref name="municipality"/>. Throws <see cref="PackException"/> when it is missing or broken.</summary>
    public SamplePack Get(string municipality)
    {
        if (!Contains(municipality))
        {
            throw new PackException(SamplePack.PackFileName, null, $"There is no pack '{municipality}' under {Root}.");
        }

        var directory = Path.Combine(Root, municipality);
        var stamp = Stamp(directory);
        if (_loaded.TryGetValue(municipality, out var cached) && cached.Stamp == stamp)
        {
            return cached.Pack;
        }

        var pack = SamplePack.Load(directory);
        if (pack.Municipality.Id != municipality)
        {
            throw new PackException(SamplePack.PackFileName, "municipality.id", $"'{pack.Municipality.Id}' does not match the folder name '{municipality}'.");
        }

        _loaded[municipality] = (stamp, pack);
        return pack;
    }

    private static string Stamp(string directory) => string.Join('|', Files.Select(f =>
    {
        var file = new FileInfo(Path.Combine(directory, f));
        return file.Exists ? $"{file.LastWriteTimeUtc.Ticks}:{file.Length}" : "-";
    }));
}
