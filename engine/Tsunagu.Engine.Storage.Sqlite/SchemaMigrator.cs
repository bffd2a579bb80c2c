using Dapper;
using Microsoft.Data.Sqlite;

namespace Tsunagu.Engine.Storage.Sqlite;

/// <summary>
/// Brings a database to the newest schema by applying the embedded scripts it lacks, each recorded in schema_version.
/// The engine's scripts are numbered from 0001; another assembly sharing the database (the domain's tables) numbers its
/// own from 1001 and applies them with <see cref="MigrateAsync(SqliteConnection, IReadOnlyList{MigrationScript}, TimeProvider, CancellationToken)"/>.
/// </summary>
public static class SchemaMigrator
{
    private const string ResourcePrefix = "Tsunagu.Migrations.";

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        );
        """;

    private static readonly IReadOnlyList<MigrationScript> EngineMigrations = MigrationScripts.Load(typeof(SchemaMigrator).Assembly, ResourcePrefix);

    internal static IReadOnlyList<MigrationScript> Migrations => EngineMigrations;

    internal static Task MigrateAsync(SqliteConnection connection, TimeProvider time, CancellationToken cancellationToken) =>
        MigrateAsync(connection, EngineMigrations, time, cancellationToken);

    /// <summary>Applies the scripts the database lacks, oldest first, each recorded in schema_version.</summary>
    public static async Task MigrateAsync(SqliteConnection connection, IReadOnlyList<MigrationScript> migrations, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(time);
        // BEGIN IMMEDIATE takes the write lock before schema_version is read, so when two processes start at once
        // the second waits and then finds every script applied.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await connection.ExecuteAsync(new CommandDefinition(CreateVersionTable, transaction: transaction, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT version FROM schema_version", transaction: transaction, cancellationToken: cancellationToken))).ToHashSet();
        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = SqliteValues.Time(time.GetUtcNow()) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
