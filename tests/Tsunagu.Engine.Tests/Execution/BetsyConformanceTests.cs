using System.Text.Json;
using Tsunagu.Conformance.Betsy;
using Tsunagu.Engine.Tests.Conformance;

namespace Tsunagu.Engine.Tests.Execution;

/// <summary>Runs the betsy conformance cases through the real engine and guards the pass count against regressions.</summary>
[TestClass]
public sealed class BetsyConformanceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RunAsync_BetsyData_PassesAtLeastTheBaselineAndRefusesEveryConstraintModel()
    {
        using var baseline = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Execution", "betsy-baseline.json")));
        var minimum = baseline.RootElement.GetProperty("passed").GetInt32();

        var report = await BetsyRunner.RunAsync(BetsyData.Root, TestContext.CancellationToken);

        foreach (var failure in report.Failures)
        {
            TestContext.WriteLine($"FAIL {failure.Group}/{failure.Name} case {failure.Case}: expected [{string.Join(", ", failure.Expected)}], actual [{string.Join(", ", failure.Actual)}]");
        }

        Assert.AreEqual(report.ConstraintModels, report.ConstraintsRefused, "Accepted constraint models: " + string.Join(", ", report.ConstraintsAccepted));
        Assert.IsGreaterThanOrEqualTo(minimum, report.Passed, $"{report.Passed} betsy cases passed, below the baseline of {minimum}.");
    }
}
