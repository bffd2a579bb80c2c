using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage;

/// <summary>How a dialect keeps the first rows of an ordered query: <c>LIMIT n</c> at the end, or <c>TOP (n)</c> after SELECT.</summary>
public enum RowLimit
{
    Limit,
    Top,
}

/// <summary>
/// The reads every SQL store makes alike (deployments, wait counts, the audit chain), in SQL the three accept, over
/// connections the store opens (plain ADO.NET, so the engine needs no data library). A deployment row never changes
/// once written, so a whole record read by id is kept. Times are read as the driver gives them: SQLite text,
/// PostgreSQL a UTC DateTime, SQL Server a DateTimeOffset.
/// </summary>
public sealed class SqlStoreReads(Func<CancellationToken, Task<DbConnection>> open, RowLimit rowLimit)
{
    private const string DeploymentColumns = "id, process_key, version, version_hash, name, deployed_at";

    private readonly ConcurrentDictionary<string, DeploymentRecord> _deployments = new(StringComparer.Ordinal);

    /// <summary>The deployment with this id (null: none), from the database once and then from memory.</summary>
    public async Task<DeploymentRecord?> DeploymentAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return null;
        }

        if (_deployments.TryGetValue(id, out var cached))
        {
            return cached;
        }

        await using var connection = await open(cancellationToken);
        return await ReadAsync(connection, null, $"SELECT {DeploymentColumns}, xml FROM deployments WHERE id = @Id", [("@Id", id)], Deployment, cancellationToken) is [var record]
            ? _deployments.GetOrAdd(id, record)
            : null;
    }

    /// <summary>The latest version of every process key, by key.</summary>
    public async Task<IReadOnlyList<DeploymentRecord>> LatestDeploymentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await ReadAsync(connection, null, $"SELECT {DeploymentColumns}, xml FROM deployments d {StoreSql.LatestDeploymentsWhere}", [], Deployment, cancellationToken);
    }

    /// <summary>Every version of one key without its model text, oldest first.</summary>
    public async Task<IReadOnlyList<DeploymentVersion>> DeploymentVersionsAsync(string processKey, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await ReadAsync(
            connection,
            null,
            $"SELECT {DeploymentColumns} FROM deployments WHERE process_key = @ProcessKey ORDER BY version",
            [("@ProcessKey", processKey)],
            r => new DeploymentVersion(r.GetString(0), r.GetString(1), Version(r), r.GetString(3), Name(r), Time(r.GetValue(5))),
            cancellationToken);
    }

    /// <summary>The latest version of one key, or null; inside the deployment's transaction, which has locked the key.</summary>
    public static async Task<DeploymentRecord?> LatestDeploymentAsync(DbConnection connection, DbTransaction transaction, string processKey, CancellationToken cancellationToken) =>
        await ReadAsync(
            connection,
            transaction,
            $"SELECT {DeploymentColumns}, xml FROM deployments WHERE process_key = @ProcessKey AND version = (SELECT MAX(version) FROM deployments WHERE process_key = @ProcessKey)",
            [("@ProcessKey", processKey)],
            Deployment,
            cancellationToken) is [var latest] ? latest : null;

    /// <summary>The tokens per node of one process version's active instances.</summary>
    public async Task<IReadOnlyList<WaitCount>> CountWaitsAsync(string processKey, int version, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await StoreSql.CountWaitsAsync(connection, processKey, version, cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> active instances without wait rows (written before the store had them).</summary>
    public async Task<IReadOnlyList<Guid>> InstancesWithoutWaitsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await ReadAsync(
            connection,
            null,
            First("i.id FROM instances i WHERE i.status = 'Active' AND NOT EXISTS (SELECT 1 FROM waits w WHERE w.instance_id = i.id) ORDER BY i.id"),
            [("@Limit", limit)],
            r => Id(r.GetValue(0)),
            cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> open incidents, oldest first.</summary>
    public async Task<IReadOnlyList<IncidentRecord>> IncidentsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await ReadAsync(
            connection,
            null,
            First("instance_id, process_key, process_version, business_key, incident_id, node_id, incident_message, incident_at FROM waits WHERE incident_id IS NOT NULL ORDER BY incident_at"),
            [("@Limit", limit)],
            r => new IncidentRecord(
                Id(r.GetValue(0)), r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), Text(r, 3), r.GetString(4), r.GetString(5), r.GetString(6), Time(r.GetValue(7))),
            cancellationToken);
    }

    /// <summary>The first-started instance of a process with this business key, or null (stores whose ids are native uuids).</summary>
    public async Task<Guid?> InstanceIdAsync(string processKey, string businessKey, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await ReadAsync(
            connection,
            null,
            First("id FROM instances WHERE business_key = @BusinessKey AND process_key = @ProcessKey ORDER BY started_at"),
            [("@BusinessKey", businessKey), ("@ProcessKey", processKey), ("@Limit", 1)],
            r => Id(r.GetValue(0)),
            cancellationToken) is [var instance] ? instance : null;
    }

    /// <summary>The instance an open task belongs to, or null (stores whose ids are native uuids).</summary>
    public async Task<Guid?> TaskInstanceAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await ReadAsync(connection, null, "SELECT instance_id FROM tasks WHERE id = @Id", [("@Id", taskId)], r => Id(r.GetValue(0)), cancellationToken) is [var instance]
            ? instance
            : null;
    }

    /// <summary>An instance's history in written order (stores whose ids are native uuids).</summary>
    public Task<IReadOnlyList<HistoryEvent>> HistoryAsync(Guid instanceId, CancellationToken cancellationToken) =>
        HistoryAsync("instance_id = @InstanceId", [("@InstanceId", instanceId)], cancellationToken);

    /// <summary>The history of every instance of a process, of one version when <paramref name="version"/> is given.</summary>
    public Task<IReadOnlyList<HistoryEvent>> DefinitionHistoryAsync(string processKey, int? version, CancellationToken cancellationToken) =>
        version is { } v
            ? HistoryAsync("process_key = @ProcessKey AND process_version = @Version", [("@ProcessKey", processKey), ("@Version", v)], cancellationToken)
            : HistoryAsync("process_key = @ProcessKey", [("@ProcessKey", processKey)], cancellationToken);

    /// <summary>
    /// The active subscriptions of a kind and name that a message with <paramref name="correlationKey"/> reaches: those
    /// with that key, and those without one (they take any message of their name).
    /// </summary>
    public async Task<IReadOnlyList<SubscriptionMatch>> SubscriptionsAsync(SubscriptionKind kind, string name, string? correlationKey, CancellationToken cancellationToken)
    {
        List<(string, object)> parameters = [("@Kind", kind.ToString()), ("@Name", name)];
        if (correlationKey is not null)
        {
            parameters.Add(("@CorrelationKey", correlationKey));
        }

        await using var connection = await open(cancellationToken);
        return await ReadAsync(
            connection,
            null,
            "SELECT instance_id, subscription_id FROM subscriptions WHERE kind = @Kind AND name = @Name" +
            (correlationKey is null ? "" : " AND (correlation_key IS NULL OR correlation_key = @CorrelationKey)"),
            parameters,
            r => new SubscriptionMatch(Id(r.GetValue(0)), Id(r.GetValue(1))),
            cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> audit entries after a sequence number, of one case when <paramref name="caseId"/> is given, in order.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(long afterSequence, int limit, string? caseId, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await ReadAuditAsync(connection, afterSequence, limit, caseId, rowLimit, cancellationToken);
    }

    /// <summary>Audit entries as <see cref="AuditAsync"/> reads them, on a connection the caller holds.</summary>
    public static Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(
        DbConnection connection, long afterSequence, int limit, string? caseId, RowLimit rowLimit, CancellationToken cancellationToken)
    {
        var (top, tail) = rowLimit == RowLimit.Top ? ("TOP (@Limit) ", "") : ("", " LIMIT @Limit");
        List<(string, object)> parameters = [("@After", afterSequence), ("@Limit", limit)];
        if (caseId is not null)
        {
            parameters.Add(("@CaseId", caseId));
        }

        return ReadAsync(
            connection,
            null,
            $"SELECT {top}sequence, at, actor, roles, action, case_id, meeting_id, outcome, purpose, previous_hash, hash FROM audit_log " +
            $"WHERE sequence > @After{(caseId is null ? "" : " AND case_id = @CaseId")} ORDER BY sequence{tail}",
            parameters,
            r => new AuditEntry(
                r.GetInt64(0),
                new AuditRecord(
                    AuditChain.Time(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), Text(r, 5), Text(r, 6),
                    Convert.ToInt32(r.GetValue(7), CultureInfo.InvariantCulture), r.GetString(8)),
                r.GetString(9),
                r.GetString(10)),
            cancellationToken);
    }

    /// <summary>A time column as the store's driver returns it, in UTC.</summary>
    public static DateTimeOffset Time(object value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidCastException($"A time column held {value?.GetType().Name ?? "null"}."),
    };

    private async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string filter, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await ReadAsync(
            connection,
            null,
            $"SELECT instance_id, process_key, process_version, kind, node_id, token_id, actor, at, data_json FROM history WHERE {filter} ORDER BY seq",
            parameters,
            r => StoreSql.History(
                Id(r.GetValue(0)), r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), r.GetString(3), Text(r, 4), Text(r, 5), r.GetString(6), Time(r.GetValue(7)), Text(r, 8)),
            cancellationToken);
    }

    /// <summary>SELECT of the first @Limit rows of <paramref name="query"/> (columns onwards, ordered), in this dialect.</summary>
    private string First(string query) => rowLimit == RowLimit.Top ? $"SELECT TOP (@Limit) {query}" : $"SELECT {query} LIMIT @Limit";

    // SQLite keeps ids as text, the servers as uuid / uniqueidentifier.
    private static Guid Id(object value) => value as Guid? ?? Guid.Parse((string)value, CultureInfo.InvariantCulture);

    private static DeploymentRecord Deployment(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), Version(r), r.GetString(6), r.GetString(3), Name(r), Time(r.GetValue(5)));

    // SQLite reads an INTEGER as 64 bits, the servers their int as 32.
    private static int Version(DbDataReader r) => Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture);

    private static string? Name(DbDataReader r) => Text(r, 4);

    private static string? Text(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static async Task<IReadOnlyList<T>> ReadAsync<T>(
        DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<(string Name, object Value)> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            ServerSchemaMigrator.AddParameter(command, name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
