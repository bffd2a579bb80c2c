using System.Reflection;
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
    public void Load_DomainScriptsOfEachProvider_SameHistoryAsSqlite()
    {
        var sqlite = History(typeof(SqliteCaseStore).Assembly, "Tsunagu.Cases.Migrations.");

        Assert.AreEqual(7, sqlite.Length);
        CollectionAssert.AreEqual(sqlite, History(typeof(PostgreSqlCaseStore).Assembly, "Tsunagu.Cases.Migrations."));
        CollectionAssert.AreEqual(sqlite, History(typeof(SqlServerCaseStore).Assembly, "Tsunagu.Cases.Migrations."));
    }

    private static string[] History(Assembly assembly, string prefix = "Tsunagu.Migrations.") => [.. MigrationScripts.Load(assembly, prefix).Select(s => $"{s.Version}|{s.Name}")];
}
