using Microsoft.Extensions.Time.Testing;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Storage.Tests;

/// <summary>A host that stops at any point leaves every instance, task and timer recoverable from the SQLite file.</summary>
[TestClass]
public sealed class EngineDurabilityTests
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="https://tsunagu.dev/test">
          <bpmn:process id="plan" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Plan" />
            <bpmn:userTask id="Plan" name="支援プラン作成" />
            <bpmn:boundaryEvent id="Reminder" attachedToRef="Plan" cancelActivity="false">
              <bpmn:timerEventDefinition id="T1"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P7D</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="F2" sourceRef="Reminder" targetRef="Remind" />
            <bpmn:userTask id="Remind" name="督促" />
            <bpmn:sequenceFlow id="F3" sourceRef="Remind" targetRef="RemindEnd" />
            <bpmn:endEvent id="RemindEnd" />
            <bpmn:sequenceFlow id="F4" sourceRef="Plan" targetRef="End" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
    private string _file = null!;

    [TestInitialize]
    public void NewFile() => _file = TempDatabase.NewPath("durability");

    [TestCleanup]
    public void DeleteFile() => TempDatabase.Delete(_file);

    private async Task<(SqliteProcessStore Store, ProcessEngine Engine)> OpenAsync(IProcessStore? wrap = null)
    {
        var store = await SqliteProcessStore.OpenAsync($"Data Source={_file};Pooling=False", CancellationToken.None);
        return (store, new ProcessEngine(wrap ?? store, new EngineOptions { Time = _clock }));
    }

    [TestMethod]
    public async Task Restart_AfterStart_TaskAndTimerSurviveAndTimerFires()
    {
        Guid instance;
        var (first, engine) = await OpenAsync();
        using (first)
        {
            await engine.DeployAsync(Model);
            instance = await engine.StartInstanceAsync("plan", options: new StartOptions { BusinessKey = "case-1" });
        }

        var (second, restarted) = await OpenAsync();
        using (second)
        {
            var task = (await restarted.QueryTasksAsync(new TaskQuery { InstanceId = instance })).Single();
            Assert.AreEqual("Plan", task.NodeId);
            Assert.AreEqual("case-1", task.BusinessKey);

            _clock.Advance(TimeSpan.FromDays(7));
            Assert.AreEqual(1, await restarted.RunDueJobsAsync());

            var open = (await restarted.QueryTasksAsync(new TaskQuery { InstanceId = instance })).Select(t => t.NodeId).Order().ToList();
            CollectionAssert.AreEqual((string[])["Plan", "Remind"], open);
        }
    }

    [TestMethod]
    public async Task CrashBeforeCommit_CompletingTask_LeavesTaskOpenAndRetryable()
    {
        Guid instance;
        Guid taskId;
        var (store, engine) = await OpenAsync();
        using (store)
        {
            await engine.DeployAsync(Model);
            instance = await engine.StartInstanceAsync("plan");
            taskId = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instance })).Single().Id;
            var crashing = new ProcessEngine(new CrashOnCommitStore(store), new EngineOptions { Time = _clock });

            await Assert.ThrowsExactlyAsync<IOException>(() => crashing.CompleteTaskAsync(taskId, null, "worker"));
        }

        var (reopened, restarted) = await OpenAsync();
        using (reopened)
        {
            var state = await restarted.GetStateAsync(instance);
            Assert.AreEqual(InstanceStatus.Active, state!.Status);
            Assert.AreEqual(taskId, (await restarted.QueryTasksAsync(new TaskQuery { InstanceId = instance })).Single().Id);

            await restarted.CompleteTaskAsync(taskId, null, "worker");

            Assert.AreEqual(InstanceStatus.Completed, (await restarted.GetStateAsync(instance))!.Status);
            Assert.IsEmpty((await restarted.GetStateAsync(instance))!.Jobs, "the reminder timer ends with its activity");
        }
    }

    /// <summary>Simulates the process dying at the moment of commit: the write never happens.</summary>
    private sealed class CrashOnCommitStore(IProcessStore inner) : DelegatingProcessStore(inner)
    {
        public override Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken) => throw new IOException("The host died.");
    }
}
