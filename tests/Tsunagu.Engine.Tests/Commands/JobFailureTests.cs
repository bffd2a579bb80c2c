using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Conformance.Betsy;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Engine.Tests.Commands;

[TestClass]
public sealed class JobFailureTests
{
    private static readonly string WaitModel = Bpmn.Process("wait", """
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
            <bpmn:intermediateCatchEvent id="Wait">
              <bpmn:timerEventDefinition id="T1"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="Monitor" />
            <bpmn:userTask id="Monitor" />
            <bpmn:sequenceFlow id="F3" sourceRef="Monitor" targetRef="End" />
            <bpmn:endEvent id="End" />
        """);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));

    [TestMethod]
    public async Task RunDueJobsAsync_JobThrows_LaterTimerOfAnotherInstanceStillFires()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = _clock });
        await engine.DeployAsync(Bpmn.OneTask("broken"));
        await engine.DeployAsync(WaitModel);
        var broken = await engine.StartInstanceAsync("broken");
        var state = (await engine.GetStateAsync(broken))!;
        var job = new JobState { Id = Guid.NewGuid(), Kind = JobKind.NotifyParent, DueAt = _clock.GetUtcNow(), Payload = new JsonObject { ["parent"] = Guid.NewGuid().ToString(), ["token"] = "t1" } };
        state.Jobs.Add(job);
        await engine.Store.CommitAsync(StoreProjections.Commit(state, state.Revision++, []), CancellationToken.None);
        var waiting = await engine.StartInstanceAsync("wait");

        _clock.Advance(TimeSpan.FromHours(1));
        await engine.RunDueJobsAsync(max: 1);
        await engine.RunDueJobsAsync(max: 1);

        Assert.HasCount(1, await engine.QueryTasksAsync(new TaskQuery { InstanceId = waiting }));
        var postponed = (await engine.GetStateAsync(broken))!.Jobs.Single(j => j.Id == job.Id);
        Assert.AreEqual(1, postponed.Failures);
        Assert.AreEqual(_clock.GetUtcNow() + TimeSpan.FromSeconds(20), postponed.DueAt);
        var incident = (await engine.GetHistoryAsync(broken)).Single(h => h.Kind == HistoryKind.IncidentCreated);
        StringAssert.Contains(incident.Data!["message"]!.GetValue<string>(), "No process instance");
    }

    [TestMethod]
    public async Task RunDueJobsAsync_InstanceChangedAfterTheBatchWasRead_FiresOnceOnTheNewState()
    {
        var store = new ChangeAfterBatchRead(new InMemoryProcessStore());
        var engine = new ProcessEngine(store, new EngineOptions { Time = _clock });
        await engine.DeployAsync(WaitModel);
        var waiting = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => engine.StartInstanceAsync("wait")));
        store.Change = async () =>
        {
            var other = (await engine.GetStateAsync(waiting[2]))!;
            other.Scopes[0].Variables["note"] = "changed meanwhile";
            await store.CommitAsync(StoreProjections.Commit(other, other.Revision++, []), CancellationToken.None);
        };

        _clock.Advance(TimeSpan.FromHours(1));
        var ran = await engine.RunDueJobsAsync();

        Assert.AreEqual(5, ran);
        Assert.AreEqual(1, store.BatchReads, "the batch's states were read in one go");
        foreach (var id in waiting)
        {
            Assert.HasCount(1, await engine.QueryTasksAsync(new TaskQuery { InstanceId = id }), $"instance {id} fired once");
        }

        var changed = (await engine.GetStateAsync(waiting[2]))!;
        Assert.AreEqual("changed meanwhile", changed.Scopes[0].Variables["note"]!.GetValue<string>());
        Assert.AreEqual(1, (await engine.GetHistoryAsync(waiting[2])).Count(h => h.Kind == HistoryKind.TaskCreated));
    }

    /// <summary>Runs <see cref="Change"/> (another writer's commit) right after a batch of states was read.</summary>
    private sealed class ChangeAfterBatchRead(IProcessStore inner) : DelegatingProcessStore(inner)
    {
        public Func<Task>? Change { get; set; }

        public int BatchReads { get; private set; }

        public override async Task<IReadOnlyList<StoredInstance>> LoadInstancesAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken)
        {
            BatchReads++;
            var read = await Inner.LoadInstancesAsync(instanceIds, cancellationToken);
            if (Change is { } change)
            {
                Change = null;
                await change();
            }

            return read;
        }
    }
}
