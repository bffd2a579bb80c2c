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
/// The reads of the storage port every SQL store answers alike (deployments, subscriptions, waits, incidents, history,
/// the audit chain), in SQL all three accept, over plain ADO.NET so the engine needs no data library. A store supplies
/// its connections and how its dialect limits rows; it overrides the reads it makes its own way (SQLite: pooled
/// prepared statements and ids kept as text). A deployment row never changes once written, so a whole record read by
/// id is kept. Times are read as the driver gives them: SQLite text, PostgreSQL a UTC DateTime, SQL Server a
/// DateTimeOffset.
/// </summary>
public abstract class SqlStore(RowLimit rowLimit)
{
    private const string DeploymentColumns = "id, process_key, version, version_hash, name, deployed_at";

    private readonly ConcurrentDictionary<string, DeploymentRecord> _deployments = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<DeploymentRecord>> GetLatestDeploymentsAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {DeploymentColumns}, xml FROM deployments d {StoreSql.LatestDeploymentsWhere}", [], Deployment, cancellationToken);

    public Task<IReadOnlyList<DeploymentVersion>> GetDeploymentVersionsAsync(string processKey, CancellationToken cancellationToken) => QueryAsync(
        $"SELECT {DeploymentColumns} FROM deployments WHERE process_key = @ProcessKey ORDER BY version",
        [("@ProcessKey", processKey)],
        r => new DeploymentVersion(r.GetString(0), r.GetString(1), Int(r, 2), r.GetString(3), Text(r, 4), Time(r.GetValue(5))),
        cancellationToken);

    public async Task<IReadOnlyList<WaitCount>> CountWaitsAsync(string processKey, int version, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        return await StoreSql.CountWaitsAsync(connection, processKey, version, cancellationToken);
    }

    public Task<IReadOnlyList<Guid>> FindInstancesWithoutWaitsAsync(int limit, CancellationToken cancellationToken) => QueryAsync(
        First("i.id FROM instances i WHERE i.status = 'Active' AND NOT EXISTS (SELECT 1 FROM waits w WHERE w.instance_id = i.id) ORDER BY i.id"),
        [("@Limit", limit)],
        r => Id(r.GetValue(0)),
        cancellationToken);

    /// <summary>Two probes of ix_instance_keys_match per business key (see <see cref="IProcessStore.MatchInstanceKeysAsync"/>).</summary>
    public async Task<IReadOnlySet<string>> MatchInstanceKeysAsync(
        string processKey, IReadOnlyCollection<string> businessKeys, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(businessKeys);
        ArgumentNullException.ThrowIfNull(keys);
        var matched = await QueryAsync(
            $"""
            SELECT b.v FROM {TextList("@BusinessKeys")} b
            WHERE EXISTS (SELECT 1 FROM instance_keys k WHERE k.process_key = @ProcessKey AND k.business_key = b.v AND k.value IN (SELECT l.v FROM {TextList("@Keys")} l))
               OR NOT EXISTS (SELECT 1 FROM instance_keys k WHERE k.process_key = @ProcessKey AND k.business_key = b.v)
            """,
            [("@ProcessKey", processKey), ("@BusinessKeys", TextListValue(businessKeys)), ("@Keys", TextListValue(keys))],
            r => r.GetString(0),
            cancellationToken);
        return matched.ToHashSet(StringComparer.Ordinal);
    }

    public Task<IReadOnlyList<Guid>> FindInstancesWithoutKeysAsync(string processKey, Guid? after, int limit, CancellationToken cancellationToken) => QueryAsync(
        First($"i.id FROM instances i WHERE i.process_key = @ProcessKey{(after is null ? "" : " AND i.id > @After")} " +
            "AND NOT EXISTS (SELECT 1 FROM instance_keys k WHERE k.instance_id = i.id) ORDER BY i.id"),
        [("@ProcessKey", processKey), ("@Limit", limit), .. after is { } id ? new[] { ("@After", IdValue(id)) } : []],
        r => Id(r.GetValue(0)),
        cancellationToken);

    public Task<IReadOnlyList<IncidentRecord>> QueryIncidentsAsync(int limit, CancellationToken cancellationToken) => QueryAsync(
        First("instance_id, process_key, process_version, business_key, incident_id, node_id, incident_message, incident_at FROM waits WHERE incident_id IS NOT NULL ORDER BY incident_at"),
        [("@Limit", limit)],
        r => new IncidentRecord(Id(r.GetValue(0)), r.GetString(1), Int(r, 2), Text(r, 3), r.GetString(4), r.GetString(5), r.GetString(6), Time(r.GetValue(7))),
        cancellationToken);

    /// <summary>
    /// The active subscriptions of a kind and name that a message with <paramref name="correlationKey"/> reaches: those
    /// with that key, and those without one (they take any message of their name).
    /// </summary>
    public Task<IReadOnlyList<SubscriptionMatch>> FindSubscriptionsAsync(SubscriptionKind kind, string name, string? correlationKey, CancellationToken cancellationToken)
    {
        List<(string, object)> parameters = [("@Kind", kind.ToString()), ("@Name", name)];
        if (correlationKey is not null)
        {
            parameters.Add(("@CorrelationKey", correlationKey));
        }

        return QueryAsync(
            "SELECT instance_id, subscription_id FROM subscriptions WHERE kind = @Kind AND name = @Name" +
            (correlationKey is null ? "" : " AND (correlation_key IS NULL OR correlation_key = @CorrelationKey)"),
            parameters,
            r => new SubscriptionMatch(Id(r.GetValue(0)), Id(r.GetValue(1))),
            cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(long afterSequence, int limit, string? caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        return await ReadAuditAsync(connection, afterSequence, limit, caseId, rowLimit, cancellationToken);
    }

    /// <summary>The first-started instance of a process with this business key, or null.</summary>
    public virtual async Task<Guid?> FindInstanceIdAsync(string processKey, string businessKey, CancellationToken cancellationToken) =>
        await QueryAsync(
            First("id FROM instances WHERE business_key = @BusinessKey AND process_key = @ProcessKey ORDER BY started_at"),
            [("@BusinessKey", businessKey), ("@ProcessKey", processKey), ("@Limit", 1)],
            r => (Guid?)Id(r.GetValue(0)),
            cancellationToken) is [var instance] ? instance : null;

    /// <summary>The instance an open task belongs to, or null.</summary>
    public virtual async Task<Guid?> FindTaskInstanceAsync(Guid taskId, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT instance_id FROM tasks WHERE id = @Id", [("@Id", taskId)], r => (Guid?)Id(r.GetValue(0)), cancellationToken) is [var instance] ? instance : null;

    public virtual Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken) =>
        HistoryAsync("instance_id = @InstanceId", [("@InstanceId", instanceId)], cancellationToken);

    /// <summary>The history of every instance of a process, of one version when <paramref name="version"/> is given.</summary>
    public virtual Task<IReadOnlyList<HistoryEvent>> GetDefinitionHistoryAsync(string processKey, int? version, CancellationToken cancellationToken) =>
        version is { } v
            ? HistoryAsync("process_key = @ProcessKey AND process_version = @Version", [("@ProcessKey", processKey), ("@Version", v)], cancellationToken)
            : HistoryAsync("process_key = @ProcessKey", [("@ProcessKey", processKey)], cancellationToken);

    /// <summary>The latest version of one key, or null; inside the deployment's transaction, which has locked the key.</summary>
    public static async Task<DeploymentRecord?> LatestDeploymentAsync(DbConnection connection, DbTransaction transaction, string processKey, CancellationToken cancellationToken) =>
        await ReadAsync(
            connection,
            transaction,
            $"SELECT {DeploymentColumns}, xml FROM deployments WHERE process_key = @ProcessKey AND version = (SELECT MAX(version) FROM deployments WHERE process_key = @ProcessKey)",
            [("@ProcessKey", processKey)],
            Deployment,
            cancellationToken) is [var latest] ? latest : null;

    /// <summary>Up to <paramref name="limit"/> audit entries after a sequence number, of one case when <paramref name="caseId"/> is given, in order.</summary>
    public static Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(
        DbConnection connection, long afterSequence, int limit, string? caseId, RowLimit rowLimit, CancellationToken cancellationToken)
    {
        List<(string, object)> parameters = [("@After", afterSequence), ("@Limit", limit)];
        if (caseId is not null)
        {
            parameters.Add(("@CaseId", caseId));
        }

        return ReadAsync(
            connection,
            null,
            First(rowLimit, $"sequence, at, actor, roles, action, case_id, meeting_id, outcome, purpose, previous_hash, hash FROM audit_log " +
                $"WHERE sequence > @After{(caseId is null ? "" : " AND case_id = @CaseId")} ORDER BY sequence"),
            parameters,
            r => new AuditEntry(
                r.GetInt64(0),
                new AuditRecord(AuditChain.Time(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), Text(r, 5), Text(r, 6), Int(r, 7), r.GetString(8)),
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

    /// <summary>A list of text parameter as a table of one column v (SQLite's json_each; servers override).</summary>
    protected virtual string TextList(string parameter) => $"(SELECT value AS v FROM json_each({parameter}))";

    /// <summary>The value of a <see cref="TextList"/> parameter.</summary>
    protected virtual object TextListValue(IReadOnlyCollection<string> values) => System.Text.Json.JsonSerializer.Serialize(values);

    /// <summary>An id as the store's id columns hold it (SQLite: text; servers: native).</summary>
    protected virtual object IdValue(Guid id) => id;

    /// <summary>An open connection to the store's database, for a read.</summary>
    protected abstract Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken);

    /// <summary>The deployment with this id (null: none), from the database once and then from memory.</summary>
    protected async Task<DeploymentRecord?> DeploymentByIdAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return null;
        }

        return _deployments.TryGetValue(id, out var cached)
            ? cached
            : await QueryAsync($"SELECT {DeploymentColumns}, xml FROM deployments WHERE id = @Id", [("@Id", id)], Deployment, cancellationToken) is [var record]
                ? _deployments.GetOrAdd(id, record)
                : null;
    }

    private static string First(RowLimit rowLimit, string query) => rowLimit == RowLimit.Top ? $"SELECT TOP (@Limit) {query}" : $"SELECT {query} LIMIT @Limit";

    private static DeploymentRecord Deployment(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), Int(r, 2), r.GetString(6), r.GetString(3), Text(r, 4), Time(r.GetValue(5)));

    // SQLite keeps ids as text, the servers as uuid / uniqueidentifier.
    private static Guid Id(object value) => value as Guid? ?? Guid.Parse((string)value, CultureInfo.InvariantCulture);

    // SQLite reads an INTEGER as 64 bits, the servers their int as 32.
    private static int Int(DbDataReader r, int ordinal) => Convert.ToInt32(r.GetValue(ordinal), CultureInfo.InvariantCulture);

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

    private string First(string query) => First(rowLimit, query);

    private Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string filter, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken) => QueryAsync(
        $"SELECT instance_id, process_key, process_version, kind, node_id, token_id, actor, at, data_json FROM history WHERE {filter} ORDER BY seq",
        parameters,
        r => StoreSql.History(Id(r.GetValue(0)), r.GetString(1), Int(r, 2), r.GetString(3), Text(r, 4), Text(r, 5), r.GetString(6), Time(r.GetValue(7)), Text(r, 8)),
        cancellationToken);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, IReadOnlyList<(string Name, object Value)> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        return await ReadAsync(connection, null, sql, parameters, read, cancellationToken);
    }
}
