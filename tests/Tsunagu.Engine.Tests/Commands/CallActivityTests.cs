using System.Text.Json.Nodes;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Engine.Tests.Commands;

[TestClass]
public sealed class CallActivityTests
{
    /// <summary>caller: start → call activity of <c>child</c> → end; child: one user task.</summary>
    private static readonly string Model = Bpmn.Definitions("calls", """
          <bpmn:process id="caller" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Call" />
            <bpmn:callActivity id="Call" calledElement="child" />
            <bpmn:sequenceFlow id="F2" sourceRef="Call" targetRef="End" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
          <bpmn:process id="child" isExecutable="true">
            <bpmn:startEvent id="ChildStart" />
            <bpmn:sequenceFlow id="C1" sourceRef="ChildStart" targetRef="Review" />
            <bpmn:userTask id="Review" />
            <bpmn:sequenceFlow id="C2" sourceRef="Review" targetRef="ChildEnd" />
            <bpmn:endEvent id="ChildEnd" />
          </bpmn:process>
        """);

    [TestMethod]
    public async Task CancelInstanceAsync_CalledInstanceNeverStarted_CancelsCleanly()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore());
        await engine.DeployAsync(Model);
        var caller = await engine.StartInstanceAsync("caller");
        var state = (await engine.GetStateAsync(caller))!;
        state.Tokens.Single().ChildInstanceId = Guid.NewGuid();
        await engine.Store.CommitAsync(StoreProjections.Commit(state, state.Revision++, []), CancellationToken.None);

        await engine.CancelInstanceAsync(caller, "clerk", "withdrawn");

        var cancelled = (await engine.GetStateAsync(caller))!;
        Assert.AreEqual(InstanceStatus.Cancelled, cancelled.Status);
        Assert.IsEmpty(cancelled.Jobs);
    }

    [TestMethod]
    public async Task CancelInstanceAsync_StartChildStillPending_DropsItWithoutQueuingACancel()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore());
        await engine.DeployAsync(Model);
        var caller = await engine.StartInstanceAsync("caller");
        var state = (await engine.GetStateAsync(caller))!;
        var token = state.Tokens.Single();
        var child = Guid.NewGuid();
        token.ChildInstanceId = child;
        state.Jobs.Add(new JobState { Id = Guid.NewGuid(), Kind = JobKind.StartChild, TokenId = token.Id, NodeId = "Call", Payload = new JsonObject { ["child"] = child.ToString(), ["processKey"] = "child" } });
        await engine.Store.CommitAsync(StoreProjections.Commit(state, state.Revision++, []), CancellationToken.None);

        await engine.CancelInstanceAsync(caller, "clerk", "withdrawn");
        await engine.RunDueJobsAsync();

        Assert.IsEmpty((await engine.GetStateAsync(caller))!.Jobs);
        Assert.IsNull(await engine.GetStateAsync(child));
    }

    [TestMethod]
    public async Task RunDueJobsAsync_CallActivityCallsItsOwnProcess_MakesBoundedProgressPerCall()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore());
        await engine.DeployAsync(Bpmn.Process("again", """
                <bpmn:startEvent id="Start" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Call" />
                <bpmn:callActivity id="Call" calledElement="again" />
                <bpmn:sequenceFlow id="F2" sourceRef="Call" targetRef="End" />
                <bpmn:endEvent id="End" />
            """));

        await engine.StartInstanceAsync("again");
        var afterStart = await StartedAsync(engine);
        Assert.AreEqual(1, await engine.RunDueJobsAsync());
        var afterRun = await StartedAsync(engine);

        Assert.IsInRange(2, 64, afterStart);
        Assert.IsInRange(afterStart + 1, afterStart + 64, afterRun);
    }

    private static async Task<int> StartedAsync(ProcessEngine engine) =>
        (await engine.GetDefinitionHistoryAsync("again")).Count(h => h.Kind == HistoryKind.InstanceStarted);

    [TestMethod]
    public async Task StartChild_CallerCancelledWhileTheChildStarts_ChildIsCancelledToo()
    {
        var store = new CancelCallerOnChildStart(new InMemoryProcessStore());
        var engine = new ProcessEngine(store);
        store.Engine = engine;
        await engine.DeployAsync(Model);

        var caller = await engine.StartInstanceAsync("caller");

        Assert.AreEqual(InstanceStatus.Cancelled, (await engine.GetStateAsync(caller))!.Status);
        Assert.AreEqual(InstanceStatus.Cancelled, (await engine.GetStateAsync(store.ChildId!.Value))!.Status);
        Assert.IsEmpty(await engine.QueryTasksAsync(new TaskQuery()));
    }

    /// <summary>Cancels the caller at the moment its called instance is first written: the race a real cancel can hit.</summary>
    private sealed class CancelCallerOnChildStart(InMemoryProcessStore inner) : DelegatingProcessStore(inner)
    {
        public ProcessEngine Engine { get; set; } = null!;

        public Guid? ChildId { get; private set; }

        public override async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
        {
            if (commit.ExpectedRevision == -1 && StateJson.Deserialize(commit.Instance.StateJson).ParentInstanceId is { } parent && ChildId is null)
            {
                ChildId = commit.Instance.Id;
                await Engine.CancelInstanceAsync(parent, "clerk", "withdrawn", cancellationToken);
            }

            await Inner.CommitAsync(commit, cancellationToken);
        }
    }
}
