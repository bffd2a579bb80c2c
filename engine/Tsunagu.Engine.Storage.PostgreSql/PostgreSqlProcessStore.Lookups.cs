using Dapper;

namespace Tsunagu.Engine.Storage.PostgreSql;

public sealed partial class PostgreSqlProcessStore
{
    // The instance's keys, when the commit carries them (its own parameters, so the statement rides on any batch).
    private const string ReplaceKeysSql = """
        DELETE FROM instance_keys WHERE instance_id = @KeysInstanceId;
        INSERT INTO instance_keys (instance_id, process_key, business_key, value) SELECT @KeysInstanceId, @KeysProcessKey, @KeysBusinessKey::text, k FROM unnest(@Keys) AS k;
        """;

    /// <summary>Two probes of ix_instance_keys_match per business key.</summary>
    public async Task<IReadOnlySet<string>> MatchInstanceKeysAsync(
        string processKey, IReadOnlyCollection<string> businessKeys, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(businessKeys);
        ArgumentNullException.ThrowIfNull(keys);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(Command(
            """
            SELECT b FROM unnest(@businessKeys) AS b
            WHERE EXISTS (SELECT 1 FROM instance_keys k WHERE k.process_key = @processKey AND k.business_key = b AND k.value = ANY(@keys))
               OR NOT EXISTS (SELECT 1 FROM instance_keys k WHERE k.process_key = @processKey AND k.business_key = b)
            """,
            new { processKey, businessKeys = businessKeys.ToArray(), keys = keys.ToArray() },
            null,
            cancellationToken));
        return rows.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<Guid>> FindInstancesWithoutKeysAsync(string processKey, Guid? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Guid>(Command(
            """
            SELECT i.id FROM instances i
            WHERE i.process_key = @processKey AND i.id > @after AND NOT EXISTS (SELECT 1 FROM instance_keys k WHERE k.instance_id = i.id)
            ORDER BY i.id LIMIT @limit
            """,
            new { processKey, after = after ?? Guid.Empty, limit },
            null,
            cancellationToken));
        return [.. rows];
    }

    private static string KeysSql(InstanceCommit commit) => commit.Keys is null ? "" : ReplaceKeysSql;

    private static object KeysParameters(InstanceCommit commit) =>
        new { KeysInstanceId = commit.Instance.Id, KeysProcessKey = commit.Instance.ProcessKey, KeysBusinessKey = commit.Instance.BusinessKey, Keys = commit.Keys?.ToArray() ?? [] };
    /// <summary>One round trip for all the keys (a search checks the visibility of a few hundred cases at once).</summary>
    public async Task<IReadOnlyList<StoredInstance>> FindInstancesAsync(string processKey, IReadOnlyCollection<string> businessKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(businessKeys);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InstanceRow>(Command(
            $"SELECT DISTINCT ON (business_key) {InstanceRow.Columns} FROM instances WHERE process_key = @processKey AND business_key = ANY(@keys) ORDER BY business_key, started_at",
            new { processKey, keys = businessKeys.ToArray() },
            null,
            cancellationToken));
        return [.. rows.Select(r => r.ToStored())];
    }
}
