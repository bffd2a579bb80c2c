using System.Collections.Concurrent;

namespace Tsunagu.Cases.Packs;

/// <summary>
/// The municipality packs of one installation: the packs shipped with Tsunagu, each replaced by a folder of the same id
/// under the override folder when there is one. A pack is loaded once; the only change afterwards is a routing
/// deployment, which writes the override folder and swaps the loaded pack in one step, so routing and the case path's
/// business-rule tasks always read the same rules.
/// </summary>
public sealed class PackCatalog(string? overrides = null)
{
    // pack.json last: it is what makes a folder a pack, so a half-written folder is never read.
    private static readonly string[] MaterializeOrder =
        [SamplePack.InstitutionsFileName, SamplePack.StaffFileName, SamplePack.RoutingFileName, SamplePack.PackFileName];

    private readonly ConcurrentDictionary<string, SamplePack> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _deploy = new();

    /// <summary>The folder whose pack folders replace the shipped packs (null: only the shipped packs).</summary>
    public string? Overrides { get; } = overrides;

    /// <summary>The ids of the packs shipped with Tsunagu, in order.</summary>
    public static IReadOnlyList<string> Shipped => PackFiles.Shipped.Ids;

    /// <summary>The ids of the packs this catalog has, in order.</summary>
    public IReadOnlyList<string> Ids =>
        [.. PackFiles.Shipped.Ids.Concat(OverrideIds()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="municipality"/> is a well-formed id of a pack this catalog has.</summary>
    public bool Contains(string municipality) =>
        SamplePack.PackIdPattern().IsMatch(municipality) && (OverrideFolder(municipality) is not null || PackFiles.Shipped.Ids.Contains(municipality));

    /// <summary>The pack of <paramref name="municipality"/>. Throws <see cref="PackException"/> when it is missing or broken.</summary>
    public SamplePack Get(string municipality) => _loaded.TryGetValue(municipality, out var pack) ? pack : _loaded.GetOrAdd(municipality, Load);

    /// <summary>
    /// Replaces the routing rules of <paramref name="municipality"/>. Before anything is written the model must load as
    /// on start, compile into rules, give outputs that fit the routing contract and route the pack's reference cases as
    /// expected; otherwise a <see cref="PackException"/> lists the reasons and the previous version keeps serving. The
    /// deployed model is written to the override folder and kept in <see cref="VersionsFolder"/> for a rollback.
    /// </summary>
    public SamplePack DeployRouting(string municipality, ReadOnlyMemory<byte> dmn)
    {
        var root = Overrides ?? throw new InvalidOperationException("This catalog has no override folder to deploy into.");
        lock (_deploy)
        {
            var updated = Get(municipality).WithRouting(Read(dmn));
            RoutingGuard.Check(updated);
            var folder = OverrideFolder(municipality) ?? Materialize(municipality, Path.Combine(root, municipality));
            var routing = Path.Combine(folder, SamplePack.RoutingFileName);
            if (Versions(folder).Count == 0)
            {
                Archive(folder, Get(municipality).Routing.VersionHash, File.ReadAllBytes(routing));
            }

            Replace(routing, Read(dmn));
            Archive(folder, updated.Routing.VersionHash, dmn.ToArray());
            _loaded[municipality] = updated;
            return updated;
        }
    }

    /// <summary>The routing model of <paramref name="municipality"/> as it is served (the designer edits this document).</summary>
    public byte[] RoutingDocument(string municipality)
    {
        PackFiles files = OverrideFolder(municipality) is { } folder ? new PackFiles.Folder(folder) : new PackFiles.Shipped(municipality);
        using var stream = files.Open(SamplePack.RoutingFileName) ?? throw new PackException(SamplePack.RoutingFileName, null, $"The file is missing (looked in {files.Location}).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The routing versions deployed for <paramref name="municipality"/>, oldest first (empty before the first deployment).</summary>
    public IReadOnlyList<RoutingVersion> RoutingVersions(string municipality) =>
        OverrideFolder(municipality) is { } folder ? [.. Versions(folder).Select(v => new RoutingVersion(v.Number, v.Hash))] : [];

    /// <summary>Deploys an earlier version again (<paramref name="versionHash"/> as <see cref="RoutingVersions"/> lists it), through the same checks.</summary>
    public SamplePack RollbackRouting(string municipality, string versionHash)
    {
        var version = (OverrideFolder(municipality) is { } folder ? Versions(folder) : []).LastOrDefault(v => v.Hash == versionHash)
            ?? throw new PackException(SamplePack.RoutingFileName, VersionsFolder, $"There is no deployed version {versionHash} of pack '{municipality}'.");
        return DeployRouting(municipality, File.ReadAllBytes(version.Path));
    }

    /// <summary>The folder beside routing.dmn that keeps every deployed version as <c>NNNN-sha256-HEX.dmn</c>.</summary>
    public const string VersionsFolder = "routing.versions";

    private static List<StoredVersion> Versions(string folder)
    {
        var versions = Path.Combine(folder, VersionsFolder);
        return !Directory.Exists(versions) ? [] :
            [.. Directory.EnumerateFiles(versions, "*.dmn")
                .Select(path => (Name: Path.GetFileNameWithoutExtension(path), Path: path))
                .Where(f => f.Name.Length > 5 && f.Name[4] == '-' && int.TryParse(f.Name.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture, out _))
                .Select(f => new StoredVersion(int.Parse(f.Name.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture), f.Name[5..].Replace("sha256-", "sha256:", StringComparison.Ordinal), f.Path))
                .OrderBy(v => v.Number)];
    }

    private sealed record StoredVersion(int Number, string Hash, string Path);

    private static void Archive(string folder, string hash, byte[] dmn)
    {
        var existing = Versions(folder);
        if (existing.Count > 0 && existing[^1].Hash == hash)
        {
            return;
        }

        Directory.CreateDirectory(Path.Combine(folder, VersionsFolder));
        var name = $"{(existing.Count > 0 ? existing[^1].Number + 1 : 1):D4}-{hash.Replace(':', '-')}.dmn";
        Replace(Path.Combine(folder, VersionsFolder, name), new MemoryStream(dmn, writable: false));
    }

    private SamplePack Load(string municipality)
    {
        if (!Contains(municipality))
        {
            throw new PackException(SamplePack.PackFileName, null, $"There is no pack '{municipality}'.");
        }

        var pack = SamplePack.Load(OverrideFolder(municipality) is { } folder ? new PackFiles.Folder(folder) : new PackFiles.Shipped(municipality));
        return pack.Municipality.Id == municipality
            ? pack
            : throw new PackException(SamplePack.PackFileName, "municipality.id", $"'{pack.Municipality.Id}' does not match the pack's id '{municipality}'.");
    }

    private string? OverrideFolder(string municipality) =>
        Overrides is not null && File.Exists(Path.Combine(Overrides, municipality, SamplePack.PackFileName)) ? Path.Combine(Overrides, municipality) : null;

    private IEnumerable<string> OverrideIds() =>
        Overrides is not null && Directory.Exists(Overrides)
            ? Directory.EnumerateDirectories(Overrides).Select(Path.GetFileName).OfType<string>().Where(id => SamplePack.PackIdPattern().IsMatch(id) && OverrideFolder(id) is not null)
            : [];

    /// <summary>Writes a shipped pack's files into its override folder, so an administrator's change edits this installation only.</summary>
    private static string Materialize(string municipality, string folder)
    {
        Directory.CreateDirectory(folder);
        var shipped = new PackFiles.Shipped(municipality);
        if (shipped.Open(RoutingGuard.ReferenceCasesFileName) is { } references)
        {
            Replace(Path.Combine(folder, RoutingGuard.ReferenceCasesFileName), references);
        }

        foreach (var file in MaterializeOrder)
        {
            Replace(Path.Combine(folder, file), shipped.Open(file) ?? throw new PackException(file, null, $"The file is missing (looked in {shipped.Location})."));
        }

        return folder;
    }

    /// <summary>Writes beside the target and moves over it, so a reader sees the old file or the new one, never a part.</summary>
    private static void Replace(string path, Stream content)
    {
        var staged = $"{path}.{Guid.NewGuid():N}.new";
        using (content)
        using (var output = File.Create(staged))
        {
            content.CopyTo(output);
        }

        File.Move(staged, path, overwrite: true);
    }

    private static MemoryStream Read(ReadOnlyMemory<byte> bytes) => new(bytes.ToArray(), writable: false);
}

/// <summary>A deployed routing model: its number in deployment order and its version hash (<c>sha256:…</c>).</summary>
public sealed record RoutingVersion(int Number, string VersionHash);
