using System.Text.Json;
using Tsunagu.Rules.Tck;

namespace Tsunagu.Rules.Tests.Tck;

/// <summary>
/// Runs the whole DMN TCK through the engine and guards the pass counts recorded in baseline.json: a change that makes
/// a level pass fewer cases fails here. Raise the baseline when conformance improves.
/// </summary>
[TestClass]
public sealed class TckConformanceTests(TestContext testContext)
{
    [TestMethod]
    public void Run_SharedTck_PassesAtLeastTheBaselinePerLevel()
    {
        var report = TckRunner.Run(TckRoot());
        foreach (var (level, (passed, failed)) in report.Levels)
        {
            testContext.WriteLine($"{level}: {passed} passed, {failed} failed");
        }

        foreach (var f in report.Failures)
        {
            testContext.WriteLine($"FAIL {f.Folder} #{f.CaseId} {f.Node}: expected {f.Expected}, actual {f.Actual} [{f.Detail}]");
        }

        var regressions = Baseline()
            .Select(b => (Level: b.Key, Baseline: b.Value, Passed: report.Levels.TryGetValue(b.Key, out var counts) ? counts.Passed : 0))
            .Where(l => l.Passed < l.Baseline)
            .Select(l => $"{l.Level}: {l.Passed} passed, baseline {l.Baseline}")
            .ToList();
        Assert.IsEmpty(regressions, "TCK conformance dropped: " + string.Join("; ", regressions));
    }

    private static Dictionary<string, int> Baseline()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Tck", "baseline.json");
        var baseline = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path));
        Assert.IsNotNull(baseline, $"{path} is empty.");
        Assert.IsNotEmpty(baseline, $"{path} records no level.");
        return baseline;
    }

    /// <summary><c>../shared/dmn-tck</c> beside the repository root (the folder holding Tsunagu.slnx). Missing data is a failure, not a pass.</summary>
    private static string TckRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tsunagu.slnx")))
            {
                var tck = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "dmn-tck"));
                Assert.IsTrue(Directory.Exists(tck), $"The DMN TCK is missing: expected it at {tck}.");
                return tck;
            }
        }

        Assert.Fail($"No Tsunagu.slnx above {AppContext.BaseDirectory}: cannot locate the repository root and so the DMN TCK.");
        return "";
    }
}
