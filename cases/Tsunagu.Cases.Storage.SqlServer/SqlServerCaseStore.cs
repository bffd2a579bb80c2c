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
    private static readonly IReadOnlyList<MigrationScript> Scripts = MigrationScripts.Load(typeof(SqlServerCaseStore).Assembly, "Tsunagu.Cases.Migrations.");

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = (SqlConnection)await OpenAsync(cancellationToken);
        await ServerSchemaMigrator.MigrateAsync(connection, SqlServerProcessStore.Dialect, Scripts, time, cancellationToken);
    }

    /// <summary>As SQLite's, in T-SQL (no GROUP BY position: each key is named by CROSS APPLY); months and 年度 in Japan time.</summary>
    protected override string CountsSql => """
        SELECT N'intake.window', [window], count(*) FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY [window]
        UNION ALL SELECT N'intake.month', k.v, count(*) FROM case_register CROSS APPLY (SELECT FORMAT(SWITCHOFFSET(intake_at, '+09:00'), 'yyyy-MM') AS v) k
            WHERE intake_at >= @from AND intake_at < @to GROUP BY k.v
        UNION ALL SELECT N'intake.fiscal-year', k.v, count(*) FROM case_register
            CROSS APPLY (SELECT CAST(YEAR(SWITCHOFFSET(intake_at, '+09:00')) - CASE WHEN MONTH(SWITCHOFFSET(intake_at, '+09:00')) < 4 THEN 1 ELSE 0 END AS nvarchar(8)) + N'年度' AS v) k
            WHERE intake_at >= @from AND intake_at < @to GROUP BY k.v
        UNION ALL SELECT N'intake.area', coalesce(area, N'(未設定)'), count(*) FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY coalesce(area, N'(未設定)')
        UNION ALL SELECT N'intake.route', coalesce(route, N'(未設定)'), count(*) FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY coalesce(route, N'(未設定)')
        UNION ALL SELECT N'intake.concern', j.value, count(DISTINCT r.case_id) FROM case_register r CROSS APPLY OPENJSON(r.concerns) WITH (value nvarchar(400) '$') j
            WHERE r.intake_at >= @from AND r.intake_at < @to GROUP BY j.value
        UNION ALL SELECT N'referral.' + outcome, institution, count(*) FROM referral_events WHERE at >= @from AND at < @to GROUP BY outcome, institution
        UNION ALL SELECT N'multi-agency.opened', N'all', count(*) FROM case_register WHERE multi_agency_at >= @from AND multi_agency_at < @to
        UNION ALL SELECT N'plan.made', N'all', count(*) FROM support_plans WHERE version = 1 AND created_at >= @from AND created_at < @to
        UNION ALL SELECT N'plan.versions', N'all', count(*) FROM support_plans WHERE created_at >= @from AND created_at < @to
        UNION ALL SELECT N'meeting.held', kind, count(*) FROM meetings WHERE date >= @fromDay AND date < @toDay GROUP BY kind
        UNION ALL SELECT N'participation.sessions', k.v, count(*) FROM case_notes CROSS APPLY (SELECT JSON_VALUE(document, '$.place') AS v) k
            WHERE kind = @participation AND occurred_on >= @fromDay AND occurred_on < @toDay GROUP BY k.v
        UNION ALL SELECT N'participation.participants', N'all', count(DISTINCT coalesce(p.person_id, n.case_id)) FROM case_notes n LEFT JOIN case_people p ON p.case_id = n.case_id
            WHERE n.kind = @participation AND n.occurred_on >= @fromDay AND n.occurred_on < @toDay
        UNION ALL SELECT N'outreach.contacts', k.v, count(*) FROM case_notes
            CROSS APPLY (SELECT CASE JSON_VALUE(document, '$.reached') WHEN 'true' THEN N'会えた' ELSE N'会えず' END AS v) k
            WHERE kind = @outreach AND occurred_on >= @fromDay AND occurred_on < @toDay GROUP BY k.v
        UNION ALL SELECT N'caseload.open', e.institution, count(DISTINCT e.case_id) FROM referral_events e JOIN case_register r ON r.case_id = e.case_id
            WHERE e.outcome = N'accepted' AND r.ended IS NULL GROUP BY e.institution
        UNION ALL SELECT N'case.' + ended, N'all', count(*) FROM case_register WHERE ended_at >= @from AND ended_at < @to GROUP BY ended
        """;

    protected override string Limit => "OFFSET 0 ROWS FETCH NEXT @limit ROWS ONLY";

    protected override string SetFailuresSql => """
        SET XACT_ABORT ON;
        BEGIN TRANSACTION;
        UPDATE sign_in_failures WITH (UPDLOCK, HOLDLOCK) SET count = @Count, first_at = @FirstAt, locked_until = @LockedUntil WHERE user_name = @UserName;
        IF @@ROWCOUNT = 0 INSERT INTO sign_in_failures (user_name, count, first_at, locked_until) VALUES (@UserName, @Count, @FirstAt, @LockedUntil);
        COMMIT TRANSACTION;
        """;

    protected override string InsertIfAbsent(string table, string columns, string values, string keyColumns, string keyMatch) =>
        $"INSERT INTO {table} ({columns}) SELECT {values} WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE {keyMatch})";

    protected override string JoinWithSpaces(string expression) => $"STRING_AGG({expression}, ' ')";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
        SqlServerProcessStore.AppendAuditAsync((SqlConnection)connection, (SqlTransaction)transaction, records, cancellationToken);
}
