using System.Data.Common;
using Microsoft.Data.Sqlite;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Cases.Storage.Sqlite;

/// <summary>The domain's tables in the engine's SQLite database: times as fixed-width UTC text, lists as JSON text.</summary>
public sealed class SqliteCaseStore(string connectionString, TimeProvider time) : CaseStore
{
    protected override Task MigrateAsync(DbConnection connection, IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken) =>
        SchemaMigrator.MigrateAsync((SqliteConnection)connection, scripts, time, cancellationToken);

    protected override IReadOnlyDictionary<string, string> ColumnTypes { get; } = new Dictionary<string, string>
    {
        ["id"] = "TEXT", ["text"] = "TEXT", ["doc"] = "TEXT", ["time"] = "TEXT", ["date"] = "TEXT", ["int"] = "INTEGER", ["bool"] = "INTEGER", ["list"] = "TEXT",
    };

    // Times are UTC text in one format (ranges compare as text); Japan is 9 hours ahead all year.
    protected override string JapanMonth(string time) => $"strftime('%Y-%m', {time}, '+9 hours')";

    protected override (string Year, string Month) JapanYearAndMonth(string time) =>
        ($"CAST(strftime('%Y', {time}, '+9 hours') AS INTEGER)", $"CAST(strftime('%m', {time}, '+9 hours') AS INTEGER)");

    protected override string EachElement(string jsonArray) => $", json_each({jsonArray}) j";

    protected override string JsonText(string document, string member) => $"json_extract({document}, '$.{member}')";

    protected override string JsonIsTrue(string document, string member) => $"json_extract({document}, '$.{member}') = 1";

    protected override object Time(DateTimeOffset value) => SqliteValues.Time(value);

    protected override DateTimeOffset ReadTime(object value) => value is string text ? SqliteValues.Time(text) : base.ReadTime(value);

    protected override object Date(DateOnly value) => value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // The gram table in カナ order (1012), as PostgreSQL's.
    protected override string? ContainsIndex(string text, bool after) => GramWalk(text, after);

    protected override string JoinWithSpaces(string expression) => $"group_concat({expression}, ' ')";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        SqliteAuditLog.Append((SqliteConnection)connection, (SqliteTransaction)transaction, records);
        return Task.CompletedTask;
    }
}
