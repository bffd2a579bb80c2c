using System.CommandLine;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Host.Cli;

/// <summary><c>tsunagu audit verify [--data DIR]</c>: checks the audit hash chain. Exit 0 intact, 1 broken (naming the first broken entry), 2 no database.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "The data folder (default: data)", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var verify = new Command("verify", "Check that no audit entry was changed, removed or inserted") { data };
        verify.SetAction(async (result, cancellation) =>
        {
            var database = Path.Combine(result.GetValue(data)!.FullName, "tsunagu.db");
            if (!File.Exists(database))
            {
                await Console.Error.WriteLineAsync($"No database at {database}.");
                return 2;
            }

            await using var store = new SqliteProcessStore($"Data Source={database};Mode=ReadOnly");
            var (broken, checkedCount) = await AuditVerifier.VerifyAsync(store, cancellation);
            if (broken is null)
            {
                await Console.Out.WriteLineAsync($"audit: intact, {checkedCount} entries");
                return 0;
            }

            await Console.Out.WriteLineAsync($"audit: broken at entry {broken.Sequence} ({broken.Record.At:O} {broken.Record.Action}); {checkedCount} entries before it are intact");
            return 1;
        });
        var audit = new Command("audit", "The audit trail") { verify };
        return audit;
    }
}
