using Microsoft.Extensions.Time.Testing;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Scheduling;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Engine.Tests.Commands;

[TestClass]
public sealed class SchedulerTests
{
    private static readonly string MonitoringModel = Bpmn.Process("monitoring", """
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
            <bpmn:intermediateCatchEvent id="Wait">
              <bpmn:timerEventDefinition id="T1">
                <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P3M</bpmn:timeDuration>
              </bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="Monitor" />
            <bpmn:userTask id="Monitor" name="モニタリング" />
            <bpmn:sequenceFlow id="F3" sourceRef="Monitor" targetRef="End" />
            <bpmn:endEvent id="End" />
        """);

    [TestMethod]
    public async Task InProcessScheduler_ClockMovesThreeMonths_TimerFiresWithoutPolling()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
        await using var scheduler = new InProcessJobScheduler(clock, TimeSpan.FromDays(365));
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = clock, Scheduler = scheduler });
        scheduler.Start(engine);
        await engine.DeployAsync(MonitoringModel);
        var instance = await engine.StartInstanceAsync("monitoring");

        var job = (await engine.GetStateAsync(instance))!.Jobs.Single();
        Assert.AreEqual(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero), job.DueAt, "P3M is three calendar months");
        clock.Advance(TimeSpan.FromDays(89));
        await Task.Delay(50);
        Assert.IsEmpty(await engine.QueryTasksAsync(new TaskQuery { InstanceId = instance }));

        clock.Advance(TimeSpan.FromDays(2));

        var tasks = await WaitForAsync(() => engine.QueryTasksAsync(new TaskQuery { InstanceId = instance }));
        Assert.HasCount(1, tasks, $"faults {scheduler.Faults}: {scheduler.LastFault}; jobs {(await engine.GetStateAsync(instance))!.Jobs.Count}");
        Assert.AreEqual("Monitor", tasks.Single().NodeId);
        Assert.AreEqual(0, scheduler.Faults);
    }

    [TestMethod]
    public async Task JobDue_LoopIsSleeping_WakesItOnAnotherThread()
    {
        var time = new ProbeTime();
        await using var scheduler = new InProcessJobScheduler(time, TimeSpan.FromDays(365));
        scheduler.Start(new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = time, Scheduler = scheduler }));
        await WaitUntilAsync(() => time.Reads > 0);
        await Task.Delay(200);
        var now = time.GetUtcNow();
        var before = time.Reads;

        ProbeTime.InsideJobDue = true;
        scheduler.JobDue(now);
        ProbeTime.InsideJobDue = false;
        await WaitUntilAsync(() => time.Reads > before);

        Assert.AreEqual(0, time.InlineReads);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.IsTrue(condition());
    }

    /// <summary>The system clock, counting reads and the reads made inside <see cref="InProcessJobScheduler.JobDue"/>.</summary>
    private sealed class ProbeTime : TimeProvider
    {
        [ThreadStatic]
        public static bool InsideJobDue;

        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public int InlineReads { get; private set; }

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Increment(ref _reads);
            InlineReads += InsideJobDue ? 1 : 0;
            return System.GetUtcNow();
        }
    }

    private static async Task<IReadOnlyList<T>> WaitForAsync<T>(Func<Task<IReadOnlyList<T>>> query)
    {
        for (var i = 0; i < 200; i++)
        {
            var result = await query();
            if (result.Count > 0)
            {
                return result;
            }

            await Task.Delay(25);
        }

        return await query();
    }

    [TestMethod]
    public async Task TimeDate_WithZone_FiresAtThatInstant()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = clock });
        await engine.DeployAsync(Bpmn.Process("meeting", """
                <bpmn:startEvent id="Start" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
                <bpmn:intermediateCatchEvent id="Wait">
                  <bpmn:timerEventDefinition id="T1">
                    <bpmn:timeDate xsi:type="bpmn:tFormalExpression">date and time("2026-04-02T10:00:00@Asia/Tokyo")</bpmn:timeDate>
                  </bpmn:timerEventDefinition>
                </bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="End" />
                <bpmn:endEvent id="End" />
            """));

        var instance = await engine.StartInstanceAsync("meeting");

        Assert.AreEqual(new DateTimeOffset(2026, 4, 2, 1, 0, 0, TimeSpan.Zero), (await engine.GetStateAsync(instance))!.Jobs.Single().DueAt);
    }
}
