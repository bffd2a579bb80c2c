using System.Text.Json;
using Tsunagu.Conformance.Tck;

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

    /// <summary>The shared DMN TCK beside the repository root. Missing data is a failure, not a pass.</summary>
    private static string TckRoot() =>
        Dmn.DmnTestData.TckRoot() ?? throw new AssertFailedException($"The DMN TCK is missing: expected ../shared/dmn-tck beside the repository root above {AppContext.BaseDirectory}.");
}
