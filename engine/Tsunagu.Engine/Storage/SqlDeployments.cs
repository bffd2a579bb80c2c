using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;

namespace Tsunagu.Engine.Storage;

/// <summary>
/// The deployment reads every SQL store makes alike, in SQL all three accept, over a connection the store opens (plain
/// ADO.NET, so the engine needs no data library). A deployment row never changes once written, so a whole record read
/// by id is kept. Times are read as the driver gives them: SQLite text, PostgreSQL a UTC DateTime, SQL Server a
/// DateTimeOffset.
/// </summary>
public sealed class SqlDeployments
{
    private const string Columns = "id, process_key, version, version_hash, name, deployed_at";

    private readonly ConcurrentDictionary<string, DeploymentRecord> _byId = new(StringComparer.Ordinal);

    /// <summary>The deployment with this id (null: none), from the database once and then from memory.</summary>
    public async Task<DeploymentRecord?> ByIdAsync(string? id, Func<CancellationToken, Task<DbConnection>> open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (id is null)
        {
            return null;
        }

        if (_byId.TryGetValue(id, out var cached))
        {
            return cached;
        }

        await using var connection = await open(cancellationToken);
        return await ReadAsync(connection, null, $"SELECT {Columns}, xml FROM deployments WHERE id = @Id", [("@Id", id)], Record, cancellationToken) is [var record]
            ? _byId.GetOrAdd(id, record)
            : null;
    }

    /// <summary>The latest version of every process key, by key.</summary>
    public static Task<IReadOnlyList<DeploymentRecord>> LatestAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ReadAsync(connection, null, $"SELECT {Columns}, xml FROM deployments d {StoreSql.LatestDeploymentsWhere}", [], Record, cancellationToken);

    /// <summary>The latest version of one key, or null; inside the deployment's transaction, which has locked the key.</summary>
    public static async Task<DeploymentRecord?> LatestOfAsync(DbConnection connection, DbTransaction transaction, string processKey, CancellationToken cancellationToken) =>
        await ReadAsync(
            connection,
            transaction,
            $"SELECT {Columns}, xml FROM deployments WHERE process_key = @ProcessKey AND version = (SELECT MAX(version) FROM deployments WHERE process_key = @ProcessKey)",
            [("@ProcessKey", processKey)],
            Record,
            cancellationToken) is [var latest] ? latest : null;

    /// <summary>Every version of one key without its model text, oldest first.</summary>
    public static Task<IReadOnlyList<DeploymentVersion>> VersionsAsync(DbConnection connection, string processKey, CancellationToken cancellationToken) =>
        ReadAsync(
            connection,
            null,
            $"SELECT {Columns} FROM deployments WHERE process_key = @ProcessKey ORDER BY version",
            [("@ProcessKey", processKey)],
            r => new DeploymentVersion(r.GetString(0), r.GetString(1), Version(r), r.GetString(3), Name(r), Time(r.GetValue(5))),
            cancellationToken);

    /// <summary>A time column as the store's driver returns it, in UTC.</summary>
    public static DateTimeOffset Time(object value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidCastException($"A time column held {value?.GetType().Name ?? "null"}."),
    };

    private static DeploymentRecord Record(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), Version(r), r.GetString(6), r.GetString(3), Name(r), Time(r.GetValue(5)));

    // SQLite reads an INTEGER as 64 bits, the servers their int as 32.
    private static int Version(DbDataReader r) => Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture);

    private static string? Name(DbDataReader r) => r.IsDBNull(4) ? null : r.GetString(4);

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
