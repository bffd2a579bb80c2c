using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.Sqlite;

/// <summary>
/// The storage port over SQLite: each instance is one JSON document (<see cref="StateJson"/>) plus query rows
/// derived from it by <see cref="StoreProjections"/>, rewritten in the same transaction on every commit.
/// </summary>
public sealed partial class SqliteProcessStore : SqlStore, IProcessStore, IAuditStore, IJobClaims, IAsyncDisposable, IDisposable
{
    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly string _connectionString;

    private readonly TimeProvider _time;

    // An in-memory database lives only while a connection to it is open.
    private readonly SqliteConnection? _keepAlive;

    /// <summary>A store over an already migrated database; use <see cref="OpenAsync"/> to migrate first.</summary>
    public SqliteProcessStore(string connectionString, TimeProvider? time = null)
        : base(RowLimit.Limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        _time = time ?? TimeProvider.System;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
        {
            _keepAlive = new SqliteConnection(connectionString);
            _keepAlive.Open();
        }
    }

    /// <summary>Opens a store and brings its database to the newest schema (safe when several processes start at once).</summary>
    public static Task<SqliteProcessStore> OpenAsync(string connectionString, CancellationToken cancellationToken, TimeProvider? time = null) =>
        MigratedStore.OpenAsync(new SqliteProcessStore(connectionString, time), (store, ct) => store.MigrateAsync(ct), cancellationToken);

    public Task AppendAuditAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) => WriteAsync(session =>
    {
        using var transaction = session.Connection.BeginTransaction(deferred: false);
        SqliteAuditLog.Append(session.Connection, transaction, records);
        transaction.Commit();
    }, cancellationToken);

    /// <summary>Brings the database to the newest schema (safe when several processes start at once).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // WAL lets readers go on while one step commits; the mode is kept in the database file.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL", cancellationToken: cancellationToken));
        await SchemaMigrator.MigrateAsync(connection, _time, cancellationToken);
    }

    public async Task<DeploymentRecord> AddDeploymentAsync(string processKey, string xml, string versionHash, string? name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // Immediate, so two deployments of the same key cannot both read the same latest version.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var latest = await SqlStore.LatestDeploymentAsync(connection, transaction, processKey, cancellationToken);
        if (latest is not null && latest.VersionHash == versionHash)
        {
            return latest;
        }

        var record = new DeploymentRecord(Guid.NewGuid().ToString("N"), processKey, (latest?.Version ?? 0) + 1, xml, versionHash, name, at);
        await connection.ExecuteAsync(Command(
            """
            INSERT INTO deployments (id, process_key, version, xml, version_hash, name, deployed_at)
            VALUES (@Id, @ProcessKey, @Version, @Xml, @VersionHash, @Name, @DeployedAt)
            """,
            new { record.Id, record.ProcessKey, record.Version, record.Xml, record.VersionHash, record.Name, DeployedAt = SqliteValues.Time(at) },
            transaction,
            cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    public async Task<DeploymentRecord?> GetDeploymentAsync(string processKey, int? version, CancellationToken cancellationToken)
    {
        // Every start asks for the latest version: look up only its id, and the whole row (with the XML) once per id.
        var id = await ReadAsync(s => s.Scalar<string>(DeploymentIdSql, new { ProcessKey = processKey, Version = version }), cancellationToken);
        return await DeploymentByIdAsync(id, cancellationToken);
    }

    // The hot read of every step: on a pooled session, so the statement stays compiled.
    public Task<StoredInstance?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken) => ReadAsync(
        s => s.First(
            "SELECT id, process_key, process_version, business_key, status, revision, started_at, state_json FROM instances WHERE id = @Id",
            new { Id = SqliteValues.Id(instanceId) },
            r => new StoredInstance(
                SqliteValues.Id(r.GetString(0)), r.GetString(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3), Enum.Parse<InstanceStatus>(r.GetString(4)), r.GetInt32(5),
                SqliteValues.Time(r.GetString(6)), r.GetString(7))),
        cancellationToken);

    public Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var stored = commit.Instance;
        var instance = new
        {
            Id = SqliteValues.Id(stored.Id),
            stored.ProcessKey,
            stored.ProcessVersion,
            Status = stored.Status.ToString(),
            stored.Revision,
            stored.BusinessKey,
            stored.StateJson,
            StartedAt = SqliteValues.Time(stored.StartedAt),
            UpdatedAt = SqliteValues.Time(_time.GetUtcNow()),
            Expected = commit.ExpectedRevision,
        };

        // Rows are built before taking the write lock, so it is held only while SQLite writes.
        var projections = new Projections(commit);
        var history = commit.History.Select(HistoryRow.From).ToList();
        var keys = commit.Keys is null ? null : new { InstanceId = instance.Id, stored.ProcessKey, stored.BusinessKey, Keys = SqliteValues.List(commit.Keys) };
        return CommitInGroupAsync((session, transaction) =>
        {
            var written = commit.ExpectedRevision == -1
                ? session.Execute(StoreSql.InsertInstance, transaction, instance) > 0
                : session.Execute(UpdateStateSql, transaction, instance) > 0 || session.Execute(StoreSql.UpdateInstance, transaction, instance) > 0;
            if (!written)
            {
                throw new ConcurrencyConflictException($"Instance {stored.Id} is not at revision {commit.ExpectedRevision}.");
            }

            // A new instance has no derived rows yet.
            if (commit.ExpectedRevision != -1)
            {
                session.Execute(DeleteProjectionsSql, transaction, new { InstanceId = instance.Id, KeptJobs = projections.KeptJobs });
            }

            projections.Insert(session, transaction);
            if (keys is not null)
            {
                session.Execute(ReplaceKeysSql, transaction, keys);
            }

            session.InsertMany(StoreSql.InsertHistory, transaction, history);
            SqliteAuditLog.Append(session.Connection, transaction, commit.Audit);
        });
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        CloseSessions();
        _writeGate.Dispose();
        _keepAlive?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static CommandDefinition Command(string sql, object? parameters, SqliteTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private static void ExecuteEach<T>(SqliteSession session, string sql, SqliteTransaction transaction, IEnumerable<T> rows)
        where T : notnull
    {
        foreach (var row in rows)
        {
            session.Execute(sql, transaction, row);
        }
    }

    protected override async Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken) => await OpenConnectionAsync(cancellationToken);

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // busy_timeout: wait for another writer (thread or process) instead of failing at once with SQLITE_BUSY.
            // synchronous = FULL: a commit is on the disk when it returns, so it survives power loss too; group commit
            // pays the fsync once per group (docs/adr/0004-storage.md). temp_store = MEMORY: the statement journals of
            // a group's savepoints stay in memory instead of spilling to temp files.
            await connection.ExecuteAsync(new CommandDefinition(
                $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY", cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
