using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Tests.Execution;

[TestClass]
public sealed class FlowSemanticsTests
{
    [TestMethod]
    public async Task CompleteTask_FirstOfTwoUserTasks_OpensTheNext()
    {
        var harness = await EngineHarness.DeployAsync("user-tasks.bpmn");
        var id = await harness.StartAsync("userTasks");

        await harness.CompleteAsync(id, "review");

        await harness.AssertOpenTasksAsync(id, "approve");
    }

    [TestMethod]
    [DataRow(250, "high")]
    [DataRow(100, "low")]
    public async Task ExclusiveGateway_ConditionOrDefault_TakesExactlyOneFlow(int amount, string expected)
    {
        var harness = await EngineHarness.DeployAsync("exclusive.bpmn");

        var id = await harness.StartAsync("exclusive", ("amount", amount));

        await harness.AssertOpenTasksAsync(id, expected);
    }

    [TestMethod]
    public async Task ParallelJoin_OneBranchDone_WaitsForTheOther()
    {
        var harness = await EngineHarness.DeployAsync("parallel.bpmn");
        var id = await harness.StartAsync("parallel");
        await harness.AssertOpenTasksAsync(id, "a", "b");

        await harness.CompleteAsync(id, "a");
        await harness.AssertOpenTasksAsync(id, "b");
        await harness.CompleteAsync(id, "b");

        await harness.AssertOpenTasksAsync(id, "after");
    }

    [TestMethod]
    public async Task InclusiveJoin_OtherPathEndsElsewhere_FiresWithoutWaiting()
    {
        var harness = await EngineHarness.DeployAsync("inclusive.bpmn");
        var id = await harness.StartAsync("inclusive", ("drop", true));

        await harness.CompleteAsync(id, "a");
        await harness.AssertOpenTasksAsync(id, "b");
        await harness.CompleteAsync(id, "b");

        await harness.AssertOpenTasksAsync(id, "after");
    }

    [TestMethod]
    public async Task InclusiveJoin_BothPathsArrive_FiresOnce()
    {
        var harness = await EngineHarness.DeployAsync("inclusive.bpmn");
        var id = await harness.StartAsync("inclusive", ("drop", false));

        await harness.CompleteAsync(id, "b");
        await harness.CompleteAsync(id, "a");

        await harness.AssertOpenTasksAsync(id, "after");
    }

    [TestMethod]
    public async Task TerminateEndEvent_InsideSubProcess_EndsOnlyTheSubProcess()
    {
        var harness = await EngineHarness.DeployAsync("terminate-subprocess.bpmn");

        var id = await harness.StartAsync("terminateInside");

        var state = await harness.StateAsync(id);
        Assert.AreEqual(InstanceStatus.Active, state.Status);
        await harness.AssertOpenTasksAsync(id, "after");
        Assert.IsTrue((await harness.HistoryAsync(id, HistoryKind.ActivityCancelled)).Any(h => h.NodeId == "pending"));
    }
}
