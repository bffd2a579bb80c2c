using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Scheduling;
using Tsunagu.Engine.Storage.PostgreSql;

namespace Tsunagu.Bench;

/// <summary>
/// Two host processes on one PostgreSQL database, no leader: N cases each wait at a one-second timer, then a service
/// task whose handler records its effect outside the engine's transaction, then end. Both children claim due jobs
/// (polling every 250 ms, leases of 5 s); midway the harness kills one with SIGKILL. At the end every case must be
/// complete, each timer fired and each step committed once; a handler that ran on the killed host without its step
/// committing runs again on the other (at-least-once underneath), which the line counts separately.
/// </summary>
internal static class TwoHostHarness
{
    private const string ProcessKey = "two-hosts";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(int cases)
    {
        var connectionString = BenchStores.PostgreSqlConnectionString ?? throw new InvalidOperationException("TSUNAGU_POSTGRES holds no connection string.");
        await using var store = await BenchStores.OpenEmptyPostgreSqlAsync(connectionString);
        await using (var effects = store.DataSource.CreateCommand("DROP TABLE IF EXISTS bench_effects; CREATE TABLE bench_effects (instance_id uuid NOT NULL, host text NOT NULL)"))
        {
            await effects.ExecuteNonQueryAsync();
        }

        var starter = new ProcessEngine(store);
        await starter.DeployAsync(Model);
        var hosts = new[] { StartHost(connectionString, "a"), StartHost(connectionString, "b") };
        var watch = Stopwatch.StartNew();
        var starting = Task.Run(async () =>
        {
            for (var i = 0; i < cases; i++)
            {
                await starter.StartInstanceAsync(ProcessKey, new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["n"] = i });
            }

            Console.WriteLine($"{cases} cases started in {watch.Elapsed.TotalSeconds:F1} s");
        });
        var killedAt = -1L;
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 300);
        long completed;
        while ((completed = await ScalarAsync(store, "SELECT count(*) FROM instances WHERE status = 'Completed'")) < cases && Stopwatch.GetTimestamp() < deadline)
        {
            if (killedAt < 0 && completed >= cases / 2)
            {
                // SIGKILL: no shutdown, no lease given back; whatever it had claimed waits for its lease to run out.
                hosts[0].Kill();
                killedAt = completed;
                Console.WriteLine($"killed host a after {completed} completed cases ({watch.Elapsed.TotalSeconds:F1} s)");
            }

            await Task.Delay(100);
        }

        await starting;
        hosts[1].Kill();
        var committedTwice = await ScalarAsync(store, $"""
            SELECT count(*) FROM (SELECT instance_id FROM history WHERE kind = '{HistoryKind.ActivityCompleted}' AND node_id = 'After' GROUP BY instance_id HAVING count(*) > 1) d
            """);
        var firedTwice = await ScalarAsync(store, $"""
            SELECT count(*) FROM (SELECT instance_id FROM history WHERE kind = '{HistoryKind.EventCaught}' AND node_id = 'Timer' GROUP BY instance_id HAVING count(*) > 1) d
            """);
        var reruns = await ScalarAsync(store, "SELECT count(*) FROM (SELECT instance_id FROM bench_effects GROUP BY instance_id HAVING count(*) > 1) d");
        var byHost = await ScalarAsync(store, "SELECT count(*) FROM bench_effects WHERE host = 'b'");
        Console.WriteLine(
            $"two hosts: {cases} cases, 1 kill, {cases - completed} not completed, {firedTwice} timers fired twice, {committedTwice} steps committed twice; " +
            $"handler re-runs after the kill {reruns} (at-least-once); host b ran {byHost} handlers; {watch.Elapsed.TotalSeconds:F1} s");
        foreach (var host in hosts)
        {
            host.Dispose();
        }

        return cases - completed + firedTwice + committedTwice == 0 ? 0 : 1;
    }

    /// <summary>A child: an engine over its own store with an in-process scheduler polling for due jobs, until killed.</summary>
    public static async Task ServeAsync(string connectionString, string name)
    {
        await using var store = new PostgreSqlProcessStore(connectionString);
        await using var scheduler = new InProcessJobScheduler(TimeProvider.System, TimeSpan.FromMilliseconds(250));
        var engine = new ProcessEngine(store, new EngineOptions
        {
            Scheduler = scheduler,
            JobLease = Lease,
            Handlers = new Dictionary<string, IServiceTaskHandler>(StringComparer.Ordinal) { ["effect"] = new Effect(store.DataSource, name) },
        });
        scheduler.Start(engine);
        await Task.Delay(Timeout.Infinite);
    }

    private static Process StartHost(string connectionString, string name)
    {
        var child = new ProcessStartInfo(Environment.ProcessPath!);
        foreach (var argument in (string[])[Environment.GetCommandLineArgs()[0], "two-hosts-child", connectionString, name])
        {
            child.ArgumentList.Add(argument);
        }

        return Process.Start(child)!;
    }

    private static async Task<long> ScalarAsync(PostgreSqlProcessStore store, string sql)
    {
        await using var command = store.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The side effect: a row written outside the engine's transaction, so a run whose step never committed still leaves it.</summary>
    private sealed class Effect(NpgsqlDataSource dataSource, string host) : IServiceTaskHandler
    {
        public async Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            await using var command = dataSource.CreateCommand("INSERT INTO bench_effects (instance_id, host) VALUES ($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = context.InstanceId });
            command.Parameters.Add(new NpgsqlParameter { Value = host });
            await command.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }
    }

    private static readonly string Model = BenchModels.TimerThen(
        ProcessKey,
        """<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1S</bpmn:timeDuration>""",
        """<bpmn:serviceTask id="After"><bpmn:extensionElements><tsunagu:handler name="effect"/></bpmn:extensionElements></bpmn:serviceTask>""");
}
