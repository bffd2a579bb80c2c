using System.Diagnostics;
using Hangfire.InMemory;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tsunagu.Engine;
using Tsunagu.Engine.Hangfire;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Bench;

/// <summary>
/// Memory of a process that schedules a store holding N waiting timers: the job rows are bulk-loaded (due over the
/// next year), then a fresh child process opens the store, starts the engine with the Hangfire scheduler (its start-up
/// wake-up and, within the default 70 s, a recurring sweep) and reports its working set each second.
/// </summary>
internal static class IdleTimersHarness
{
    public static async Task RunAsync(bool postgres, int count, int seconds)
    {
        var folder = Directory.CreateTempSubdirectory("tsunagu-idlebench-");
        try
        {
            var loading = Stopwatch.StartNew();
            string connectionString;
            if (postgres)
            {
                connectionString = BenchStores.PostgreSqlConnectionString ?? throw new InvalidOperationException("TSUNAGU_POSTGRES holds no connection string.");
                await using var store = await BenchStores.OpenEmptyPostgreSqlAsync(connectionString);
                await LoadAsync(store.DataSource, count);
            }
            else
            {
                connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "timers.db") }.ToString();
                await using (await SqliteProcessStore.OpenAsync(connectionString, CancellationToken.None))
                {
                    Load(connectionString, count);
                }

                SqliteConnection.ClearAllPools();
            }

            Console.WriteLine($"{(postgres ? "PostgreSQL" : "SQLite")}: {count:N0} waiting timers loaded in {loading.Elapsed.TotalSeconds:F0} s; a new process schedules them for {seconds} s");
            var child = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            foreach (var argument in (string[])[Environment.GetCommandLineArgs()[0], "idle-timers-serve", postgres ? "postgres" : "sqlite", connectionString, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                child.ArgumentList.Add(argument);
            }

            using var process = Process.Start(child)!;
            Console.Write(await process.StandardOutput.ReadToEndAsync());
            await process.WaitForExitAsync();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The child: opens the store, starts engine and scheduler, and samples its own working set.</summary>
    public static async Task ServeAsync(bool postgres, string connectionString, int seconds)
    {
        IProcessStore store = postgres
            ? await PostgreSqlProcessStore.OpenAsync(connectionString, CancellationToken.None)
            : await SqliteProcessStore.OpenAsync(connectionString, CancellationToken.None);
        await using var closing = (IAsyncDisposable)store;
        await using var scheduler = new HangfireJobScheduler(new InMemoryStorage(), TimeProvider.System);
        var engine = new ProcessEngine(store, new Engine.Execution.EngineOptions { Scheduler = scheduler });
        var self = Process.GetCurrentProcess();
        var started = self.WorkingSet64;
        scheduler.Start(engine);
        var peak = 0L;
        for (var second = 0; second < seconds; second++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            self.Refresh();
            peak = Math.Max(peak, self.WorkingSet64);
        }

        var asking = Stopwatch.StartNew();
        var next = await engine.GetNextDueAsync();
        var asked = asking.Elapsed;
        Console.WriteLine(
            $"working set: {started / 1048576.0:F0} MB before the scheduler started, peak {peak / 1048576.0:F0} MB, last {self.WorkingSet64 / 1048576.0:F0} MB; " +
            $"managed heap {GC.GetTotalMemory(forceFullCollection: false) / 1048576.0:F0} MB; scheduler healthy {scheduler.Healthy}, faults {scheduler.Faults}; next due {next:yyyy-MM-dd HH:mm:ss} (asked in {asked.TotalMilliseconds:F0} ms)");
    }

    private static DateTime DueAt(int i, int count) => TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1).AddSeconds(i * (365.0 * 24 * 3600 / count));

    private static void Load(string connectionString, int count)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO jobs (instance_id, job_id, due_at) VALUES ($instance, $job, $due)";
        var instance = insert.Parameters.Add("$instance", SqliteType.Text);
        var job = insert.Parameters.Add("$job", SqliteType.Text);
        var due = insert.Parameters.Add("$due", SqliteType.Text);
        insert.Prepare();
        for (var i = 0; i < count; i++)
        {
            instance.Value = SqliteValues.Id(Guid.NewGuid());
            job.Value = SqliteValues.Id(Guid.NewGuid());
            due.Value = SqliteValues.Time(DueAt(i, count));
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static async Task LoadAsync(NpgsqlDataSource dataSource, int count)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var jobs = await connection.BeginBinaryImportAsync("COPY jobs (instance_id, job_id, due_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                await jobs.WriteRowAsync(CancellationToken.None, Guid.NewGuid(), Guid.NewGuid(), DueAt(i, count));
            }

            await jobs.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE jobs", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
