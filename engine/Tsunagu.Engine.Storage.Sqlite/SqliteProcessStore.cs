using Dapper;
using Microsoft.Data.Sqlite;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.Sqlite;

/// <summary>
/// The storage port over SQLite: each instance is one JSON document (<see cref="StateJson"/>) plus query rows
/// derived from it by <see cref="StoreProjections"/>, rewritten in the same transaction on every commit.
/// </summary>
public sealed partial class SqliteProcessStore : IProcessStore, IAsyncDisposable, IDisposable
{
    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly string _connectionString;

    // An in-memory database lives only while a connection to it is open.
    private readonly SqliteConnection? _keepAlive;

    /// <summary>A store over an already migrated database; use <see cref="OpenAsync"/> to migrate first.</summary>
    public SqliteProcessStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
        {
            _keepAlive = new SqliteConnection(connectionString);
            _keepAlive.Open();
        }
    }

    /// <summary>Opens a store and brings its database to the newest schema (safe when several processes start at once).</summary>
    public static async Task<SqliteProcessStore> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var store = new SqliteProcessStore(connectionString);
        try
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);

            // WAL lets readers go on while one step commits; the mode is kept in the database file.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL", cancellationToken: cancellationToken));
            await SchemaMigrator.MigrateAsync(connection, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public async Task<DeploymentRecord> AddDeploymentAsync(string processKey, string xml, string versionHash, string? name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // Immediate, so two deployments of the same key cannot both read the same latest version.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var latest = await QueryLatestAsync(connection, transaction, processKey, null, cancellationToken);
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
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await QueryLatestAsync(connection, null, processKey, version, cancellationToken);
    }

    public async Task<IReadOnlyList<DeploymentRecord>> GetLatestDeploymentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeploymentRow>(Command(
            $"""
            SELECT {DeploymentRow.Columns} FROM deployments d
            WHERE version = (SELECT MAX(version) FROM deployments WHERE process_key = d.process_key)
            ORDER BY process_key
            """,
            null,
            null,
            cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<InstanceState?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var json = await connection.QuerySingleOrDefaultAsync<string>(Command(
            "SELECT state_json FROM instances WHERE id = @Id", new { Id = SqliteValues.Id(instanceId) }, null, cancellationToken));
        return json is null ? null : StateJson.Deserialize(json);
    }

    public async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var state = commit.State;
        var instance = new
        {
            Id = SqliteValues.Id(state.Id),
            state.ProcessKey,
            state.ProcessVersion,
            Status = state.Status.ToString(),
            state.Revision,
            state.BusinessKey,
            StateJson = StateJson.Serialize(state),
            UpdatedAt = SqliteValues.Time(DateTimeOffset.UtcNow),
            Expected = commit.ExpectedRevision,
        };

        await using var connection = await OpenConnectionAsync(cancellationToken);

        // Immediate: the revision check and the write happen under one write lock, so of two steps from the same
        // revision exactly one matches a row.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var written = await connection.ExecuteAsync(Command(
            commit.ExpectedRevision == -1 ? InsertInstanceSql : UpdateInstanceSql, instance, transaction, cancellationToken));
        if (written == 0)
        {
            throw new ConcurrencyConflictException($"Instance {state.Id} is not at revision {commit.ExpectedRevision}.");
        }

        await ReplaceProjectionsAsync(connection, transaction, state, cancellationToken);
        await connection.ExecuteAsync(Command(InsertHistorySql, commit.History.Select(HistoryRow.From), transaction, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public void Dispose() => _keepAlive?.Dispose();

    public ValueTask DisposeAsync() => _keepAlive?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static CommandDefinition Command(string sql, object? parameters, SqliteTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private static async Task<DeploymentRecord?> QueryLatestAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string processKey, int? version, CancellationToken cancellationToken)
    {
        var row = await connection.QueryFirstOrDefaultAsync<DeploymentRow>(Command(
            $"""
            SELECT {DeploymentRow.Columns} FROM deployments
            WHERE process_key = @ProcessKey AND (@Version IS NULL OR version = @Version)
            ORDER BY version DESC LIMIT 1
            """,
            new { ProcessKey = processKey, Version = version },
            transaction,
            cancellationToken));
        return row?.ToRecord();
    }

    private static async Task ReplaceProjectionsAsync(SqliteConnection connection, SqliteTransaction transaction, InstanceState state, CancellationToken cancellationToken)
    {
        var instanceId = SqliteValues.Id(state.Id);
        await connection.ExecuteAsync(Command(DeleteProjectionsSql, new { InstanceId = instanceId }, transaction, cancellationToken));

        var tasks = StoreProjections.Tasks(state).ToList();
        await connection.ExecuteAsync(Command(InsertTaskSql, tasks.Select(TaskRow.From), transaction, cancellationToken));
        var candidates = tasks.SelectMany(t =>
            t.CandidateInstitutions.Select(v => (Kind: CandidateKind.Institution, Value: v))
                .Concat(t.CandidateUsers.Select(v => (Kind: CandidateKind.User, Value: v)))
                .Select(c => new { TaskId = SqliteValues.Id(t.Id), InstanceId = instanceId, c.Kind, c.Value }));
        await connection.ExecuteAsync(Command(InsertCandidateSql, candidates, transaction, cancellationToken));

        var jobs = StoreProjections.Jobs(state).Select(j => new { InstanceId = instanceId, JobId = SqliteValues.Id(j.JobId), DueAt = SqliteValues.Time(j.DueAt) });
        await connection.ExecuteAsync(Command(InsertJobSql, jobs, transaction, cancellationToken));

        var subscriptions = StoreProjections.Subscriptions(state).Select(s => new
        {
            SubscriptionId = SqliteValues.Id(s.Id),
            InstanceId = instanceId,
            Kind = s.Kind.ToString(),
            s.Name,
            s.CorrelationKey,
        });
        await connection.ExecuteAsync(Command(InsertSubscriptionSql, subscriptions, transaction, cancellationToken));
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Wait for another writer (thread or process) instead of failing at once with SQLITE_BUSY.
            await connection.ExecuteAsync(new CommandDefinition($"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}", cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
