using System.Data.Common;
using Microsoft.Data.Sqlite;
using Tsunagu.Cases.Storage;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Cases.Storage.Sqlite;

/// <summary>The domain's tables in the engine's SQLite database: times as fixed-width UTC text, lists as JSON text.</summary>
public sealed class SqliteCaseStore(string connectionString, TimeProvider time) : CaseStore
{
    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await SchemaMigrator.MigrateAsync(connection, typeof(SqliteCaseStore).Assembly, "Tsunagu.Cases.Migrations.", time, cancellationToken);
    }

    /// <summary>
    /// One query per indicator: (indicator, key, count). Times are UTC text in one format, so ranges compare as text;
    /// months and 年度 (April to March) are taken in Japan time; meeting dates and note days are Japan dates already.
    /// </summary>
    protected override string CountsSql => """
        SELECT 'intake.window', window, count(*) FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY window
        UNION ALL SELECT 'intake.month', strftime('%Y-%m', intake_at, '+9 hours'), count(*) FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY 2
        UNION ALL SELECT 'intake.fiscal-year',
            (CAST(strftime('%Y', intake_at, '+9 hours') AS INTEGER) - (CAST(strftime('%m', intake_at, '+9 hours') AS INTEGER) < 4)) || '年度', count(*)
            FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY 2
        UNION ALL SELECT 'intake.area', coalesce(area, '(未設定)'), count(*) FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY 2
        UNION ALL SELECT 'intake.route', coalesce(route, '(未設定)'), count(*) FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY 2
        UNION ALL SELECT 'intake.concern', j.value, count(DISTINCT r.case_id) FROM case_register r, json_each(r.concerns) j
            WHERE r.intake_at >= @from AND r.intake_at < @to GROUP BY 2
        UNION ALL SELECT 'referral.' || outcome, institution, count(*) FROM referral_events WHERE at >= @from AND at < @to GROUP BY outcome, institution
        UNION ALL SELECT 'multi-agency.opened', 'all', count(*) FROM case_register WHERE multi_agency_at >= @from AND multi_agency_at < @to
        UNION ALL SELECT 'plan.made', 'all', count(*) FROM support_plans WHERE version = 1 AND created_at >= @from AND created_at < @to
        UNION ALL SELECT 'plan.versions', 'all', count(*) FROM support_plans WHERE created_at >= @from AND created_at < @to
        UNION ALL SELECT 'meeting.held', kind, count(*) FROM meetings WHERE date >= @fromDay AND date < @toDay GROUP BY kind
        UNION ALL SELECT 'participation.sessions', json_extract(document, '$.place'), count(*) FROM case_notes
            WHERE kind = @participation AND occurred_on >= @fromDay AND occurred_on < @toDay GROUP BY 2
        UNION ALL SELECT 'participation.participants', 'all', count(DISTINCT coalesce(p.person_id, n.case_id)) FROM case_notes n LEFT JOIN case_people p ON p.case_id = n.case_id
            WHERE n.kind = @participation AND n.occurred_on >= @fromDay AND n.occurred_on < @toDay
        UNION ALL SELECT 'outreach.contacts', CASE json_extract(document, '$.reached') WHEN 1 THEN '会えた' ELSE '会えず' END, count(*) FROM case_notes
            WHERE kind = @outreach AND occurred_on >= @fromDay AND occurred_on < @toDay GROUP BY 2
        UNION ALL SELECT 'caseload.open', e.institution, count(DISTINCT e.case_id) FROM referral_events e JOIN case_register r ON r.case_id = e.case_id
            WHERE e.outcome = 'accepted' AND r.ended IS NULL GROUP BY e.institution
        UNION ALL SELECT 'case.' || ended, 'all', count(*) FROM case_register WHERE ended_at >= @from AND ended_at < @to GROUP BY ended
        """;

    protected override object Time(DateTimeOffset value) => SqliteValues.Time(value);

    protected override object Date(DateOnly value) => value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

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
