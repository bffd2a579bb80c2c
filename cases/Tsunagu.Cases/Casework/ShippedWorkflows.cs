namespace Tsunagu.Cases.Casework;

/// <summary>The process models shipped with Tsunagu (the repository's workflows/ folder, embedded in this assembly).</summary>
public static class ShippedWorkflows
{
    private const string Prefix = "workflows/";

    /// <summary>Each shipped .bpmn by file name, in name order.</summary>
    public static IReadOnlyList<(string Name, string Xml)> All { get; } = Load();

    /// <summary>The shipped model of one file (e.g. <c>case-path.bpmn</c>).</summary>
    public static string Get(string name) =>
        All.FirstOrDefault(w => w.Name == name).Xml ?? throw new ArgumentException($"No shipped workflow '{name}'.", nameof(name));

    private static (string Name, string Xml)[] Load()
    {
        var assembly = typeof(ShippedWorkflows).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n[Prefix.Length..], reader.ReadToEnd());
            })];
    }
}
