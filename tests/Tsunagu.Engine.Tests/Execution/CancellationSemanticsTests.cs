namespace Tsunagu.Engine.Tests.Execution;

[TestClass]
public sealed class CancellationSemanticsTests
{
    private const string Fixture = "cancellation-semantics.bpmn";

    [TestMethod]
    [DataRow("cancelReceive", "SCRIPT_task2")]
    [DataRow("cancelRegion", "SCRIPT_task2")]
    [DataRow("cancelMultiInstance", "SCRIPT_task2")]
    public async Task InterruptingTimer_OnAWaitingActivity_CancelsItAndTakesTheBoundaryPath(string process, string expected) =>
        Assert.AreEqual(expected, await EngineHarness.TraceAsync(Fixture, process, TimeSpan.FromSeconds(2)));

    [TestMethod]
    public async Task InterruptingSignal_FromAParallelBranch_CancelsAWaitingMultiInstanceSubProcess() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task3", await EngineHarness.TraceAsync(Fixture, "signalCancelsMultiInstance", TimeSpan.Zero));

    [TestMethod]
    [DataRow("cancelCase")]
    [DataRow("terminateWhileMultiInstanceWaits")]
    public async Task TerminateEndEvent_WhileOtherBranchesWait_EndsTheInstanceWithoutAnError(string process) =>
        Assert.AreEqual("SCRIPT_task1", await EngineHarness.TraceAsync(Fixture, process, TimeSpan.FromSeconds(2)));

    [TestMethod]
    public async Task TerminateEndEvent_InsideAMultiInstanceSubProcess_EndsOnlyThatInstance() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task1 SCRIPT_task2", await EngineHarness.TraceAsync(Fixture, "terminateInMultiInstance", TimeSpan.Zero));

    [TestMethod]
    public async Task ErrorEndEvent_NextToAWaitingBranch_CancelsTheSubProcessAndTakesTheErrorPath() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task3", await EngineHarness.TraceAsync(Fixture, "errorCancelsSibling", TimeSpan.Zero));
}
