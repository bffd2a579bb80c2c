using Microsoft.Extensions.Time.Testing;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Storage.Tests;

/// <summary>
/// Two hosts (two engines, each with its own SQLite store on one file) run commands on one instance at the same time:
/// both commands have loaded the same revision before either commits, so exactly one wins the first commit and the other
/// retries on the new state — one effect each, never a lost update or a double step.
/// </summary>
[TestClass]
public sealed class EngineConcurrencyTests
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xmlns:tsunagu="https://tsunagu.dev/schema/bpmn" id="D" targetNamespace="https://tsunagu.dev/test">
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly List<SqliteProcessStore> _stores = [];
    private string _file = null!;

    [TestInitialize]
    public void NewFile() => _file = TempDatabase.NewPath("concurrency");

    [TestCleanup]
    public void DeleteFile()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        TempDatabase.Delete(_file);
    }

    /// <summary>start → fork to <paramref name="branches"/> user tasks B1..Bn → parallel join → user task After → end.</summary>
    private static string Branches(int branches) => Header + $"""
          <bpmn:process id="fan" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Fork" />
            <bpmn:parallelGateway id="Fork" />
            {string.Concat(Enumerable.Range(1, branches).Select(i => $"""
            <bpmn:sequenceFlow id="In{i}" sourceRef="Fork" targetRef="B{i}" />
            <bpmn:userTask id="B{i}" />
            <bpmn:sequenceFlow id="Out{i}" sourceRef="B{i}" targetRef="Join" />
            """))}
            <bpmn:parallelGateway id="Join" />
            <bpmn:sequenceFlow id="F1" sourceRef="Join" targetRef="After" />
            <bpmn:userTask id="After" />
            <bpmn:sequenceFlow id="F2" sourceRef="After" targetRef="End" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>start → event-based gateway: the message "answer" leads to Answered, one hour without it to Late.</summary>
    private const string AnswerOrLate = Header + """
          <bpmn:message id="Answer" name="answer" />
          <bpmn:process id="race" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Choice" />
            <bpmn:eventBasedGateway id="Choice" />
            <bpmn:sequenceFlow id="F1" sourceRef="Choice" targetRef="Message" />
            <bpmn:sequenceFlow id="F2" sourceRef="Choice" targetRef="Timer" />
            <bpmn:intermediateCatchEvent id="Message">
              <bpmn:extensionElements><tsunagu:correlation key="caseId" /></bpmn:extensionElements>
              <bpmn:messageEventDefinition messageRef="Answer" />
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="Timer">
              <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="F3" sourceRef="Message" targetRef="Answered" />
            <bpmn:sequenceFlow id="F4" sourceRef="Timer" targetRef="Late" />
            <bpmn:userTask id="Answered" />
            <bpmn:userTask id="Late" />
            <bpmn:sequenceFlow id="F5" sourceRef="Answered" targetRef="End1" />
            <bpmn:sequenceFlow id="F6" sourceRef="Late" targetRef="End2" />
            <bpmn:endEvent id="End1" />
            <bpmn:endEvent id="End2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>
    /// <paramref name="hosts"/> engines on one database whose first commits wait for each other: every host has loaded
    /// the instance and run its step before any of them writes.
    /// </summary>
    private async Task<ProcessEngine[]> HostsAsync(int hosts, string model)
    {
        var barrier = new Barrier(hosts);
        var engines = new ProcessEngine[hosts];
        for (var i = 0; i < hosts; i++)
        {
            var store = await SqliteProcessStore.OpenAsync($"Data Source={_file};Pooling=False", CancellationToken.None, _clock);
            _stores.Add(store);
            engines[i] = new ProcessEngine(new MeetBeforeFirstCommit(store, barrier), new EngineOptions { Time = _clock });
        }

        await engines[0].DeployAsync(model);
        return engines;
    }

    /// <summary>Starts an instance without meeting the others (the setup is not part of the race).</summary>
    private async Task<Guid> StartAsync(string processKey, Dictionary<string, System.Text.Json.Nodes.JsonNode?>? variables = null)
    {
        var setup = new ProcessEngine(_stores[0], new EngineOptions { Time = _clock });
        return await setup.StartInstanceAsync(processKey, variables);
    }

    /// <summary>Two hosts, an instance of two parallel branches, and the task of its first branch.</summary>
    private async Task<(ProcessEngine[] Hosts, Guid Instance, TaskRecord Task)> TwoBranchesAsync()
    {
        var hosts = await HostsAsync(2, Branches(2));
        var instance = await StartAsync("fan");
        var tasks = await _stores[0].QueryTasksAsync(new TaskQuery { InstanceId = instance }, CancellationToken.None);
        return (hosts, instance, tasks.First(t => t.NodeId == "B1"));
    }

    /// <summary>Runs the commands on threads of their own, all at once; returns each one's exception (null: it succeeded).</summary>
    private static async Task<Exception?[]> RaceAsync(params Func<Task>[] commands)
    {
        var results = await Task.WhenAll(commands.Select(command => Task.Run(async () =>
        {
            try
            {
                await command();
                return null;
            }
            catch (Exception e) when (e is EngineNotFoundException or EngineStateException or ConcurrencyConflictException)
            {
                return (Exception?)e;
            }
        })));
        return results;
    }

    private async Task<List<string>> OpenTasksAsync(Guid instance) =>
        [.. (await _stores[0].QueryTasksAsync(new TaskQuery { InstanceId = instance }, CancellationToken.None)).Select(t => t.NodeId).Order(StringComparer.Ordinal)];

    private async Task<int> HistoryCountAsync(Guid instance, HistoryKind kind, string? nodeId = null) =>
        (await _stores[0].GetHistoryAsync(instance, CancellationToken.None)).Count(h => h.Kind == kind && (nodeId is null || h.NodeId == nodeId));

    [TestMethod]
    public async Task CompleteTaskAsync_SameTaskTwiceAtOnce_OneCompletesTheOtherFindsItGone()
    {
        var (hosts, instance, task) = await TwoBranchesAsync();

        var outcomes = await RaceAsync(
            () => hosts[0].CompleteTaskAsync(task.Id, null, "aiko"),
            () => hosts[1].CompleteTaskAsync(task.Id, null, "kenji"));

        Assert.AreEqual(1, outcomes.Count(o => o is null));
        Assert.IsInstanceOfType<EngineNotFoundException>(outcomes.Single(o => o is not null));
        Assert.AreEqual(1, await HistoryCountAsync(instance, HistoryKind.TaskCompleted));
        CollectionAssert.AreEqual((string[])["B2"], await OpenTasksAsync(instance));
    }

    [TestMethod]
    [DataRow(2)]
    [DataRow(4)]
    public async Task CompleteTaskAsync_AllBranchesOfParallelJoinAtOnce_JoinFiresExactlyOnce(int branches)
    {
        var hosts = await HostsAsync(branches, Branches(branches));
        var instance = await StartAsync("fan");
        var tasks = await _stores[0].QueryTasksAsync(new TaskQuery { InstanceId = instance }, CancellationToken.None);

        var outcomes = await RaceAsync([.. tasks.Select((t, i) => (Func<Task>)(() => hosts[i].CompleteTaskAsync(t.Id, null, $"clerk{i}")))]);

        Assert.IsTrue(outcomes.All(o => o is null), string.Join("; ", outcomes.Select(o => o?.Message)));
        Assert.AreEqual(branches, await HistoryCountAsync(instance, HistoryKind.TaskCompleted));
        Assert.AreEqual(1, await HistoryCountAsync(instance, HistoryKind.TokenMoved, "After"), "the join fired once");
        CollectionAssert.AreEqual((string[])["After"], await OpenTasksAsync(instance));
        Assert.HasCount(1, (await _stores[0].LoadStateAsync(instance, CancellationToken.None))!.Tokens);
    }

    [TestMethod]
    public async Task MessageAndTimerJobAtOnce_EventBasedGatewayTakesExactlyOne()
    {
        var hosts = await HostsAsync(2, AnswerOrLate);
        var instance = await StartAsync("race", new() { ["caseId"] = "c-1" });
        _clock.Advance(TimeSpan.FromHours(2));
        var delivered = false;

        var outcomes = await RaceAsync(
            async () => delivered = await hosts[0].CorrelateMessageAsync("answer", "c-1"),
            () => hosts[1].RunDueJobsAsync());

        Assert.IsTrue(outcomes.All(o => o is null));
        CollectionAssert.AreEqual(delivered ? (string[])["Answered"] : ["Late"], await OpenTasksAsync(instance));
        var state = (await _stores[0].LoadStateAsync(instance, CancellationToken.None))!;
        Assert.IsEmpty(state.Jobs);
        Assert.IsEmpty(state.Subscriptions);
        Assert.HasCount(1, state.Tokens);
    }

    [TestMethod]
    public async Task CompleteTaskAndCancelAtOnce_InstanceCancelledAndTaskCompletedAtMostOnce()
    {
        var (hosts, instance, task) = await TwoBranchesAsync();

        var outcomes = await RaceAsync(
            () => hosts[0].CompleteTaskAsync(task.Id, null, "aiko"),
            () => hosts[1].CancelInstanceAsync(instance, "admin", "withdrawn"));

        Assert.IsNull(outcomes[1], "the cancel always succeeds");
        var state = (await _stores[0].LoadStateAsync(instance, CancellationToken.None))!;
        Assert.AreEqual(InstanceStatus.Cancelled, state.Status);
        Assert.AreEqual(outcomes[0] is null ? 1 : 0, await HistoryCountAsync(instance, HistoryKind.TaskCompleted));
        Assert.AreEqual(1, await HistoryCountAsync(instance, HistoryKind.InstanceCancelled));
        Assert.IsEmpty(await OpenTasksAsync(instance));
    }

    /// <summary>A thrower whose signal "alarm" is still to be delivered, and a listener hearing it on a non-interrupting boundary.</summary>
    private const string AlarmAndListener = Header + """
          <bpmn:signal id="Alarm" name="alarm" />
          <bpmn:process id="thrower" isExecutable="true">
            <bpmn:startEvent id="TStart" />
            <bpmn:sequenceFlow id="T1" sourceRef="TStart" targetRef="Throw" />
            <bpmn:intermediateThrowEvent id="Throw"><bpmn:signalEventDefinition signalRef="Alarm" /></bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="T2" sourceRef="Throw" targetRef="TEnd" />
            <bpmn:endEvent id="TEnd" />
          </bpmn:process>
          <bpmn:process id="listener" isExecutable="true">
            <bpmn:startEvent id="LStart" />
            <bpmn:sequenceFlow id="L1" sourceRef="LStart" targetRef="Wait" />
            <bpmn:userTask id="Wait" />
            <bpmn:boundaryEvent id="Heard" attachedToRef="Wait" cancelActivity="false"><bpmn:signalEventDefinition signalRef="Alarm" /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="L2" sourceRef="Heard" targetRef="React" />
            <bpmn:userTask id="React" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [TestMethod]
    public async Task RunDueJobsAsync_TwoHostsRunTheSameDeliveryJob_SignalDeliveredOnce()
    {
        var hosts = await HostsAsync(2, AlarmAndListener);
        var listener = await StartAsync("listener");
        var crashing = new ProcessEngine(new DieAfterFirstCommit(_stores[0]), new EngineOptions { Time = _clock });
        await Assert.ThrowsExactlyAsync<HostDiedException>(() => crashing.StartInstanceAsync("thrower", null));

        var outcomes = await RaceAsync(() => hosts[0].RunDueJobsAsync(), () => hosts[1].RunDueJobsAsync());

        Assert.IsTrue(outcomes.All(o => o is null));
        CollectionAssert.AreEqual((string[])["React", "Wait"], await OpenTasksAsync(listener));
        Assert.AreEqual(1, await HistoryCountAsync(listener, HistoryKind.EventCaught, "Heard"));
    }

    /// <summary>The host stops right after its first commit, before any follow-up work: a crash between a step and its delivery.</summary>
    private sealed class DieAfterFirstCommit(IProcessStore inner) : DelegatingProcessStore(inner)
    {
        public override async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
        {
            await base.CommitAsync(commit, cancellationToken);
            throw new HostDiedException();
        }
    }

    private sealed class HostDiedException : Exception;

    /// <summary>Holds each host's first commit until every host has reached its own: the steps overlap for certain.</summary>
    private sealed class MeetBeforeFirstCommit(IProcessStore inner, Barrier barrier) : DelegatingProcessStore(inner)
    {
        private int _commits;

        public override async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _commits) == 1)
            {
                // Generous: a host whose command never commits must not hold the others for long.
                await Task.Run(() => barrier.SignalAndWait(TimeSpan.FromSeconds(10)), cancellationToken);
            }

            await base.CommitAsync(commit, cancellationToken);
        }
    }
}
