using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Tests.Execution;

[TestClass]
public sealed class EventSemanticsTests
{
    private static readonly TimeSpan ThreeMonths = EngineHarness.Epoch.AddMonths(3) - EngineHarness.Epoch;

    [TestMethod]
    public async Task BoundaryTimer_Interrupting_CancelsTheTaskAfterThreeMonths()
    {
        var harness = await EngineHarness.DeployAsync("boundary-timers.bpmn");
        var id = await harness.StartAsync("interrupting");

        await harness.AdvanceAsync(ThreeMonths - TimeSpan.FromMinutes(1));
        await harness.AssertOpenTasksAsync(id, "work");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));

        await harness.AssertOpenTasksAsync(id, "escalate");
    }

    [TestMethod]
    public async Task BoundaryTimer_NonInterrupting_KeepsTheTaskOpen()
    {
        var harness = await EngineHarness.DeployAsync("boundary-timers.bpmn");
        var id = await harness.StartAsync("nonInterrupting");

        await harness.AdvanceAsync(ThreeMonths);

        await harness.AssertOpenTasksAsync(id, "nRemind", "nWork");
    }

    [TestMethod]
    public async Task BoundaryTimerCycle_ThreeRepetitions_FiresThreeTimesOnly()
    {
        var harness = await EngineHarness.DeployAsync("boundary-timers.bpmn");
        var id = await harness.StartAsync("cycle", ("ticks", 0));

        for (var day = 0; day < 5; day++)
        {
            await harness.AdvanceAsync(TimeSpan.FromDays(1));
        }

        var state = await harness.StateAsync(id);
        Assert.AreEqual(3, (int)state.Scopes.Single(s => s.ParentScopeId is null).Variables["ticks"]!);
        await harness.AssertOpenTasksAsync(id, "cWork");
    }

    [TestMethod]
    public async Task IntermediateTimerCycle_FirstTick_PassesTheTokenOnOnce()
    {
        Assert.AreEqual("", await EngineHarness.TraceAsync("timer-cycles.bpmn", "catchCycle", TimeSpan.FromMilliseconds(900)));
        Assert.AreEqual("SCRIPT_task1", await EngineHarness.TraceAsync("timer-cycles.bpmn", "catchCycle", TimeSpan.FromSeconds(10)));
    }

    [TestMethod]
    public async Task BoundaryTimerCycle_UnboundedNonInterrupting_FiresOnEveryTickWhileTheActivityWaits() =>
        Assert.AreEqual("SCRIPT_task2 SCRIPT_task2 SCRIPT_task2", await EngineHarness.TraceAsync("timer-cycles.bpmn", "boundaryCycle", TimeSpan.FromMilliseconds(3500)));

    [TestMethod]
    public async Task BoundaryTimerCycle_Interrupting_FiresOnceAtTheFirstTick() =>
        Assert.AreEqual("SCRIPT_task2", await EngineHarness.TraceAsync("timer-cycles.bpmn", "interruptingCycle", TimeSpan.FromSeconds(10)));

    [TestMethod]
    public async Task ErrorEndEvent_InSubProcess_IsCaughtByTheBoundaryOnTheSubProcess()
    {
        var harness = await EngineHarness.DeployAsync("errors.bpmn");

        var id = await harness.StartAsync("subProcessError");

        await harness.AssertOpenTasksAsync(id, "handle");
    }

    [TestMethod]
    public async Task ErrorEndEvent_InCalledProcess_IsCaughtByTheBoundaryOnTheCallActivity()
    {
        var harness = await EngineHarness.DeployAsync("errors.bpmn");

        var id = await harness.StartAsync("callError");

        await harness.AssertOpenTasksAsync(id, "cHandle");
    }

    [TestMethod]
    public async Task ErrorEndEvent_Uncaught_FailsTheInstanceWithTheCode()
    {
        var harness = await EngineHarness.DeployAsync("errors.bpmn");

        var id = await harness.StartAsync("child");

        var state = await harness.StateAsync(id);
        Assert.AreEqual(InstanceStatus.Failed, state.Status);
        Assert.AreEqual("error:REJECTED", state.EndReason);
    }

    [TestMethod]
    public async Task CorrelateMessage_ByKey_ReachesOnlyTheMatchingInstance()
    {
        var harness = await EngineHarness.DeployAsync("messages.bpmn");
        var first = await harness.StartAsync("awaitPayment", ("orderId", "A-1"));
        var second = await harness.StartAsync("awaitPayment", ("orderId", "B-2"));
        await harness.CompleteAsync(first, "prepare");
        await harness.CompleteAsync(second, "prepare");

        Assert.IsTrue(await harness.Engine.CorrelateMessageAsync("paymentReceived", "B-2"));

        await harness.AssertOpenTasksAsync(first);
        await harness.AssertOpenTasksAsync(second, "ship");
    }

    [TestMethod]
    public async Task CorrelateMessage_BeforeTheReceiveTaskIsReached_IsNotBuffered()
    {
        var harness = await EngineHarness.DeployAsync("messages.bpmn");
        var id = await harness.StartAsync("awaitPayment", ("orderId", "A-1"));

        Assert.IsFalse(await harness.Engine.CorrelateMessageAsync("paymentReceived", "A-1"));
        await harness.CompleteAsync(id, "prepare");

        Assert.AreEqual("wait", (await harness.StateAsync(id)).Tokens.Single().NodeId);
    }

    [TestMethod]
    public async Task EventBasedGateway_MessageFirst_TakesTheMessageBranchAndDropsTheTimer()
    {
        var harness = await EngineHarness.DeployAsync("messages.bpmn");
        var id = await harness.StartAsync("race", ("orderId", "A-1"));

        Assert.IsTrue(await harness.Engine.CorrelateMessageAsync("paymentReceived", "A-1"));
        await harness.AdvanceAsync(TimeSpan.FromDays(15));

        await harness.AssertOpenTasksAsync(id, "fulfil");
    }

    [TestMethod]
    public async Task EventBasedGateway_TimerFirst_TakesTheTimerBranchAndDropsTheMessage()
    {
        var harness = await EngineHarness.DeployAsync("messages.bpmn");
        var id = await harness.StartAsync("race", ("orderId", "A-1"));

        await harness.AdvanceAsync(TimeSpan.FromDays(14));

        await harness.AssertOpenTasksAsync(id, "remind");
        Assert.IsFalse(await harness.Engine.CorrelateMessageAsync("paymentReceived", "A-1"));
    }

    [TestMethod]
    public async Task BroadcastSignal_TwoWaitingInstances_ReachesBoth()
    {
        var harness = await EngineHarness.DeployAsync("messages.bpmn");
        var first = await harness.StartAsync("listen");
        var second = await harness.StartAsync("listen");

        Assert.AreEqual(2, await harness.Engine.BroadcastSignalAsync("alarm"));

        await harness.AssertOpenTasksAsync(first, "react");
        await harness.AssertOpenTasksAsync(second, "react");
    }
}
