using Microsoft.Extensions.Time.Testing;
using Tsunagu.Conformance.Betsy;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Validation;

namespace Tsunagu.Engine.Tests.Commands;

[TestClass]
public sealed class TimerStartTests
{
    private static string Sweep(string cycle) => Bpmn.Process("sweep", $"""
            <bpmn:startEvent id="Every">
              <bpmn:timerEventDefinition id="T"><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">{cycle}</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Every" targetRef="Check" />
            <bpmn:userTask id="Check" name="期限確認" />
            <bpmn:sequenceFlow id="F2" sourceRef="Check" targetRef="End" />
            <bpmn:endEvent id="End" />
        """);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));

    [TestMethod]
    public async Task DeployAsync_TimerCycleStart_StartsOneInstancePerRepetition()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = _clock });
        await engine.DeployAsync(Sweep("R2/P1D"));

        var started = new List<int>();
        for (var day = 0; day < 4; day++)
        {
            _clock.Advance(TimeSpan.FromDays(1));
            await engine.RunDueJobsAsync();
            started.Add((await engine.QueryTasksAsync(new TaskQuery { ProcessKey = "sweep" })).Count);
        }

        CollectionAssert.AreEqual((int[])[1, 2, 2, 2], started);
    }

    [TestMethod]
    public async Task DeployAsync_NewVersionWithoutTimer_StopsStartingTheOldOne()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = _clock });
        await engine.DeployAsync(Sweep("R/P1D"));
        await engine.DeployAsync(Bpmn.OneTask("sweep"));

        _clock.Advance(TimeSpan.FromDays(3));
        await engine.RunDueJobsAsync();

        Assert.IsEmpty(await engine.QueryTasksAsync(new TaskQuery { ProcessKey = "sweep" }));
    }

    [TestMethod]
    public async Task RunDueJobsAsync_TimerStart_InstanceRunsTheLatestVersionAndRecordsIt()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = _clock });
        await engine.DeployAsync(Sweep("R1/PT1H"));

        _clock.Advance(TimeSpan.FromHours(1));
        await engine.RunDueJobsAsync();

        var task = (await engine.QueryTasksAsync(new TaskQuery { ProcessKey = "sweep" })).Single();
        var history = await engine.GetHistoryAsync(task.InstanceId);
        Assert.AreEqual("scheduler", history.First(h => h.Kind == HistoryKind.InstanceStarted).Actor);
        Assert.AreEqual(1, (await engine.GetStateAsync(task.InstanceId))!.ProcessVersion);
    }

    [TestMethod]
    [DataRow("R0/P1D")]
    [DataRow("R/PT0S")]
    [DataRow("R/-PT1H")]
    [DataRow("R99999999999/P1D")]
    public async Task DeployAsync_CycleThatCannotRun_IsRefusedAndArmsNoTimer(string cycle)
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = _clock });

        var refused = await Assert.ThrowsExactlyAsync<BpmnDeploymentException>(() => engine.DeployAsync(Sweep(cycle)));

        Assert.AreEqual("EXT.133", refused.Errors.Single().Code);
        Assert.IsNull(await engine.Store.GetNextDueAsync(CancellationToken.None));
    }

    [TestMethod]
    public async Task RunDueJobsAsync_HostWasDownForManyTicks_FiresOnceThenKeepsTheInterval()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = _clock });
        await engine.DeployAsync(Sweep("R/PT1H"));

        _clock.Advance(TimeSpan.FromHours(10));
        while (await engine.RunDueJobsAsync() > 0)
        {
        }

        Assert.HasCount(1, await engine.QueryTasksAsync(new TaskQuery { ProcessKey = "sweep" }));
        Assert.AreEqual(_clock.GetUtcNow() + TimeSpan.FromHours(1), await engine.Store.GetNextDueAsync(CancellationToken.None));
    }
}
