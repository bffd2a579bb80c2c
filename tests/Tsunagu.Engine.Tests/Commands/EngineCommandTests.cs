using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Conformance.Betsy;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Engine.Tests.Commands;

[TestClass]
public sealed class EngineCommandTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryProcessStore _store = new();
    private ProcessEngine _engine = null!;

    [TestInitialize]
    public void Create() => _engine = new ProcessEngine(_store, new EngineOptions { Time = _clock });

    private async Task<TaskRecord> OnlyTaskAsync(Guid instance) => (await _engine.QueryTasksAsync(new TaskQuery { InstanceId = instance })).Single();

    [TestMethod]
    public async Task DeployAsync_SameModelTwice_KeepsOneVersion()
    {
        var first = await _engine.DeployAsync(Bpmn.OneTask("intake"));
        var second = await _engine.DeployAsync(Bpmn.OneTask("intake"));

        Assert.AreEqual(1, first.Single().Version);
        Assert.AreEqual(first.Single().Id, second.Single().Id);
    }

    [TestMethod]
    public async Task StartInstanceAsync_AfterRedeploy_OldInstanceKeepsItsVersion()
    {
        await _engine.DeployAsync(Bpmn.OneTask("intake", "Review"));
        var old = await _engine.StartInstanceAsync("intake");
        await _engine.DeployAsync(Bpmn.OneTask("intake", "Assess"));

        var fresh = await _engine.StartInstanceAsync("intake");

        Assert.AreEqual(1, (await _engine.GetStateAsync(old))!.ProcessVersion);
        Assert.AreEqual("Review", (await OnlyTaskAsync(old)).NodeId);
        Assert.AreEqual(2, (await _engine.GetStateAsync(fresh))!.ProcessVersion);
        Assert.AreEqual("Assess", (await OnlyTaskAsync(fresh)).NodeId);
    }

    [TestMethod]
    public async Task MigrateInstanceAsync_WithMapping_MovesTaskToNewVersion()
    {
        await _engine.DeployAsync(Bpmn.OneTask("intake", "Review"));
        var instance = await _engine.StartInstanceAsync("intake");
        await _engine.DeployAsync(Bpmn.OneTask("intake", "Assess"));

        await _engine.MigrateInstanceAsync(instance, 2, new Dictionary<string, string> { ["Review"] = "Assess" }, "admin");

        var task = await OnlyTaskAsync(instance);
        Assert.AreEqual("Assess", task.NodeId);
        await _engine.CompleteTaskAsync(task.Id, null, "worker");
        var state = await _engine.GetStateAsync(instance);
        Assert.AreEqual(InstanceStatus.Completed, state!.Status);
        Assert.AreEqual(2, state.ProcessVersion);
        var migrated = (await _engine.GetHistoryAsync(instance)).Single(h => h.Kind == HistoryKind.InstanceMigrated);
        Assert.AreEqual("admin", migrated.Actor);
    }

    [TestMethod]
    public async Task MigrateInstanceAsync_UnmappedPosition_ThrowsAndChangesNothing()
    {
        await _engine.DeployAsync(Bpmn.OneTask("intake", "Review"));
        var instance = await _engine.StartInstanceAsync("intake");
        await _engine.DeployAsync(Bpmn.OneTask("intake", "Assess"));
        var before = (await _engine.GetStateAsync(instance))!.Revision;

        var error = await Assert.ThrowsExactlyAsync<EngineStateException>(() => _engine.MigrateInstanceAsync(instance, 2, null, "admin"));

        StringAssert.Contains(error.Message, "Review");
        var after = await _engine.GetStateAsync(instance);
        Assert.AreEqual(before, after!.Revision);
        Assert.AreEqual(1, after.ProcessVersion);
    }

    [TestMethod]
    public async Task ClaimTaskAsync_HeldByAnother_IsRefused()
    {
        await _engine.DeployAsync(Bpmn.OneTask("intake"));
        var instance = await _engine.StartInstanceAsync("intake");
        var task = await OnlyTaskAsync(instance);
        await _engine.ClaimTaskAsync(task.Id, "sato", "sato");

        await Assert.ThrowsExactlyAsync<EngineStateException>(() => _engine.ClaimTaskAsync(task.Id, "suzuki", "suzuki"));
        await _engine.ReassignTaskAsync(task.Id, "suzuki", "担当替え", "supervisor");

        var reassigned = await OnlyTaskAsync(instance);
        Assert.AreEqual("suzuki", reassigned.Assignee);
        Assert.AreEqual("担当替え", reassigned.AssignmentReason);
        var kinds = (await _engine.GetHistoryAsync(instance)).Select(h => (h.Kind, h.Actor)).ToList();
        CollectionAssert.Contains(kinds, (HistoryKind.TaskClaimed, "sato"));
        CollectionAssert.Contains(kinds, (HistoryKind.TaskReassigned, "supervisor"));
    }

    [TestMethod]
    public async Task CompleteTaskAsync_UnknownTask_ThrowsNotFound()
    {
        await Assert.ThrowsExactlyAsync<EngineNotFoundException>(() => _engine.CompleteTaskAsync(Guid.NewGuid(), null, "x"));
    }

    [TestMethod]
    public async Task CancelInstanceAsync_OpenTask_RemovesTaskAndRecordsReason()
    {
        await _engine.DeployAsync(Bpmn.OneTask("intake"));
        var instance = await _engine.StartInstanceAsync("intake");

        await _engine.CancelInstanceAsync(instance, "admin", "重複登録");

        var state = await _engine.GetStateAsync(instance);
        Assert.AreEqual(InstanceStatus.Cancelled, state!.Status);
        Assert.AreEqual("重複登録", state.EndReason);
        Assert.IsEmpty(await _engine.QueryTasksAsync(new TaskQuery { InstanceId = instance }));
    }

    [TestMethod]
    public async Task CompleteTaskAsync_ParallelBranchesCompletedConcurrently_BothCountAtTheJoin()
    {
        await _engine.DeployAsync(Bpmn.Process("parallel", """
                <bpmn:startEvent id="Start" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Fork" />
                <bpmn:parallelGateway id="Fork" />
                <bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="A" />
                <bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="B" />
                <bpmn:userTask id="A" />
                <bpmn:userTask id="B" />
                <bpmn:sequenceFlow id="F4" sourceRef="A" targetRef="Join" />
                <bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="Join" />
                <bpmn:parallelGateway id="Join" />
                <bpmn:sequenceFlow id="F6" sourceRef="Join" targetRef="After" />
                <bpmn:userTask id="After" />
                <bpmn:sequenceFlow id="F7" sourceRef="After" targetRef="End" />
                <bpmn:endEvent id="End" />
            """));
        var instance = await _engine.StartInstanceAsync("parallel");
        var tasks = await _engine.QueryTasksAsync(new TaskQuery { InstanceId = instance });

        await Task.WhenAll(tasks.Select(t => Task.Run(() => _engine.CompleteTaskAsync(t.Id, new Dictionary<string, JsonNode?> { [t.NodeId] = true }, "worker"))));

        Assert.AreEqual("After", (await OnlyTaskAsync(instance)).NodeId);
        var state = await _engine.GetStateAsync(instance);
        Assert.AreEqual(true, state!.Scopes[0].Variables["A"]!.GetValue<bool>());
        Assert.AreEqual(true, state.Scopes[0].Variables["B"]!.GetValue<bool>());
    }
}
