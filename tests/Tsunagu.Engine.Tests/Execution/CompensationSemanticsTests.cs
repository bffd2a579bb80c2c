using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Tests.Execution;

[TestClass]
public sealed class CompensationSemanticsTests
{
    private const string Fixture = "compensation-semantics.bpmn";

    [TestMethod]
    [DataRow("noWait", "SCRIPT_task1 SCRIPT_task3")]
    [DataRow("waits", "SCRIPT_task1")]
    public async Task CompensationThrow_HandlerStillOpen_GoesOnOnlyWithoutWaitForCompletion(string process, string expected) =>
        Assert.AreEqual(expected, await EngineHarness.TraceAsync(Fixture, process, TimeSpan.Zero));

    [TestMethod]
    public async Task CompensationThrow_WaitForCompletionFalse_HandlerCompletesTheInstanceLater()
    {
        var harness = await EngineHarness.DeployAsync(Fixture);
        var id = await harness.StartAsync("endNoWait");
        await harness.AssertOpenTasksAsync(id, "enHandler");
        Assert.AreEqual(InstanceStatus.Active, (await harness.StateAsync(id)).Status);

        await harness.CompleteAsync(id, "enHandler");

        Assert.AreEqual(InstanceStatus.Completed, (await harness.StateAsync(id)).Status);
    }
}
