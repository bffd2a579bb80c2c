using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Tests.Execution;

[TestClass]
public sealed class CompensationSemanticsTests
{
    private const string Fixture = "compensation-semantics.bpmn";

    [TestMethod]
    public async Task CompensationThrow_WaitForCompletionFalse_GoesOnWhileTheHandlerRuns() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task3", await EngineHarness.TraceAsync(Fixture, "noWait", TimeSpan.Zero));

    [TestMethod]
    public async Task CompensationThrow_WaitForCompletionTrue_WaitsForTheHandler() =>
        Assert.AreEqual("SCRIPT_task1", await EngineHarness.TraceAsync(Fixture, "waits", TimeSpan.Zero));

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
