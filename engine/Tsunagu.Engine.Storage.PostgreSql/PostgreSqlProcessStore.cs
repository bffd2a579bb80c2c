using System.Data.Common;
using Dapper;
using Npgsql;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.PostgreSql;

/// <summary>
/// The storage port over PostgreSQL, for several hosts sharing one database: each instance is one JSON document plus
/// the query rows derived from it, rewritten in the same transaction on every commit. Revisions are checked
/// optimistically in the UPDATE's WHERE (a concurrent step blocks on the row, then finds it changed).
/// </summary>
public sealed partial class PostgreSqlProcessStore : SqlStore, IProcessStore, IAuditStore, IJobClaims, IAsyncDisposable
{
    /// <summary>Takes the migration lock: any fixed key, held until the migration's transaction ends.</summary>
    public static readonly MigrationDialect Dialect = new(
        "SELECT pg_advisory_xact_lock(7597372553498914049)",
        "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)");

    private static readonly IReadOnlyList<MigrationScript> Scripts = MigrationScripts.Load(typeof(PostgreSqlProcessStore).Assembly, "Tsunagu.Migrations.");

    private readonly TimeProvider _time;

    /// <summary>A store over an already migrated database; use <see cref="OpenAsync"/> to migrate first.</summary>
    public PostgreSqlProcessStore(string connectionString, TimeProvider? time = null)
        : base(RowLimit.Limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);

        // Statements run often (the commit's batch above all) are prepared once per connection instead of parsed and
        // planned on every call; a connection string that sets its own limit keeps it.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        DataSource = builder.Build();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The pooled connections of this store, for the domain's tables in the same database.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Opens a store and brings its database to the newest schema (safe when several hosts start at once).</summary>
    public static Task<PostgreSqlProcessStore> OpenAsync(string connectionString, CancellationToken cancellationToken, TimeProvider? time = null) =>
        MigratedStore.OpenAsync(new PostgreSqlProcessStore(connectionString, time), (store, ct) => store.MigrateAsync(ct), cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await ServerSchemaMigrator.MigrateAsync(connection, Dialect, Scripts, _time, cancellationToken);
    }

    public async Task AppendAuditAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await PostgreSqlAuditLog.AppendAsync(connection, transaction, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<DeploymentRecord> AddDeploymentAsync(string processKey, string xml, string versionHash, string? name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Deployments of one key wait for each other, so two cannot both read the same latest version.
        await connection.ExecuteAsync(Command("SELECT pg_advisory_xact_lock(hashtext(@processKey))", new { processKey }, transaction, cancellationToken));
        var latest = await SqlStore.LatestDeploymentAsync(connection, transaction, processKey, cancellationToken);
        if (StoreSql.NextDeployment(latest, processKey, xml, versionHash, name, at) is not { } record)
        {
            return latest!;
        }

        await connection.ExecuteAsync(Command(StoreSql.InsertDeployment, record with { DeployedAt = at.ToUniversalTime() }, transaction, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    public async Task<DeploymentRecord?> GetDeploymentAsync(string processKey, int? version, CancellationToken cancellationToken)
    {
        // Every start asks for the latest version: look up only its id, and the whole row (with the XML) once per id.
        string? id;
        await using (var connection = await DataSource.OpenConnectionAsync(cancellationToken))
        {
            id = await connection.QueryFirstOrDefaultAsync<string>(Command(
                $"SELECT id FROM deployments {DeploymentFilter}", new { ProcessKey = processKey, Version = version }, null, cancellationToken));
        }

        return await DeploymentByIdAsync(id, cancellationToken);
    }

    public async Task<StoredInstance?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<InstanceRow>(Command(
            $"SELECT {InstanceRow.Columns} FROM instances WHERE id = @instanceId", new { instanceId }, null, cancellationToken));
        return row?.ToStored();
    }

    public async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var stored = commit.Instance;
        var instance = StoreSql.InstanceParameters(commit, _time.GetUtcNow());
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        if (commit.Audit.Count == 0)
        {
            // One round trip: the statements go as one batch, which PostgreSQL runs as one implicit transaction, so the
            // failed check of the first (a stale revision, or an id that exists) undoes it and skips the rest.
            var parameters = new DynamicParameters(instance);
            parameters.AddDynamicParams(Projections.From(commit));
            parameters.AddDynamicParams(KeysParameters(commit));
            try
            {
                await connection.ExecuteAsync(Command((commit.ExpectedRevision == -1 ? CheckedInsertSql : CheckedUpdateSql) + ProjectionsSql + KeysSql(commit), parameters, null, cancellationToken));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DivisionByZero)
            {
                throw new ConcurrencyConflictException($"Instance {stored.Id} is not at revision {commit.ExpectedRevision}.", e);
            }

            return;
        }

        // The audit chain's head must be read inside the transaction, so a step carrying audit takes three round trips.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            // A step from a stale revision matches no row: another step committed first (or, for a new instance, the id exists).
            if (await connection.ExecuteAsync(Command(commit.ExpectedRevision == -1 ? StoreSql.InsertInstance : StoreSql.UpdateInstance, instance, transaction, cancellationToken)) == 0)
            {
                throw new ConcurrencyConflictException($"Instance {stored.Id} is not at revision {commit.ExpectedRevision}.");
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ConcurrencyConflictException($"Instance {stored.Id} already exists.", e);
        }

        await connection.ExecuteAsync(Command(ProjectionsSql, Projections.From(commit), transaction, cancellationToken));
        if (commit.Keys is not null)
        {
            await connection.ExecuteAsync(Command(ReplaceKeysSql, KeysParameters(commit), transaction, cancellationToken));
        }

        await PostgreSqlAuditLog.AppendAsync(connection, transaction, commit.Audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    protected override async Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken) => await DataSource.OpenConnectionAsync(cancellationToken);

    private static CommandDefinition Command(string sql, object? parameters, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
