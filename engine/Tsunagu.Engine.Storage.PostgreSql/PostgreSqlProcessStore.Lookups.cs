using Dapper;

namespace Tsunagu.Engine.Storage.PostgreSql;

public sealed partial class PostgreSqlProcessStore
{
    protected override string TextList(string parameter) => $"(SELECT unnest({parameter}::text[]) AS v)";

    protected override object TextListValue(IReadOnlyCollection<string> values) => values.ToArray();

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

    /// <summary>One round trip for a claimed batch's instances.</summary>
    public async Task<IReadOnlyList<StoredInstance>> LoadInstancesAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InstanceRow>(Command(
            $"SELECT {InstanceRow.Columns} FROM instances WHERE id = ANY(@ids)", new { ids = instanceIds.ToArray() }, null, cancellationToken));
        return [.. rows.Select(r => r.ToStored())];
    }
}
