namespace Tsunagu.Conformance.Tck;

/// <summary>Finds the test-case files of a TCK tree.</summary>
public static class TckSuite
{
    /// <summary>Paths of every <c>*-test-*.xml</c> under <paramref name="rootDir"/>, ordered by path (ordinal).</summary>
    public static IReadOnlyList<string> FindTestFiles(string rootDir) =>
        Directory.EnumerateFiles(rootDir, "*-test-*.xml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every test file under <paramref name="rootDir"/>, read and ordered by path.</summary>
    public static IReadOnlyList<TckTestFile> Discover(string rootDir) => FindTestFiles(rootDir).Select(TckReader.Read).ToList();
}
