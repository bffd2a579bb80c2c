using System.CommandLine;
using Tsunagu.Cases.Packs;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Cli;

/// <summary>
/// <c>tsunagu db migrate [--store sqlite|postgresql|sqlserver] [--connection CS] [--data DIR] [--pack ID]</c>: brings the
/// database to the newest schema, as a starting host does, so an operator can migrate before rolling out hosts. On
/// PostgreSQL the rows already there become the pack's (the tenant the host serves; ADR 0019). Exit 0 done, 1 the
/// database failed, 2 a wrong store or pack or a missing connection string.
/// </summary>
public static class DbCommand
{
    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "sqlite (default), postgresql or sqlserver", DefaultValueFactory = _ => TsunaguStore.Sqlite };
        var connection = new Option<string?>("--connection") { Description = "The connection string (SQLite: the file in the data folder when not given)" };
        var data = new Option<DirectoryInfo>("--data") { Description = "The data folder of a SQLite store (default: data)", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var pack = new Option<string>("--pack") { Description = "The municipality the host serves (PostgreSQL: the tenant of the rows there; default matsudo)", DefaultValueFactory = _ => new TsunaguSettings().Pack };
        var migrate = new Command("migrate", "Apply the schema scripts the database lacks") { store, connection, data, pack };
        migrate.SetAction(async (result, cancellation) =>
        {
            var kind = result.GetValue(store)!;
            var settings = new TsunaguSettings { Store = kind, ConnectionString = result.GetValue(connection), DataDirectory = result.GetValue(data)!.FullName, Pack = result.GetValue(pack)! };
            if (!TsunaguStore.Supported.Contains(kind) || (kind != TsunaguStore.Sqlite && settings.ConnectionString is null))
            {
                await Console.Error.WriteLineAsync($"--store must be one of {string.Join(", ", TsunaguStore.Supported)}; --connection is required except for sqlite.");
                return 2;
            }

            if (!new PackCatalog(settings.PacksFolder).Contains(settings.Pack))
            {
                await Console.Error.WriteLineAsync($"--pack '{settings.Pack}' is not a pack (shipped: {string.Join(", ", PackCatalog.Shipped)}).");
                return 2;
            }

            if (kind == TsunaguStore.Sqlite)
            {
                Directory.CreateDirectory(settings.DataDirectory);
            }

            await using var opened = TsunaguStore.Create(kind, settings.StoreConnectionString, settings.Pack, TimeProvider.System);
            try
            {
                await opened.MigrateAsync(cancellation);
            }
            catch (Exception e) when (TsunaguStore.IsStoreFailure(e))
            {
                await Console.Error.WriteLineAsync($"db: the {kind} store cannot be migrated: {e.Message}");
                return 1;
            }

            await Console.Out.WriteLineAsync($"db: {kind} store at the newest schema");
            return 0;
        });
        return new Command("db", "The database") { migrate };
    }
}
