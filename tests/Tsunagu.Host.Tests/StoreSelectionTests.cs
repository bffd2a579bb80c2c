using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tsunagu.Cases.Storage.Sqlite;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Host.Tests;

/// <summary>The host runs on the store its settings name, and <c>tsunagu db migrate</c> applies the same scripts a starting host does.</summary>
[TestClass]
[DoNotParallelize]
public sealed class StoreSelectionTests
{
    // Every script of the engine's and the domain's stores (their histories match across providers).
    private static readonly long[] EveryScript = [.. MigrationScripts.Load(typeof(SqliteProcessStore).Assembly, "Tsunagu.Migrations.")
        .Concat(new SqliteCaseStore("Data Source=:memory:", TimeProvider.System).Scripts)
        .Select(s => (long)s.Version)];

    [TestMethod]
    public void DbMigrate_SqliteDataFolder_AppliesEveryScriptOnce()
    {
        var data = Directory.CreateTempSubdirectory("tsunagu-migrate").FullName;

        var first = CliRun.Run("db", "migrate", "--data", data);
        var second = CliRun.Run("db", "migrate", "--data", data);

        Assert.AreEqual((0, 0), (first.Exit, second.Exit), first.Error + second.Error);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "tsunagu.db")};Pooling=False");
        connection.Open();
        using var command = new SqliteCommand("SELECT version FROM schema_version ORDER BY version", connection);
        using var reader = command.ExecuteReader();
        var versions = new List<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        CollectionAssert.AreEqual(EveryScript, versions);
    }

    [TestMethod]
    public async Task DbMigrate_PostgreSql_AppliesEveryScriptOnce()
    {
        var connectionString = await PostgreSqlSchema.CreateAsync();

        var first = CliRun.Run("db", "migrate", "--store", "postgresql", "--connection", connectionString);
        var second = CliRun.Run("db", "migrate", "--store", "postgresql", "--connection", connectionString);

        Assert.AreEqual((0, 0), (first.Exit, second.Exit), first.Error + second.Error);
        StringAssert.Contains(second.Out, "db: postgresql store at the newest schema");
        Assert.AreEqual(EveryScript.Length, await CountAsync(connectionString, "SELECT count(*) FROM schema_version WHERE version = ANY(@value)", EveryScript), "the engine's and the domain's, as on SQLite");
    }

    [TestMethod]
    [DataRow("--store", "oracle")]
    [DataRow("--store", "postgresql")]
    [DataRow("--store", "sqlserver")]
    public void DbMigrate_UnknownStoreOrNoConnection_ExitsTwo(params string[] options)
    {
        var (exit, _, error) = CliRun.Run(["db", "migrate", .. options]);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--store must be one of sqlite, postgresql, sqlserver");
    }

    [TestMethod]
    public void DbMigrate_PackNotKnown_ExitsTwoNamingIt()
    {
        var (exit, _, error) = CliRun.Run("db", "migrate", "--store", "postgresql", "--connection", "Host=127.0.0.1;Port=1", "--pack", "matsudo -c search_path=x");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--pack 'matsudo -c search_path=x' is not a pack");
    }

    [TestMethod]
    public void DbMigrate_PostgreSqlNotAnswering_ExitsOneNamingTheStore()
    {
        var (exit, _, error) = CliRun.Run("db", "migrate", "--store", "postgresql", "--connection", "Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=2");

        Assert.AreEqual(1, exit);
        StringAssert.Contains(error, "db: the postgresql store cannot be migrated");
    }

    /// <summary>Counts as a session of <paramref name="tenant"/> sees the rows (the hosts under test serve matsudo).</summary>
    internal static async Task<long> CountAsync(string connectionString, string sql, object value, string tenant = "matsudo")
    {
        await using var connection = new NpgsqlConnection(PostgreSqlTenancy.ConnectionString(connectionString, tenant));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("@value", "$1", StringComparison.Ordinal), connection);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
