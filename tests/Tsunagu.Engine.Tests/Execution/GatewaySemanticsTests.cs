using Tsunagu.Engine.Conformance;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Engine.Tests.Execution;

[TestClass]
public sealed class GatewaySemanticsTests
{
    private const string Inclusive = "inclusive-semantics.bpmn";

    [TestMethod]
    [DataRow("ab", "SCRIPT_task1 SCRIPT_task2 SCRIPT_task4")]
    [DataRow("a", "SCRIPT_task1 SCRIPT_task4")]
    [DataRow("b", "SCRIPT_task2 SCRIPT_task4")]
    public async Task InclusiveSplitAndJoin_TwoConditions_RunsTheTakenBranchesAndJoinsOnce(string test, string expected) =>
        Assert.AreEqual(expected, await EngineHarness.SortedTraceAsync(Inclusive, "twoBranches", ("test", test)));

    [TestMethod]
    [DataRow("abc", "SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task4")]
    [DataRow("ac", "SCRIPT_task1 SCRIPT_task3 SCRIPT_task4")]
    [DataRow("b", "SCRIPT_task2 SCRIPT_task4")]
    public async Task InclusiveSplitAndJoin_ThreeConditions_RunsTheTakenBranchesAndJoinsOnce(string test, string expected) =>
        Assert.AreEqual(expected, await EngineHarness.SortedTraceAsync(Inclusive, "threeBranches", ("test", test)));

    [TestMethod]
    [DataRow("twoBranches")]
    [DataRow("threeBranches")]
    public async Task InclusiveSplit_NoConditionHoldsAndNoDefault_EndsInAnIncident(string process) =>
        Assert.AreEqual("ERROR_runtime", await EngineHarness.SortedTraceAsync(Inclusive, process, ("test", "none")));

    [TestMethod]
    [DataRow("ab", "SCRIPT_task1 SCRIPT_task2 SCRIPT_task4")]
    [DataRow("none", "SCRIPT_task3 SCRIPT_task4")]
    public async Task InclusiveSplit_WithDefault_TakesTheDefaultOnlyWhenNoConditionHolds(string test, string expected) =>
        Assert.AreEqual(expected, await EngineHarness.SortedTraceAsync(Inclusive, "withDefault", ("test", test)));

    [TestMethod]
    [DataRow("abcd", "SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task4")]
    [DataRow("ac", "SCRIPT_task1 SCRIPT_task4")]
    [DataRow("abd", "SCRIPT_task2 SCRIPT_task3 SCRIPT_task4")]
    public async Task InclusiveSplitAndJoin_Nested_EachJoinWaitsOnlyForItsTakenBranches(string test, string expected) =>
        Assert.AreEqual(expected, await EngineHarness.SortedTraceAsync(Inclusive, "nested", ("test", test)));

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
        var engine = new ProcessEngine(new InMemoryProcessStore(), new Engine.Execution.EngineOptions { Time = new ManualTimeProvider(EngineHarness.Epoch) });

        var records = await engine.DeployAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Execution", "Fixtures", "workflow-patterns.bpmn")));

        var warned = records.Single(r => r.ProcessKey == "parallelConditions").Warnings;
        Assert.AreEqual("pcf2 pcf3", string.Join(' ', warned.Select(w => w.ElementId)));
        Assert.IsTrue(warned.All(w => w.Code == "TSU.ParallelCondition"));
        Assert.IsEmpty(records.Single(r => r.ProcessKey == "multiMerge").Warnings);
    }
}
