using System.Text.Json;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;

namespace Tsunagu.Cases.Tests.Packs;

/// <summary>The shipped packs under samples/ and helpers to route with them or with a copy.</summary>
internal static class Samples
{
    public static string Root { get; } = FindRoot();

    public static string PackRoot => Path.Combine(Root, "samples");

    /// <summary>Where copied packs go; removed after the test run.</summary>
    public static string CopiesRoot { get; } = Path.Combine(Path.GetTempPath(), "tsunagu-packs-" + Guid.NewGuid().ToString("N"));

    public static RoutingService Service { get; } = new(new PackCatalog());

    public static SamplePack Matsudo { get; } = SamplePack.Load(Path.Combine(PackRoot, Municipality.Matsudo));

    public static SamplePack Ichikawa { get; } = SamplePack.Load(Path.Combine(PackRoot, Municipality.Ichikawa));

    public static RoutingResult Route(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Service.Route(document.RootElement);
    }

    public static RoutingValidationException Invalid(string json) => Assert.ThrowsExactly<RoutingValidationException>(() => Route(json));

    /// <summary>Copies a shipped pack into a fresh temporary root (as <c>root/municipality</c>) and returns the root.</summary>
    public static string CopyPack(string municipality)
    {
        var root = Path.Combine(CopiesRoot, Guid.NewGuid().ToString("N"));
        var target = Directory.CreateDirectory(Path.Combine(root, municipality));
        foreach (var file in Directory.GetFiles(Path.Combine(PackRoot, municipality)))
        {
            File.Copy(file, Path.Combine(target.FullName, Path.GetFileName(file)));
        }

        return root;
    }

    private static string FindRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Tsunagu.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("Repository root not found.");
        }

        return root;
    }
}

[TestClass]
public static class SamplesCleanup
{
    [AssemblyCleanup]
    public static void RemoveCopies()
    {
        if (Directory.Exists(Samples.CopiesRoot))
        {
            Directory.Delete(Samples.CopiesRoot, recursive: true);
        }
    }
}

/// <summary>Assertions on routing results.</summary>
internal static class RoutingAssert
{
    public static Referral Single(RoutingResult result, string institution, string category)
    {
        var matches = result.Referrals.Where(r => r.Institution == institution && r.Category == category).ToList();
        Assert.HasCount(1, matches, $"{institution}/{category} in: {Describe(result)}");
        return matches[0];
    }

    /// <summary>The values in order.</summary>
    public static void AreEqual(IReadOnlyList<string> actual, params string[] expected) =>
        CollectionAssert.AreEqual(expected, actual.ToArray(), string.Join(", ", actual));

    public static void AreEqual(IReadOnlyList<int> actual, params int[] expected) =>
        CollectionAssert.AreEqual(expected, actual.ToArray(), string.Join(", ", actual));

    public static void None(RoutingResult result, string institution) =>
        Assert.IsFalse(result.Referrals.Any(r => r.Institution == institution), $"{institution} unexpected in: {Describe(result)}");

    public static void Institutions(RoutingResult result, params string[] expected) =>
        CollectionAssert.AreEqual(expected, result.Referrals.Select(r => r.Institution).ToArray(), Describe(result));

    private static string Describe(RoutingResult result) =>
        string.Join("; ", result.Referrals.Select(r => $"{r.Institution}/{r.Category}/{string.Join(",", r.Subjects)}/{string.Join(",", r.Rules)}"));
}
