using Dapper;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.Sqlite;

public sealed partial class SqliteProcessStore
{
    private const string ReplaceKeysSql = """
        DELETE FROM instance_keys WHERE instance_id = @InstanceId;
        INSERT INTO instance_keys (instance_id, process_key, business_key, value) SELECT @InstanceId, @ProcessKey, @BusinessKey, value FROM json_each(@Keys);
        """;

    /// <summary>Two probes of ix_instance_keys_match per business key.</summary>
    public async Task<IReadOnlySet<string>> MatchInstanceKeysAsync(
        string processKey, IReadOnlyCollection<string> businessKeys, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(businessKeys);
        ArgumentNullException.ThrowIfNull(keys);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(Command(
            """
            SELECT b.value FROM json_each(@BusinessKeys) b
            WHERE EXISTS (SELECT 1 FROM instance_keys k WHERE k.process_key = @ProcessKey AND k.business_key = b.value AND k.value IN (SELECT value FROM json_each(@Keys)))
               OR NOT EXISTS (SELECT 1 FROM instance_keys k WHERE k.process_key = @ProcessKey AND k.business_key = b.value)
            """,
            new { ProcessKey = processKey, BusinessKeys = SqliteValues.List([.. businessKeys]), Keys = SqliteValues.List([.. keys]) },
            null,
            cancellationToken));
        return rows.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<Guid>> FindInstancesWithoutKeysAsync(string processKey, Guid? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(Command(
            """
            SELECT i.id FROM instances i
            WHERE i.process_key = @ProcessKey AND i.id > @After AND NOT EXISTS (SELECT 1 FROM instance_keys k WHERE k.instance_id = i.id)
            ORDER BY i.id LIMIT @Limit
            """,
            new { ProcessKey = processKey, After = after is { } id ? SqliteValues.Id(id) : "", Limit = limit },
            null,
            cancellationToken));
        return [.. rows.Select(SqliteValues.Id)];
    }

    /// <summary>One query for all the keys (a search checks the visibility of a few hundred cases at once).</summary>
    public async Task<IReadOnlyList<StoredInstance>> FindInstancesAsync(string processKey, IReadOnlyCollection<string> businessKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(businessKeys);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string ProcessKey, long ProcessVersion, string BusinessKey, string Status, long Revision, string StartedAt, string StateJson)>(Command(
            """
            SELECT id, process_key, process_version, business_key, status, revision, started_at, state_json FROM instances
            WHERE process_key = @ProcessKey AND business_key IN (SELECT value FROM json_each(@Keys))
            ORDER BY business_key, started_at
            """,
            new { ProcessKey = processKey, Keys = SqliteValues.List([.. businessKeys]) },
            null,
            cancellationToken));
        // The earliest started of each key, as FindInstanceIdAsync picks.
        return [.. rows.DistinctBy(r => r.BusinessKey).Select(r => new StoredInstance(
            SqliteValues.Id(r.Id), r.ProcessKey, (int)r.ProcessVersion, r.BusinessKey, Enum.Parse<InstanceStatus>(r.Status), (int)r.Revision, SqliteValues.Time(r.StartedAt), r.StateJson))];
    }
}
