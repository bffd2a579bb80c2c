using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Tsunagu.Engine;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Bench;

/// <summary>
/// Instances per second of the intake process, each from StartInstanceAsync until its first user task is committed:
/// on a SQLite file database, on the in-memory store (engine cost only), with parallel starters on SQLite, and on
/// PostgreSQL when TSUNAGU_POSTGRES names a database.
/// </summary>
internal static class EngineHarness
{
    private static readonly int[] ParallelStarters = [2, 4, 8, 16, 32];

    public static async Task RunAsync(bool quick)
    {
        var rounds = quick ? 3 : 7;
        var seconds = quick ? 1.0 : 3.0;
        var cancellationToken = CancellationToken.None;
        var applicants = EngineScenario.Applicants(1024, seed: 42);
        var folder = Directory.CreateTempSubdirectory("tsunagu-enginebench-");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "engine.db") }.ToString();
            await using var sqliteStore = await SqliteProcessStore.OpenAsync(connectionString, cancellationToken);
            var sqlite = new Subject(TimedStore.Wrap(sqliteStore, out var sqliteTimes), sqliteTimes);
            var memory = new Subject(TimedStore.Wrap(new InMemoryProcessStore(), out var memoryTimes), memoryTimes);
            foreach (var subject in new[] { sqlite, memory })
            {
                subject.Engine = await EngineScenario.CreateAsync(subject.Store, cancellationToken);
                await EngineScenario.VerifyAsync(subject.Engine, cancellationToken);
            }

            Console.WriteLine($"verified: both branches end in the expected task and candidate, on both stores");
            Console.WriteLine($"each figure: median of {rounds} rounds of {seconds:F0} s after a warm-up round; instances/s");

            var onSqlite = await MeasureAsync("(a) SQLite, 1 starter", sqlite, applicants, 1, rounds, seconds);
            var inMemory = await MeasureAsync("(b) in-memory, 1 starter", memory, applicants, 1, rounds, seconds);
            foreach (var starters in ParallelStarters)
            {
                await MeasureAsync($"(c) SQLite, {starters} starters", sqlite, applicants, starters, rounds, seconds);
            }

            Console.WriteLine($"ratio a/b                : {onSqlite / inMemory,8:F2}  (share of SQLite time in the store: {1 - (onSqlite / inMemory):P0})");
            await MeasurePostgreSqlAsync(applicants, rounds, seconds);
        }
        finally
        {
            // Pooled connections keep the database files open.
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>(d) The same on the PostgreSQL database named by TSUNAGU_POSTGRES (its tables are emptied first), when one is named.</summary>
    private static async Task MeasurePostgreSqlAsync(IReadOnlyDictionary<string, JsonNode?>[] applicants, int rounds, double seconds)
    {
        if (BenchStores.PostgreSqlConnectionString is not { } connectionString)
        {
            Console.WriteLine("(d) PostgreSQL            : skipped (TSUNAGU_POSTGRES holds no connection string)");
            return;
        }

        await using var store = await BenchStores.OpenEmptyPostgreSqlAsync(connectionString);
        var postgres = new Subject(TimedStore.Wrap(store, out var times), times);
        postgres.Engine = await EngineScenario.CreateAsync(postgres.Store, CancellationToken.None);
        await EngineScenario.VerifyAsync(postgres.Engine, CancellationToken.None);
        foreach (var starters in (int[])[1, .. ParallelStarters])
        {
            await MeasureAsync($"(d) PostgreSQL, {starters} start.", postgres, applicants, starters, rounds, seconds);
        }

        // (e) Two hosts: a second engine over its own store (own connection pool) on the same database; starters alternate.
        await using var secondStore = await PostgreSqlProcessStore.OpenAsync(connectionString, CancellationToken.None);
        var second = await EngineScenario.CreateAsync(secondStore, CancellationToken.None);
        foreach (var starters in (int[])[2, 4, 8, 16])
        {
            await MeasureAsync($"(e) PostgreSQL 2 hosts, {starters}", postgres, applicants, starters, rounds, seconds, second);
        }
    }

    /// <summary>A warm-up round, then the median rate of the rounds; for one starter, also where an instance's time went.</summary>
    private static async Task<double> MeasureAsync(
        string label, Subject subject, IReadOnlyDictionary<string, JsonNode?>[] applicants, int starters, int rounds, double seconds, ProcessEngine? secondHost = null)
    {
        ProcessEngine[] engines = secondHost is null ? [subject.Engine] : [subject.Engine, secondHost];
        await StartForAsync(engines, applicants, starters, seconds);
        subject.Times.Reset();
        var rates = new double[rounds];
        var started = 0L;
        var elapsed = TimeSpan.Zero;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var written = WrittenBytes.Now();
        var allocated = GC.GetTotalAllocatedBytes();
        for (var round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            var count = await StartForAsync(engines, applicants, starters, seconds);
            elapsed += watch.Elapsed;
            started += count;
            rates[round] = count / watch.Elapsed.TotalSeconds;
        }

        Array.Sort(rates);
        var median = rates[rounds / 2];
        // CPU per instance (all threads) moves less than the rate when other jobs share the machine.
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        written = WrittenBytes.Now() - written;
        allocated = GC.GetTotalAllocatedBytes() - allocated;
        Console.WriteLine(
            $"{label,-25}: {median,8:F0}  (rounds {rates[0]:F0}–{rates[^1]:F0}; per instance {cpu.TotalMicroseconds / started:F0} µs CPU, " +
            $"{allocated / 1024.0 / started:F0} KB allocated, {written / 1024.0 / started:F1} KB written)");
        if (starters == 1)
        {
            PrintBreakdown(subject.Times, elapsed, started);
        }

        return median;
    }

    /// <summary>Microseconds per instance in each store method and in the rest (the engine, the harness).</summary>
    private static void PrintBreakdown(TimedStore times, TimeSpan elapsed, long instances)
    {
        double PerInstance(long ticks) => ticks * 1e6 / Stopwatch.Frequency / instances;
        var store = times.Totals.OrderByDescending(t => t.Value.Ticks).ToList();
        var rest = (elapsed.TotalMicroseconds / instances) - store.Sum(t => PerInstance(t.Value.Ticks));
        var parts = store.Select(t => $"{t.Key} {PerInstance(t.Value.Ticks):F0}").Append($"engine and rest {rest:F0}");
        Console.WriteLine($"{"",-25}  µs per instance: {string.Join(", ", parts)}");
    }

    private static async Task<int> StartForAsync(ProcessEngine[] engines, IReadOnlyDictionary<string, JsonNode?>[] applicants, int starters, double seconds)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, starters).Select(starter => Task.Run(async () =>
        {
            var engine = engines[starter % engines.Length];
            var started = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                // Each starter walks the applicants from its own offset, so parallel starters differ.
                await engine.StartInstanceAsync(EngineScenario.ProcessKey, applicants[((starter * 257) + started) % applicants.Length]);
                started++;
            }

            return started;
        })));
        return counts.Sum();
    }

    /// <summary>An engine over a timed store.</summary>
    private sealed class Subject(IProcessStore store, TimedStore times)
    {
        public IProcessStore Store { get; } = store;

        public TimedStore Times { get; } = times;

        public ProcessEngine Engine { get; set; } = null!;
    }
}
