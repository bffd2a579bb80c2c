using Dapper;

namespace Tsunagu.Engine.Storage.PostgreSql;

public sealed partial class PostgreSqlProcessStore
{
    // The instance's keys, when the commit carries them (its own parameters, so the statement rides on any batch).
    private const string ReplaceKeysSql = """
        DELETE FROM instance_keys WHERE instance_id = @KeysInstanceId;
        INSERT INTO instance_keys (instance_id, process_key, business_key, value) SELECT @KeysInstanceId, @KeysProcessKey, @KeysBusinessKey::text, k FROM unnest(@Keys) AS k;
        """;

    protected override string TextList(string parameter) => $"(SELECT unnest({parameter}::text[]) AS v)";

    protected override object TextListValue(IReadOnlyCollection<string> values) => values.ToArray();

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
