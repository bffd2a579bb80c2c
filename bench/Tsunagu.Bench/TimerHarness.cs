using System.Diagnostics;
using System.Globalization;
using Hangfire.InMemory;
using Microsoft.Data.Sqlite;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Hangfire;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Bench;

/// <summary>
/// N timers due in the same second on a SQLite file (or on the PostgreSQL database TSUNAGU_POSTGRES names), woken
/// through Hangfire (in-memory storage): how late after their due time the timers fired (the task after each timer was
/// created), and whether each fired exactly once.
/// </summary>
internal static class TimerHarness
{
    public static async Task RunAsync(int count, bool postgres, int claimers, int concurrency)
    {
        var folder = Directory.CreateTempSubdirectory("tsunagu-timerbench-");
        try
        {
            IProcessStore store = postgres
                ? await BenchStores.OpenEmptyPostgreSqlAsync(BenchStores.PostgreSqlConnectionString ?? throw new InvalidOperationException("TSUNAGU_POSTGRES holds no connection string."))
                : await SqliteProcessStore.OpenAsync($"Data Source={Path.Combine(folder.FullName, "timers.db")}", CancellationToken.None);
            await using var closing = (IAsyncDisposable)store;

            // One clock for the engine, the scheduler and the lateness measured against them.
            var time = TimeProvider.System;
            await using var scheduler = new HangfireJobScheduler(new InMemoryStorage(), time, new HangfireSchedulerOptions { Claimers = claimers });
            var engine = new ProcessEngine(store, new EngineOptions { Scheduler = scheduler, Time = time, JobConcurrency = concurrency });

            scheduler.Start(engine);

            // A smaller burst first, so the firing path is compiled (as in a host that has run a while) before the one measured.
            var warmUp = await BurstAsync(engine, store, time, "warm-up", Math.Min(2_000, count), postgres);
            Console.WriteLine($"warm-up: {warmUp}");
            var measured = await BurstAsync(engine, store, time, "timers", count, postgres);
            Console.WriteLine($"{measured}; {claimers} claimers of {concurrency} instances at once; wake-ups scheduled {scheduler.WakeUpsScheduled}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Starts <paramref name="count"/> instances whose timers fall due in the same second, waits until all fired, and tells how late.</summary>
    private static async Task<string> BurstAsync(ProcessEngine engine, IProcessStore store, TimeProvider time, string processKey, int count, bool postgres)
    {
        // Every instance is started well before the due second: four starters, at 2,000 starts a second or more on
        // SQLite, 300 on PostgreSQL.
        var due = time.GetUtcNow().AddSeconds(5 + (count / (postgres ? 300.0 : 2000.0)));
        due = due.AddTicks(-(due.UtcTicks % TimeSpan.TicksPerSecond));
        await engine.DeployAsync(Model(processKey, due));
        var starting = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(starter => Task.Run(async () =>
        {
            for (var i = starter; i < count; i += 4)
            {
                await engine.StartInstanceAsync(processKey);
            }
        })));

        var header = $"{count} timers due at {due:HH:mm:ss} UTC; started in {starting.Elapsed.TotalSeconds:F1} s, {(due - time.GetUtcNow()).TotalSeconds:F1} s before they fall due";
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var writtenBefore = WrittenBytes.Now();
        var deadline = due.AddMinutes(2);
        // Done when no job is left (a cheap query, so the polling costs the firing little); lateness comes from the history.
        while (time.GetUtcNow() < deadline && (time.GetUtcNow() < due || await store.GetNextDueAsync(CancellationToken.None) is not null))
        {
            await Task.Delay(250);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var written = WrittenBytes.Now() - writtenBefore;
        var fired = (await store.GetDefinitionHistoryAsync(processKey, null, CancellationToken.None))
            .Where(h => h.Kind == HistoryKind.TaskCreated).GroupBy(h => h.InstanceId).ToList();
        var lateness = fired.Select(g => (g.First().At - due).TotalMilliseconds).Order().ToList();
        string Percentile(double p) => lateness.Count == 0 ? "–" : lateness[(int)Math.Min(lateness.Count - 1, p * lateness.Count)].ToString("F0", CultureInfo.InvariantCulture);
        var rate = lateness.Count < 2 ? 0 : lateness.Count * 1000 / Math.Max(1, lateness[^1] - lateness[0]);
        return
            $"{header}\nfired {fired.Count} of {count}, more than once {fired.Count(g => g.Count() > 1)}; late by ms: first {Percentile(0)}, p50 {Percentile(0.5)}, p99 {Percentile(0.99)}, max {Percentile(1)}; " +
            $"{rate:F0} fires/s from first to last, {cpu.TotalMicroseconds / count:F0} µs CPU per fire (all threads), {written / 1024.0 / count:F1} KB written per fire";
    }

    private static string Model(string processKey, DateTimeOffset due) => BenchModels.TimerThen(
        processKey,
        $"""<bpmn:timeDate xsi:type="bpmn:tFormalExpression">{due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</bpmn:timeDate>""",
        """<bpmn:userTask id="After" />""");
}
