using Microsoft.Extensions.Time.Testing;
using Tsunagu.Conformance.Betsy;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Engine.Tests.Execution;

[TestClass]
public sealed class GatewaySemanticsTests
{
    private const string Inclusive = "inclusive-semantics.bpmn";

    [TestMethod]
    [DataRow("twoBranches", "ab", "SCRIPT_task1 SCRIPT_task2 SCRIPT_task4")]
    [DataRow("twoBranches", "a", "SCRIPT_task1 SCRIPT_task4")]
    [DataRow("twoBranches", "b", "SCRIPT_task2 SCRIPT_task4")]
    [DataRow("twoBranches", "none", "ERROR_runtime")]
    [DataRow("threeBranches", "abc", "SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task4")]
    [DataRow("threeBranches", "ac", "SCRIPT_task1 SCRIPT_task3 SCRIPT_task4")]
    [DataRow("threeBranches", "b", "SCRIPT_task2 SCRIPT_task4")]
    [DataRow("threeBranches", "none", "ERROR_runtime")]
    [DataRow("withDefault", "ab", "SCRIPT_task1 SCRIPT_task2 SCRIPT_task4")]
    [DataRow("withDefault", "none", "SCRIPT_task3 SCRIPT_task4")]
    [DataRow("nested", "abcd", "SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task4")]
    [DataRow("nested", "ac", "SCRIPT_task1 SCRIPT_task4")]
    [DataRow("nested", "abd", "SCRIPT_task2 SCRIPT_task3 SCRIPT_task4")]
    public async Task InclusiveSplitAndJoin_SomeConditionsHold_RunsTheTakenBranchesAndJoinsOnceOrRaisesAnIncident(string process, string test, string expected) =>
        Assert.AreEqual(expected, await EngineHarness.SortedTraceAsync(Inclusive, process, ("test", test)));

    [TestMethod]
    public async Task InclusiveJoin_FedByAParallelSplit_WaitsForBothBranches()
    {
        var trace = await EngineHarness.TraceAsync(Inclusive, "afterParallel", TimeSpan.Zero);

        Assert.AreEqual("SCRIPT_task1 SCRIPT_task2 SCRIPT_task4", trace);
    }

    [TestMethod]
    public async Task InclusiveSplitAndJoin_InALoop_JoinsOncePerRound()
    {
        var trace = await EngineHarness.TraceAsync(Inclusive, "loop", TimeSpan.Zero, ("test", "ab"), ("integerVariable", 0));

        Assert.AreEqual("SCRIPT_task1 SCRIPT_task2 SCRIPT_task1 SCRIPT_task2 SCRIPT_task1 SCRIPT_task2 SCRIPT_task4", trace);
    }

    [TestMethod]
    public async Task ParallelSplit_ConditionsOnItsFlows_IgnoresThemAndRunsEveryBranch() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task2 SCRIPT_task3", await EngineHarness.SortedTraceAsync("workflow-patterns.bpmn", "parallelConditions"));

    [TestMethod]
    public async Task DeployAsync_ConditionsOnParallelFlows_WarnsPerFlowInsteadOfRefusing()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new Engine.Execution.EngineOptions { Time = new FakeTimeProvider(EngineHarness.Epoch) });

        var records = await engine.DeployAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Execution", "Fixtures", "workflow-patterns.bpmn")));

        var warned = records.Single(r => r.ProcessKey == "parallelConditions").Warnings;
        Assert.AreEqual("pcf2 pcf3", string.Join(' ', warned.Select(w => w.ElementId)));
        Assert.IsTrue(warned.All(w => w.Code == "TSU.ParallelCondition"));
        Assert.IsEmpty(records.Single(r => r.ProcessKey == "multiMerge").Warnings);
    }
}
