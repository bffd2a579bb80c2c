using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Tsunagu.Engine;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Bench;

/// <summary>
/// Instances per second of the intake process, each from StartInstanceAsync until its first user task is committed:
/// on a SQLite file database, on the in-memory store (engine cost only), and with parallel starters on SQLite.
/// </summary>
internal static class EngineHarness
{
    private static readonly int[] ParallelStarters = [2, 4];

    public static async Task RunAsync(bool quick)
    {
        var seconds = quick ? 2.0 : 10.0;
        var cancellationToken = CancellationToken.None;
        var applicants = EngineScenario.Applicants(1024, seed: 42);
        var folder = Directory.CreateTempSubdirectory("tsunagu-enginebench-");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "engine.db") }.ToString();
            await using var sqliteStore = await SqliteProcessStore.OpenAsync(connectionString, cancellationToken);
            var sqlite = await EngineScenario.CreateAsync(sqliteStore, cancellationToken);
            var memory = await EngineScenario.CreateAsync(new InMemoryProcessStore(), cancellationToken);
            await EngineScenario.VerifyAsync(sqlite, cancellationToken);
            await EngineScenario.VerifyAsync(memory, cancellationToken);
            Console.WriteLine($"verified: both branches end in the expected task and candidate; {seconds:F0} s per measurement");

            var onSqlite = await MeasureAsync(sqlite, applicants, 1, seconds);
            Report("(a) SQLite, 1 starter", onSqlite);
            var inMemory = await MeasureAsync(memory, applicants, 1, seconds);
            Report("(b) in-memory, 1 starter", inMemory);
            foreach (var starters in ParallelStarters)
            {
                Report($"(c) SQLite, {starters} starters", await MeasureAsync(sqlite, applicants, starters, seconds));
            }

            Console.WriteLine($"ratio a/b                : {onSqlite / inMemory,10:F2}  (share of time in the store: {1 - (onSqlite / inMemory):P0})");
        }
        finally
        {
            // Pooled connections keep the database files open.
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static void Report(string label, double perSecond) => Console.WriteLine($"{label,-25}: {perSecond,10:F0} instances/s");

    /// <summary>Warms up for a quarter of the time, then counts instances started in <paramref name="seconds"/>.</summary>
    private static async Task<double> MeasureAsync(ProcessEngine engine, IReadOnlyDictionary<string, JsonNode?>[] applicants, int starters, double seconds)
    {
        await StartForAsync(engine, applicants, starters, seconds / 4);
        var elapsed = Stopwatch.StartNew();
        var started = await StartForAsync(engine, applicants, starters, seconds);
        return started / elapsed.Elapsed.TotalSeconds;
    }

    private static async Task<int> StartForAsync(ProcessEngine engine, IReadOnlyDictionary<string, JsonNode?>[] applicants, int starters, double seconds)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, starters).Select(starter => Task.Run(async () =>
        {
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
}
