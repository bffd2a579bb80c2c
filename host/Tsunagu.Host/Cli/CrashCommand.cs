using System.CommandLine;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Cli;

/// <summary>
/// <c>tsunagu crash-test --store sqlite|postgresql [--hosts 1|2] --cases N --kills K</c>: <c>tsunagu serve</c> children take
/// N cases along the shipped case path over HTTP (see <see cref="CrashJourney"/>) while the harness kills a host K times
/// with SIGKILL at random points and starts it again (see <see cref="CrashRun"/>); then it reads the store and prints
/// one line of counts. Exit 0 when every count of harm is 0.
/// </summary>
public static class CrashCommand
{
    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "sqlite (default) or postgresql", DefaultValueFactory = _ => TsunaguStore.Sqlite };
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL: the connection string (default: TSUNAGU_POSTGRES)" };
        var hosts = new Option<int>("--hosts") { Description = "Hosts on one database, requests alternating between them (2 needs postgresql)", DefaultValueFactory = _ => 1 };
        var cases = new Option<int>("--cases") { Description = "Cases to take along the case path", DefaultValueFactory = _ => 20 };
        var kills = new Option<int>("--kills") { Description = "Times to kill a host at a random step (at most one per step)", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the kill points and delays", DefaultValueFactory = _ => 15 };
        var command = new Command("crash-test", "Kill hosts at random points while they take cases along the case path; count what was lost or doubled")
        {
            store, connection, hosts, cases, kills, seed,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var kind = result.GetValue(store) is "postgres" ? TsunaguStore.PostgreSql : result.GetValue(store)!;
            var connectionString = kind == TsunaguStore.PostgreSql ? result.GetValue(connection) ?? Environment.GetEnvironmentVariable("TSUNAGU_POSTGRES") : null;
            var (hostCount, count, killCount) = (result.GetValue(hosts), result.GetValue(cases), result.GetValue(kills));
            if (kind is not (TsunaguStore.Sqlite or TsunaguStore.PostgreSql) || (kind == TsunaguStore.PostgreSql && string.IsNullOrEmpty(connectionString))
                || hostCount is < 1 or > 2 || (hostCount == 2 && kind != TsunaguStore.PostgreSql) || count < 1 || killCount < 0 || killCount > count * CrashJourney.Steps.Count)
            {
                await Console.Error.WriteLineAsync(
                    $"crash-test: --store sqlite|postgresql (with --connection or TSUNAGU_POSTGRES), --hosts 1 or 2 (2 on postgresql), --cases ≥ 1, 0 ≤ --kills ≤ {CrashJourney.Steps.Count} × --cases.");
                return 2;
            }

            var data = Directory.CreateTempSubdirectory("tsunagu-crash").FullName;
            try
            {
                using var run = new CrashRun(data, kind, connectionString, hostCount, result.GetValue(seed));
                var report = await run.ExecuteAsync(count, killCount, cancellation);
                await Console.Out.WriteLineAsync(report.Line);
                return report.Harmless ? 0 : 1;
            }
            finally
            {
                Directory.Delete(data, recursive: true);
            }
        });
        return command;
    }
}
