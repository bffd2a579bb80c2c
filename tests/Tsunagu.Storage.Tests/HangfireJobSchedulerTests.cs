using Hangfire.InMemory;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Hangfire;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Storage.Tests;

/// <summary>
/// Timers stay in Tsunagu's tables and Hangfire only wakes the engine: a timer fires once while a host runs, a timer
/// that fell due while no host ran fires after the next start, and later due times coalesce into the wake-up armed.
/// Hangfire runs on the real clock, so the timers here are one second long and waited for within a generous bound.
/// </summary>
[TestClass]
public sealed class HangfireJobSchedulerTests
{
    private static readonly string Model = StoreSamples.TimerModel("wait", "PT1S", "After");

    // Generous for a loaded machine, yet shorter than a sweep would need to rescue a lost wake-up (none runs here).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // No recurring sweep: the timers must fire through the wake-ups alone.
    private static readonly HangfireSchedulerOptions WakeUpsOnly = new() { SweepCron = Hangfire.Cron.Never() };

    private string _file = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void NewFile() => _file = TempDatabase.NewPath("hangfire");

    [TestCleanup]
    public void DeleteFile()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TempDatabase.Delete(_file);
    }

    [TestMethod]
    public async Task JobDue_TimerWhileHostRuns_FiresExactlyOnce()
    {
        await using var store = await SqliteProcessStore.OpenAsync($"Data Source={_file}", TestContext.CancellationToken);
        await using var scheduler = new HangfireJobScheduler(new InMemoryStorage(), TimeProvider.System, WakeUpsOnly);
        var engine = new ProcessEngine(store, new EngineOptions { Scheduler = scheduler });
        await engine.DeployAsync(Model);
        scheduler.Start(engine);

        var instance = await engine.StartInstanceAsync("wait");

        await WaitForTaskAsync(store, instance);
        Assert.AreEqual(1, await CountAsync(store, instance, HistoryKind.TaskCreated));
        Assert.IsTrue(scheduler.Healthy);
    }

    [TestMethod]
    public async Task Start_TimerFellDueWhileNoHostRan_FiresAfterStart()
    {
        await using var store = await SqliteProcessStore.OpenAsync($"Data Source={_file}", TestContext.CancellationToken);
        var stopped = new ProcessEngine(store);
        await stopped.DeployAsync(Model);
        var instance = await stopped.StartInstanceAsync("wait");
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.CancellationToken);

        await using var scheduler = new HangfireJobScheduler(new InMemoryStorage(), TimeProvider.System, WakeUpsOnly);
        scheduler.Start(new ProcessEngine(store, new EngineOptions { Scheduler = scheduler }));

        await WaitForTaskAsync(store, instance);
        Assert.AreEqual(1, await CountAsync(store, instance, HistoryKind.TaskCreated));
    }

    [TestMethod]
    public async Task JobDue_LaterThanTheArmedWakeUp_CoalescesIntoIt()
    {
        var storage = new InMemoryStorage();
        await using var scheduler = new HangfireJobScheduler(storage, TimeProvider.System);
        var now = TimeProvider.System.GetUtcNow();

        scheduler.JobDue(now.AddHours(1));
        foreach (var minutes in Enumerable.Range(61, 50))
        {
            scheduler.JobDue(now.AddMinutes(minutes));
        }

        scheduler.JobDue(now.AddMinutes(30));

        Assert.AreEqual(2, scheduler.WakeUpsScheduled);
        Assert.AreEqual(2, storage.GetMonitoringApi().ScheduledCount());
    }

    [TestMethod]
    public async Task JobDue_DueWithinAPoll_EnqueuedAtOnceNotLeftForThePoller()
    {
        var storage = new InMemoryStorage();
        await using var scheduler = new HangfireJobScheduler(storage, TimeProvider.System, WakeUpsOnly);

        scheduler.JobDue(TimeProvider.System.GetUtcNow().AddMilliseconds(200));

        var monitoring = storage.GetMonitoringApi();
        Assert.AreEqual(0, monitoring.ScheduledCount());
        Assert.AreEqual(1, monitoring.EnqueuedCount(Hangfire.States.EnqueuedState.DefaultQueue));
    }

    [TestMethod]
    public async Task JobDue_AnotherTenantsServerRunning_WakeUpWaitsInItsOwnQueue()
    {
        var storage = new InMemoryStorage();
        await using var store = await SqliteProcessStore.OpenAsync($"Data Source={_file}", TestContext.CancellationToken);
        await using var other = new HangfireJobScheduler(storage, TimeProvider.System, WakeUpsOnly with { Queue = "ichikawa" });
        other.Start(new ProcessEngine(store, new EngineOptions { Scheduler = other }));
        await using var own = new HangfireJobScheduler(storage, TimeProvider.System, WakeUpsOnly with { Queue = "matsudo" });

        own.JobDue(TimeProvider.System.GetUtcNow());

        var monitoring = storage.GetMonitoringApi();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(Patience);
        while (monitoring.EnqueuedCount("matsudo") == 0)
        {
            await Task.Delay(100, timeout.Token);
        }

        Assert.AreEqual("ichikawa", string.Join(",", monitoring.Servers().Single().Queues), "the running server works its own queue only");
        Assert.AreEqual(1, monitoring.EnqueuedCount("matsudo"), "so 松戸's wake-up waits for 松戸's server");
    }

    [TestMethod]
    public async Task JobDue_TwoEnginesOnOneServer_EachTimerFiresInItsOwnEngine()
    {
        var storage = new InMemoryStorage();
        var otherFile = TempDatabase.NewPath("hangfire-other");
        try
        {
            await using var matsudoStore = await SqliteProcessStore.OpenAsync($"Data Source={_file}", TestContext.CancellationToken);
            await using var ichikawaStore = await SqliteProcessStore.OpenAsync($"Data Source={otherFile}", TestContext.CancellationToken);
            await using var workers = new HangfireWorkers(storage);
            await using var matsudo = new HangfireJobScheduler(storage, TimeProvider.System, WakeUpsOnly with { Queue = "matsudo" }, workers);
            await using var ichikawa = new HangfireJobScheduler(storage, TimeProvider.System, WakeUpsOnly with { Queue = "ichikawa" }, workers);
            var matsudoEngine = new ProcessEngine(matsudoStore, new EngineOptions { Scheduler = matsudo });
            var ichikawaEngine = new ProcessEngine(ichikawaStore, new EngineOptions { Scheduler = ichikawa });
            await matsudoEngine.DeployAsync(Model);
            await ichikawaEngine.DeployAsync(Model);
            matsudo.Start(matsudoEngine);
            ichikawa.Start(ichikawaEngine);
            workers.Start();

            var matsudoInstance = await matsudoEngine.StartInstanceAsync("wait");
            var ichikawaInstance = await ichikawaEngine.StartInstanceAsync("wait");

            await WaitForTaskAsync(matsudoStore, matsudoInstance);
            await WaitForTaskAsync(ichikawaStore, ichikawaInstance);
            var server = storage.GetMonitoringApi().Servers().Single();
            Assert.AreEqual("ichikawa,matsudo", string.Join(",", server.Queues.Order(StringComparer.Ordinal)), "one server works both queues");
            Assert.AreEqual(2 * new HangfireSchedulerOptions().Workers, server.WorkersCount, "each municipality brings its own workers");
            Assert.AreEqual(1, await CountAsync(matsudoStore, matsudoInstance, HistoryKind.TaskCreated));
            Assert.AreEqual(1, await CountAsync(ichikawaStore, ichikawaInstance, HistoryKind.TaskCreated));
            Assert.IsTrue(matsudo.Healthy && ichikawa.Healthy);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TempDatabase.Delete(otherFile);
        }
    }

    private async Task WaitForTaskAsync(SqliteProcessStore store, Guid instance)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(Patience);
        while ((await store.QueryTasksAsync(new TaskQuery { InstanceId = instance }, timeout.Token)).Count == 0)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private static async Task<int> CountAsync(SqliteProcessStore store, Guid instance, HistoryKind kind) =>
        (await store.GetHistoryAsync(instance, CancellationToken.None)).Count(h => h.Kind == kind);
}
