using System.Data;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Data.SqlClient;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.SqlServer;

/// <summary>
/// The storage port over SQL Server, for several hosts sharing one database: each instance is one JSON document plus
/// the query rows derived from it, rewritten in the same transaction on every commit; the revision is checked in the
/// UPDATE's WHERE. Application locks (sp_getapplock, held to the end of the transaction) serialize deployments of one
/// key and appends to the audit chain.
/// </summary>
public sealed partial class SqlServerProcessStore : SqlStore, IProcessStore, IAuditStore, IJobClaims
{
    public static readonly MigrationDialect Dialect = new(
        "EXEC sp_getapplock @Resource = 'tsunagu.schema', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = -1",
        "IF OBJECT_ID('schema_version') IS NULL CREATE TABLE schema_version (version int NOT NULL PRIMARY KEY, name nvarchar(400) NOT NULL, applied_at datetimeoffset(7) NOT NULL)");

    private const string AppLockSql = "EXEC sp_getapplock @Resource = @Resource, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = -1";

    // SQL Server's errors for a duplicate key (primary key, unique index).
    private static readonly int[] DuplicateKey = [2627, 2601];

    private static readonly IReadOnlyList<MigrationScript> Scripts = MigrationScripts.Load(typeof(SqlServerProcessStore).Assembly, "Tsunagu.Migrations.");

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>A store over an already migrated database; use <see cref="OpenAsync"/> to migrate first.</summary>
    public SqlServerProcessStore(string connectionString, TimeProvider? time = null)
        : base(RowLimit.Top)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        _time = time ?? TimeProvider.System;
    }

    public static async Task<SqlServerProcessStore> OpenAsync(string connectionString, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var store = new SqlServerProcessStore(connectionString, time);
        await store.MigrateAsync(cancellationToken);
        return store;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await ServerSchemaMigrator.MigrateAsync(connection, Dialect, Scripts, _time, cancellationToken);
    }

    public async Task AppendAuditAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await AppendAuditAsync(connection, transaction, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<DeploymentRecord> AddDeploymentAsync(string processKey, string xml, string versionHash, string? name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(Command(AppLockSql, new { Resource = "tsunagu.deploy." + processKey }, transaction, cancellationToken));
        var latest = await SqlStore.LatestDeploymentAsync(connection, transaction, processKey, cancellationToken);
        if (StoreSql.NextDeployment(latest, processKey, xml, versionHash, name, at) is not { } record)
        {
            return latest!;
        }

        await connection.ExecuteAsync(Command(StoreSql.InsertDeployment, record, transaction, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    public async Task<DeploymentRecord?> GetDeploymentAsync(string processKey, int? version, CancellationToken cancellationToken)
    {
        string? id;
        await using (var connection = await OpenConnectionAsync(cancellationToken))
        {
            id = await connection.QueryFirstOrDefaultAsync<string>(Command(
                "SELECT TOP 1 id FROM deployments WHERE process_key = @processKey AND (@version IS NULL OR version = @version) ORDER BY version DESC",
                new { processKey, version },
                null,
                cancellationToken));
        }

        return await DeploymentByIdAsync(id, cancellationToken);
    }

    public async Task<StoredInstance?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken) =>
        (await ReadInstancesAsync("id = @instanceId", new { instanceId }, cancellationToken)) is [var stored] ? stored : null;

    /// <summary>One round trip for a claimed batch's instances (Dapper expands the list into parameters; a batch is at most a few hundred).</summary>
    public Task<IReadOnlyList<StoredInstance>> LoadInstancesAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        return instanceIds.Count == 0 ? Task.FromResult<IReadOnlyList<StoredInstance>>([]) : ReadInstancesAsync("id IN @ids", new { ids = instanceIds.ToArray() }, cancellationToken);
    }

    private async Task<IReadOnlyList<StoredInstance>> ReadInstancesAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InstanceRow>(Command(
            $"""
            SELECT id AS Id, process_key AS ProcessKey, process_version AS ProcessVersion, business_key AS BusinessKey, status AS Status,
                   revision AS Revision, started_at AS StartedAt, state_json AS StateJson
            FROM instances WHERE {where}
            """,
            parameters,
            null,
            cancellationToken));
        return [.. rows.Select(row => new StoredInstance(
            row.Id, row.ProcessKey, row.ProcessVersion, row.BusinessKey, Enum.Parse<InstanceStatus>(row.Status), row.Revision, row.StartedAt, row.StateJson))];
    }

    public async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var stored = commit.Instance;
        var instance = StoreSql.InstanceParameters(commit, _time.GetUtcNow());
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            if (await connection.ExecuteAsync(Command(commit.ExpectedRevision == -1 ? InsertInstanceSql : StoreSql.UpdateInstance, instance, transaction, cancellationToken)) == 0)
            {
                throw new ConcurrencyConflictException($"Instance {stored.Id} is not at revision {commit.ExpectedRevision}.");
            }
        }
        catch (SqlException e) when (DuplicateKey.Contains(e.Number))
        {
            throw new ConcurrencyConflictException($"Instance {stored.Id} already exists.", e);
        }

        await connection.ExecuteAsync(Command(DeleteProjectionsSql, new { stored.Id, KeptJobs = JsonSerializer.Serialize(commit.Jobs.Select(j => j.JobId)) }, transaction, cancellationToken));
        await InsertAsync(connection, transaction, StoreSql.InsertTask, commit.Tasks.Select(t => new
        {
            t.Id,
            t.InstanceId,
            t.ProcessKey,
            t.NodeId,
            t.Name,
            t.FormRef,
            t.BusinessKey,
            Status = t.Status.ToString(),
            t.Assignee,
            CandidateInstitutions = JsonSerializer.Serialize(t.CandidateInstitutions),
            CandidateRoles = JsonSerializer.Serialize(t.CandidateRoles),
            CandidateUsers = JsonSerializer.Serialize(t.CandidateUsers),
            t.AssignmentReason,
            t.CreatedAt,
            t.DueAt,
        }), cancellationToken);
        await InsertAsync(connection, transaction, InsertCandidateSql, commit.Tasks.SelectMany(t =>
            t.CandidateInstitutions.Select(v => new { TaskId = t.Id, InstanceId = stored.Id, Kind = "institution", Value = v, t.CreatedAt })
                .Concat(t.CandidateUsers.Select(v => new { TaskId = t.Id, InstanceId = stored.Id, Kind = "user", Value = v, t.CreatedAt }))), cancellationToken);
        await InsertAsync(connection, transaction, UpsertJobSql, commit.Jobs, cancellationToken);
        await InsertAsync(connection, transaction, StoreSql.InsertSubscription, commit.Subscriptions.Select(s => new
        {
            s.SubscriptionId,
            s.InstanceId,
            Kind = s.Kind.ToString(),
            s.Name,
            s.CorrelationKey,
        }), cancellationToken);
        await InsertAsync(connection, transaction, StoreSql.InsertWait, commit.Waits, cancellationToken);
        await InsertAsync(connection, transaction, StoreSql.InsertHistory, commit.History.Select(h => new
        {
            h.InstanceId,
            h.ProcessKey,
            h.ProcessVersion,
            Kind = h.Kind.ToString(),
            h.NodeId,
            h.TokenId,
            h.Actor,
            h.At,
            DataJson = StoreSql.DataJson(h.Data),
        }), cancellationToken);
        if (commit.Keys is { } keys)
        {
            await connection.ExecuteAsync(Command(
                ReplaceKeysSql, new { stored.Id, stored.ProcessKey, stored.BusinessKey, Keys = JsonSerializer.Serialize(keys) }, transaction, cancellationToken));
        }

        await AppendAuditAsync(connection, transaction, commit.Audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Appends records inside the caller's transaction; the application lock keeps the chain linked across hosts.</summary>
    public static async Task AppendAuditAsync(SqlConnection connection, SqlTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(Command(AppLockSql, new { Resource = "tsunagu.audit" }, transaction, cancellationToken));
        var last = await connection.QuerySingleOrDefaultAsync<(long Sequence, string Hash)?>(Command(
            "SELECT TOP 1 sequence, hash FROM audit_log ORDER BY sequence DESC", null, transaction, cancellationToken));
        await InsertAsync(connection, transaction, StoreSql.InsertAudit, AuditChain.Link(last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis, records).Select(e => new
        {
            e.Sequence,
            At = AuditChain.Time(e.Record.At),
            e.Record.Actor,
            e.Record.Roles,
            e.Record.Action,
            e.Record.CaseId,
            e.Record.MeetingId,
            e.Record.Outcome,
            e.Record.Purpose,
            e.PreviousHash,
            e.Hash,
        }), cancellationToken);
    }

    private static CommandDefinition Command(string sql, object? parameters, SqlTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private static async Task InsertAsync<T>(SqlConnection connection, SqlTransaction transaction, string sql, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = rows.ToList();
        if (list.Count > 0)
        {
            await connection.ExecuteAsync(Command(sql, list, transaction, cancellationToken));
        }
    }

    /// <summary>An open connection to the database (the domain's store opens its own the same way).</summary>
    public static async Task<SqlConnection> ConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override async Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken) => await OpenConnectionAsync(cancellationToken);

    private Task<SqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => ConnectAsync(_connectionString, cancellationToken);

    private sealed record InstanceRow(Guid Id, string ProcessKey, int ProcessVersion, string? BusinessKey, string Status, int Revision, DateTimeOffset StartedAt, string StateJson);
}
