namespace Tsunagu.Engine.Tests.Execution;

[TestClass]
public sealed class CancellationSemanticsTests
{
    /// <summary>
    /// Interrupting timers and signals (WCP19, WCP25, WCP26), terminate end events (WCP20, and inside a multi-instance
    /// body) and an error end event each end the activities still waiting without a runtime error.
    /// </summary>
    [TestMethod]
    [DataRow("cancelReceive", "SCRIPT_task2")]
    [DataRow("cancelRegion", "SCRIPT_task2")]
    [DataRow("cancelMultiInstance", "SCRIPT_task2")]
    [DataRow("signalCancelsMultiInstance", "SCRIPT_task1 SCRIPT_task3")]
    [DataRow("cancelCase", "SCRIPT_task1")]
    [DataRow("terminateWhileMultiInstanceWaits", "SCRIPT_task1")]
    [DataRow("terminateInMultiInstance", "SCRIPT_task1 SCRIPT_task1 SCRIPT_task2")]
    [DataRow("errorCancelsSibling", "SCRIPT_task1 SCRIPT_task3")]
    public async Task CancellingEvent_WhileActivitiesWait_EndsThemCleanly(string process, string expected) =>
        Assert.AreEqual(expected, await EngineHarness.TraceAsync("cancellation-semantics.bpmn", process, TimeSpan.FromSeconds(2)));
}
