using System.Reflection;
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

    private static string[] History(Assembly assembly) => [.. MigrationScripts.Load(assembly, "Tsunagu.Migrations.").Select(s => $"{s.Version}|{s.Name}")];
}
