using System.Data.Common;
using Npgsql;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;

namespace Tsunagu.Cases.Storage.PostgreSql;

/// <summary>The domain's tables in the engine's PostgreSQL database (its pooled connections): timestamptz times, date dates, text[] roles.</summary>
public sealed class PostgreSqlCaseStore(NpgsqlDataSource dataSource, TimeProvider time) : CaseStore
{
    protected override Task MigrateAsync(DbConnection connection, IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken) =>
        ServerSchemaMigrator.MigrateAsync(connection, PostgreSqlProcessStore.Dialect, scripts, time, cancellationToken);

    protected override IReadOnlyDictionary<string, string> ColumnTypes { get; } = new Dictionary<string, string>
    {
        ["id"] = "text", ["text"] = "text", ["doc"] = "text", ["time"] = "timestamptz", ["date"] = "date", ["int"] = "integer", ["bool"] = "boolean", ["list"] = "text[]",
    };

    protected override string JapanMonth(string time) => $"to_char({time} AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM')";

    protected override (string Year, string Month) JapanYearAndMonth(string time) =>
        ($"extract(year FROM {time} AT TIME ZONE 'Asia/Tokyo')::int", $"extract(month FROM {time} AT TIME ZONE 'Asia/Tokyo')::int");

    protected override string EachElement(string jsonArray) => $"CROSS JOIN LATERAL jsonb_array_elements_text({jsonArray}::jsonb) AS j(value)";

    protected override string JsonText(string document, string member) => $"({document}::jsonb ->> '{member}')";

    protected override string JsonIsTrue(string document, string member) => $"({document}::jsonb -> '{member}') = 'true'::jsonb";

    protected override object List(IReadOnlyList<string> values) => values.ToArray();

    // Keys are unique per tenant (1008), so ON CONFLICT names the tenant too.
    protected override string ConflictKey(string keyColumns) => "tenant_id, " + keyColumns;

    // The gram table (1009; two-character grams since 1012).
    protected override string? ContainsIndex(string text, bool after) => GramWalk(text, after);

    // Npgsql sends a list as one array parameter, which Dapper then leaves unexpanded.
    protected override string AnyOf(string listParameter) => $"= ANY({listParameter})";

    protected override string JoinWithSpaces(string expression) => $"string_agg({expression}, ' ')";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await dataSource.OpenConnectionAsync(cancellationToken);

    protected override Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
        PostgreSqlAuditLog.AppendAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, records, cancellationToken);
}
