using System.Data.Common;
using Microsoft.Data.SqlClient;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.SqlServer;

namespace Tsunagu.Cases.Storage.SqlServer;

/// <summary>
/// The domain's tables in the engine's SQL Server database: datetimeoffset times, date dates, JSON text lists. SQL
/// Server has no ON CONFLICT, so an insert-if-absent holds a key-range lock (UPDLOCK, HOLDLOCK) from its check to its insert.
/// </summary>
public sealed class SqlServerCaseStore(string connectionString, TimeProvider time) : CaseStore
{
    protected override Task MigrateAsync(DbConnection connection, IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken) =>
        ServerSchemaMigrator.MigrateAsync(connection, SqlServerProcessStore.Dialect, scripts, time, cancellationToken);

    // Keys stay short enough for SQL Server's index key limit (900 bytes clustered) when two make one key.
    protected override IReadOnlyDictionary<string, string> ColumnTypes { get; } = new Dictionary<string, string>
    {
        ["id"] = "nvarchar(200)", ["text"] = "nvarchar(400)", ["doc"] = "nvarchar(max)", ["time"] = "datetimeoffset(7)", ["date"] = "date", ["int"] = "int",
        ["bool"] = "bit", ["list"] = "nvarchar(max)",
    };

    protected override string JapanMonth(string time) => $"FORMAT(SWITCHOFFSET({time}, '+09:00'), 'yyyy-MM')";

    protected override (string Year, string Month) JapanYearAndMonth(string time) => ($"YEAR(SWITCHOFFSET({time}, '+09:00'))", $"MONTH(SWITCHOFFSET({time}, '+09:00'))");

    protected override string EachElement(string jsonArray) => $"CROSS APPLY OPENJSON({jsonArray}) WITH (value nvarchar(400) '$') j";

    protected override string JsonText(string document, string member) => $"JSON_VALUE({document}, '$.{member}')";

    protected override string JsonIsTrue(string document, string member) => $"JSON_VALUE({document}, '$.{member}') = 'true'";

    protected override string Concat(string left, string right) => $"CONCAT({left}, {right})";

    protected override string Limit => "OFFSET 0 ROWS FETCH NEXT @limit ROWS ONLY";

    protected override string SetFailuresSql => """
        SET XACT_ABORT ON;
        BEGIN TRANSACTION;
        UPDATE sign_in_failures WITH (UPDLOCK, HOLDLOCK) SET count = @Count, first_at = @FirstAt, locked_until = @LockedUntil WHERE user_name = @UserName;
        IF @@ROWCOUNT = 0 INSERT INTO sign_in_failures (user_name, count, first_at, locked_until) VALUES (@UserName, @Count, @FirstAt, @LockedUntil);
        COMMIT TRANSACTION;
        """;

    protected override string InsertIfAbsent(string table, string columns, string keyColumns) =>
        $"INSERT INTO {table} ({columns}) SELECT {string.Join(", ", Split(columns).Select(Parameter))} " +
        $"WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE {string.Join(" AND ", Split(keyColumns).Select(k => $"{k} = {Parameter(k)}"))})";

    protected override string JoinWithSpaces(string expression) => $"STRING_AGG({expression}, ' ')";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await SqlServerProcessStore.ConnectAsync(connectionString, cancellationToken);

    protected override Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
        SqlServerProcessStore.AppendAuditAsync((SqlConnection)connection, (SqlTransaction)transaction, records, cancellationToken);
}
