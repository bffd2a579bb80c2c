using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Tests.Commands;

namespace Tsunagu.Engine.Tests.Execution;

/// <summary>Every ISO 8601 repeating-interval form of timeCycle, on start, catch and boundary timers, on a fake clock (ADR 0018).</summary>
[TestClass]
public sealed class TimerCycleTests
{
    private static readonly DateTimeOffset Epoch = EngineHarness.Epoch;

    [TestMethod]
    [DataRow("R3/PT1H", "1 2 3")]
    [DataRow("R/PT1H", "1 2 3 4 5 6")]
    [DataRow("R3/2026-03-02T10:00:00Z/PT1H", "2 3 4")]
    [DataRow("R/2026-03-02T18:30:00+09:00/PT1H", "1.5 2.5 3.5 4.5 5.5 6.5")]
    [DataRow("R5/PT1H/2026-03-02T11:00:00Z", "1 2 3")]
    [DataRow("R/PT2H/2026-03-02T15:00:00Z", "2 4 6")]
    [DataRow("R2/2026-03-02T09:00:00Z/2026-03-02T09:30:00Z", "1 1.5")]
    [DataRow("R/2026-03-01T08:15:00Z/PT1H", "0.25 1.25 2.25 3.25 4.25 5.25")]
    [DataRow("R2/2026-02-01T00:00:00Z/P1D", "")]
    public async Task RunDueJobsAsync_CycleForm_StartsAndNonInterruptingBoundariesFireOnEveryTickCatchAndInterruptingOnceAtTheFirst(string cycle, string everyTick)
    {
        var firstTick = everyTick.Split(' ')[0];

        Assert.AreEqual(everyTick, await FiringHoursAsync(StartTimer(cycle), startInstance: false));
        Assert.AreEqual(everyTick, await FiringHoursAsync(Boundary(cycle, interrupting: false), startInstance: true));
        Assert.AreEqual(firstTick, await FiringHoursAsync(Boundary(cycle, interrupting: true), startInstance: true));
        Assert.AreEqual(firstTick, await FiringHoursAsync(Catch(cycle), startInstance: true));
    }

    [TestMethod]
    public async Task StartInstanceAsync_CatchCycleWithEveryTickPast_StandsInAnIncident()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = new FakeTimeProvider(Epoch) });
        await engine.DeployAsync(Catch("R2/2026-02-01T00:00:00Z/P1D"));

        var state = await engine.GetStateAsync(await engine.StartInstanceAsync("cycle", new Dictionary<string, System.Text.Json.Nodes.JsonNode?>()));

        Assert.AreEqual("Timer", state!.Incidents.Single().NodeId);
    }

    [TestMethod]
    public async Task StartInstanceAsync_CycleFromAVariable_FiresOnItsTicks()
    {
        var clock = new FakeTimeProvider(Epoch);
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = clock });
        await engine.DeployAsync(Boundary("\"R2/\" + interval", interrupting: false));

        await engine.StartInstanceAsync("cycle", new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["interval"] = "PT30M" });

        Assert.AreEqual("0.5 1", await FireAsync(engine, clock));
    }

    [TestMethod]
    public async Task RunDueJobsAsync_BoundaryCycleLate_FiresOnceThenKeepsTheGrid()
    {
        var clock = new FakeTimeProvider(Epoch);
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = clock });
        await engine.DeployAsync(Boundary("R/PT1H", interrupting: false));
        await engine.StartInstanceAsync("cycle", new Dictionary<string, System.Text.Json.Nodes.JsonNode?>());

        clock.Advance(TimeSpan.FromHours(10.5));
        while (await engine.RunDueJobsAsync() > 0)
        {
        }

        Assert.HasCount(1, await TicksAsync(engine));
        Assert.AreEqual(Epoch.AddHours(11), await engine.Store.GetNextDueAsync(CancellationToken.None));
    }

    [TestMethod]
    public void TryFirst_DatedMonthlyCycleInTokyo_KeepsTheLocalDayAndTheOffset()
    {
        Assert.IsTrue(TimerCycle.TryParse("R3/2027-01-31T08:00:00+09:00/P1M", out var cycle));

        var ticks = Ticks(cycle, Epoch, 4);

        Assert.AreEqual(
            "2027-01-31T08:00:00+09:00 2027-02-28T08:00:00+09:00 2027-03-31T08:00:00+09:00",
            string.Join(' ', ticks.Select(t => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))));
    }

    [TestMethod]
    [DataRow("R0/PT1H")]
    [DataRow("R/PT0S")]
    [DataRow("R/-PT1H")]
    [DataRow("R99999999999/P1D")]
    [DataRow("R-1/PT1H")]
    [DataRow("R3/2026-03-02T10:00:00Z/2026-03-02T10:00:00Z")]
    [DataRow("R3/PT1H/PT2H")]
    [DataRow("R3/2026-03-02T10:00:00Z")]
    [DataRow("PT1H")]
    [DataRow("R3/PT1H/2026-03-02T10:00:00Z/P1D")]
    public void TryParse_CycleThatCannotRun_IsRefused(string text) => Assert.IsFalse(TimerCycle.TryParse(text, out _));

    [TestMethod]
    [DataRow("R/P1W", "168")]
    [DataRow("R2/P1DT12H", "36 72")]
    [DataRow("R2/PT0.5S", "0.0001 0.0003")]
    public void TryFirst_DurationParts_AddUp(string text, string hours)
    {
        Assert.IsTrue(TimerCycle.TryParse(text, out var cycle));

        var ticks = Ticks(cycle, Epoch, 2).Take(hours.Split(' ').Length);

        Assert.AreEqual(hours, string.Join(' ', ticks.Select(t => Math.Round((t - Epoch).TotalHours, 4).ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>The due times of the first <paramref name="max"/> ticks when each fires on time.</summary>
    private static List<DateTimeOffset> Ticks(TimerCycle cycle, DateTimeOffset now, int max)
    {
        var ticks = new List<DateTimeOffset>();
        for (var ok = cycle.TryFirst(now, out var tick); ok && ticks.Count < max; ok = tick.TryNext(tick.Due, out tick))
        {
            ticks.Add(tick.Due);
        }

        return ticks;
    }

    private static async Task<string> FiringHoursAsync(string model, bool startInstance)
    {
        var clock = new FakeTimeProvider(Epoch);
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = clock });
        await engine.DeployAsync(model);
        if (startInstance)
        {
            await engine.StartInstanceAsync("cycle", new Dictionary<string, System.Text.Json.Nodes.JsonNode?>());
        }

        return await FireAsync(engine, clock);
    }

    /// <summary>Runs every job at its due time for up to a day (six firings at most); returns when Tick tasks appeared, in hours from the epoch.</summary>
    private static async Task<string> FireAsync(ProcessEngine engine, FakeTimeProvider clock)
    {
        var hours = new List<string>();
        var seen = 0;
        while (hours.Count < 6 && await engine.Store.GetNextDueAsync(CancellationToken.None) is { } next && next <= Epoch.AddDays(1))
        {
            clock.SetUtcNow(next > clock.GetUtcNow() ? next : clock.GetUtcNow());
            await engine.RunDueJobsAsync();
            var count = (await TicksAsync(engine)).Count;
            hours.AddRange(Enumerable.Repeat((clock.GetUtcNow() - Epoch).TotalHours.ToString(CultureInfo.InvariantCulture), count - seen));
            seen = count;
        }

        return string.Join(' ', hours);
    }

    private static async Task<IReadOnlyList<TaskRecord>> TicksAsync(ProcessEngine engine) =>
        [.. (await engine.QueryTasksAsync(new TaskQuery { ProcessKey = "cycle" })).Where(t => t.NodeId == "Tick")];

    private static string TimeCycle(string cycle) =>
        $"""<bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">{cycle}</bpmn:timeCycle></bpmn:timerEventDefinition>""";

    private static string StartTimer(string cycle) => Bpmn.Process("cycle", $"""
            <bpmn:startEvent id="Timer">{TimeCycle(cycle)}</bpmn:startEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Timer" targetRef="Tick" />
            <bpmn:userTask id="Tick" />
        """);

    private static string Catch(string cycle) => Bpmn.Process("cycle", $"""
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Timer" />
            <bpmn:intermediateCatchEvent id="Timer">{TimeCycle(cycle)}</bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="F2" sourceRef="Timer" targetRef="Tick" />
            <bpmn:userTask id="Tick" />
        """);

    private static string Boundary(string cycle, bool interrupting) => Bpmn.Process("cycle", $"""
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
            <bpmn:userTask id="Wait" />
            <bpmn:boundaryEvent id="Timer" attachedToRef="Wait" cancelActivity="{(interrupting ? "true" : "false")}">{TimeCycle(cycle)}</bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="F2" sourceRef="Timer" targetRef="Tick" />
            <bpmn:userTask id="Tick" />
        """);
}
