using System.Data.Common;
using System.Text.RegularExpressions;

namespace Tsunagu.Engine.Storage;

/// <summary>How a database server takes the migration lock and keeps the version table.</summary>
/// <param name="LockSql">Takes a lock held until the transaction ends, so of two hosts starting at once one waits and then finds every script applied.</param>
/// <param name="CreateVersionTableSql">Creates schema_version (version, name, applied_at) when it is missing.</param>
public sealed record MigrationDialect(string LockSql, string CreateVersionTableSql);

/// <summary>
/// Brings a server database (PostgreSQL, SQL Server) to the newest schema in one transaction: the scripts it lacks are
/// applied and recorded in schema_version. A script may be split into batches by lines holding only GO.
/// </summary>
public static partial class ServerSchemaMigrator
{
    public static async Task MigrateAsync(
        DbConnection connection, MigrationDialect dialect, IReadOnlyList<MigrationScript> scripts, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(time);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, dialect.LockSql, cancellationToken);
        await ExecuteAsync(connection, transaction, dialect.CreateVersionTableSql, cancellationToken);
        var applied = new HashSet<int>();
        await using (var read = Command(connection, transaction, "SELECT version FROM schema_version"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
        {
            foreach (var batch in BatchSeparator().Split(script.Sql).Where(b => !string.IsNullOrWhiteSpace(b)))
            {
                await ExecuteAsync(connection, transaction, batch, cancellationToken);
            }

            await using var record = Command(connection, transaction, "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @applied)");
            AddParameter(record, "@version", script.Version);
            AddParameter(record, "@name", script.Name);
            AddParameter(record, "@applied", time.GetUtcNow());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex BatchSeparator();

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The text is an embedded migration script or a constant of this class.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    internal static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
