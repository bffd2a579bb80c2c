using System.Reflection;
using Tsunagu.Cases.Storage;
using Tsunagu.Cases.Storage.PostgreSql;
using Tsunagu.Cases.Storage.Sqlite;
using Tsunagu.Cases.Storage.SqlServer;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;
using Tsunagu.Engine.Storage.Sqlite;
using Tsunagu.Engine.Storage.SqlServer;

namespace Tsunagu.Storage.Tests;

/// <summary>Every provider ships scripts of the same versions and names, so schema_version reads the same on each.</summary>
[TestClass]
public sealed class MigrationHistoryTests
{
    private static readonly string[] SqliteHistory = History(typeof(SqliteProcessStore).Assembly);

    [TestMethod]
    public void Load_SqliteScripts_EndWithTheInstanceKeys()
    {
        Assert.AreEqual("8|0008_instance_keys", SqliteHistory[^1]);
    }

    [TestMethod]
    public void Load_PostgreSqlScripts_SameHistoryAsSqlite()
    {
        CollectionAssert.AreEqual(SqliteHistory, History(typeof(PostgreSqlProcessStore).Assembly));
    }

    [TestMethod]
    public void Load_SqlServerScripts_SameHistoryAsSqlite()
    {
        CollectionAssert.AreEqual(SqliteHistory, History(typeof(SqlServerProcessStore).Assembly));
    }

    [TestMethod]
    public void Scripts_DomainOfEachProvider_SameHistoryInTheProvidersTypes()
    {
        using var dataSource = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1");
        CaseStore[] stores = [new SqliteCaseStore("Data Source=:memory:", TimeProvider.System), new PostgreSqlCaseStore(dataSource, TimeProvider.System), new SqlServerCaseStore("Server=.", TimeProvider.System)];

        var histories = stores.Select(s => string.Join(' ', s.Scripts.Select(m => $"{m.Version}|{m.Name}"))).ToList();

        Assert.AreEqual("1001|1001_privacy 1002|1002_people 1003|1003_plans 1004|1004_notes 1005|1005_notifications 1006|1006_register 1007|1007_idempotency 1008|1008_tenancy 1009|1009_people_search 1010|1010_meeting_decisions 1011|1011_meeting_revision 1012|1012_people_grams", histories[0]);
        Assert.AreEqual(1, histories.Distinct().Count());
        Assert.IsFalse(stores.SelectMany(s => s.Scripts).Any(m => m.Sql.Contains('{', StringComparison.Ordinal)), "every column type named");
        StringAssert.Contains(stores[1].Scripts[0].Sql, "roles            text[] NOT NULL");
        StringAssert.Contains(stores[2].Scripts[0].Sql, "first_at     datetimeoffset(7) NOT NULL");
    }

    private static string[] History(Assembly assembly) => [.. MigrationScripts.Load(assembly, "Tsunagu.Migrations.").Select(s => $"{s.Version}|{s.Name}")];
}
