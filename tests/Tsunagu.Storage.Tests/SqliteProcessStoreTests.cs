using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.Sqlite;
using static Tsunagu.Storage.Tests.StoreSamples;

namespace Tsunagu.Storage.Tests;

/// <summary>The store contract over one temporary SQLite file for the class, plus what only SQLite has.</summary>
[TestClass]
public sealed class SqliteProcessStoreTests : SqlProcessStoreContract
{
    private static readonly List<string> TempFiles = [];
    private static string _connectionString = "";

    [ClassInitialize]
    public static void CreateDatabaseFile(TestContext context) => _connectionString = NewFileConnectionString();

    [ClassCleanup]
    public static void DeleteDatabaseFiles()
    {
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        foreach (var file in TempFiles.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task OpenAsync_TwoProcessesStartOnNewFile_AppliesEachMigrationOnce()
    {
        await using var reference = new SqliteConnection(_connectionString);
        var connectionString = NewFileConnectionString();
        using var start = new Barrier(2);

        var stores = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(
            () =>
            {
                start.SignalAndWait(Ct);
                return SqliteProcessStore.OpenAsync(connectionString, Ct);
            },
            Ct)));

        await using var connection = new SqliteConnection(connectionString);
        var versions = (await ReadSchemaVersionsAsync(connection)).Select(VersionAndName);
        CollectionAssert.AreEqual((await ReadSchemaVersionsAsync(reference)).Select(VersionAndName).ToArray(), versions.ToArray());
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task OpenAsync_FileDatabase_UsesWriteAheadLog()
    {
        await using var connection = CreateConnection();

        Assert.AreEqual("wal", await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode", cancellationToken: Ct)));
    }

    [TestMethod]
    public async Task OpenAsync_SharedMemoryDatabaseWithoutPooling_KeepsDataUntilDisposed()
    {
        var connectionString = $"Data Source=tsunagu-{Guid.NewGuid():N};Mode=Memory;Cache=Shared;Pooling=False";
        var state = Instance();
        await using (var store = await SqliteProcessStore.OpenAsync(connectionString, Ct))
        {
            await store.CommitAsync(New(state), Ct);

            Assert.IsNotNull(await store.LoadStateAsync(state.Id, Ct));
        }

        await using var fresh = await SqliteProcessStore.OpenAsync(connectionString, Ct);
        Assert.IsNull(await fresh.LoadStateAsync(state.Id, Ct));
    }

    protected override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    protected override async Task<IProcessStore> OpenStoreAsync(CancellationToken cancellationToken) =>
        await SqliteProcessStore.OpenAsync(_connectionString, cancellationToken);

    private static string NewFileConnectionString()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tsunagu-store-{Guid.NewGuid():N}.db");
        TempFiles.Add(path);
        return new SqliteConnectionStringBuilder { DataSource = path }.ToString();
    }

    // The applied-at time differs between two databases; version and name must not.
    private static string VersionAndName(string row) => string.Join('|', row.Split('|')[..2]);
}
