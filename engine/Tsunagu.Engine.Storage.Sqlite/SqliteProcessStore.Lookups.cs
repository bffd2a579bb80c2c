using Dapper;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.Sqlite;

public sealed partial class SqliteProcessStore
{
    private const string ReplaceKeysSql = """
        DELETE FROM instance_keys WHERE instance_id = @InstanceId;
        INSERT INTO instance_keys (instance_id, process_key, business_key, value) SELECT @InstanceId, @ProcessKey, @BusinessKey, value FROM json_each(@Keys);
        """;

    protected override object IdValue(Guid id) => SqliteValues.Id(id);

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
