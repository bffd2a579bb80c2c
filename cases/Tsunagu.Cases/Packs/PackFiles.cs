using System.Reflection;

namespace Tsunagu.Cases.Packs;

/// <summary>Where a pack's files are read from: a folder an administrator edits, or the packs shipped inside this assembly.</summary>
internal abstract class PackFiles
{
    /// <summary>Where the files are, for messages (a folder, or "the shipped pack 'matsudo'").</summary>
    public abstract string Location { get; }

    /// <summary>The file's bytes, or null when the pack has no such file.</summary>
    public abstract Stream? Open(string file);

    public bool Exists(string file)
    {
        using var stream = Open(file);
        return stream is not null;
    }

    public sealed class Folder(string directory) : PackFiles
    {
        public override string Location => directory;

        public override Stream? Open(string file)
        {
            var path = Path.Combine(directory, file);
            return File.Exists(path) ? File.OpenRead(path) : null;
        }
    }

    /// <summary>The packs built from the repository's samples/ folder (embedded as <c>packs/{id}/{file}</c>).</summary>
    public sealed class Shipped(string municipality) : PackFiles
    {
        private const string Prefix = "packs/";
        private static readonly Assembly Assembly = typeof(Shipped).Assembly;

        public override string Location => $"the shipped pack '{municipality}'";

        /// <summary>The ids of the shipped packs, in order.</summary>
        public static IReadOnlyList<string> Ids { get; } =
            [.. Assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith("/" + SamplePack.PackFileName, StringComparison.Ordinal))
                .Select(n => n[Prefix.Length..n.IndexOf('/', Prefix.Length)])
                .Order(StringComparer.Ordinal)];

        public override Stream? Open(string file) => Assembly.GetManifestResourceStream($"{Prefix}{municipality}/{file}");
    }
}
