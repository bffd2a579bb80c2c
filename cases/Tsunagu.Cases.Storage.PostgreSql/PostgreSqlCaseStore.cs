using System.Data.Common;
using Npgsql;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;

namespace Tsunagu.Cases.Storage.PostgreSql;

/// <summary>The domain's tables in the engine's PostgreSQL database (its pooled connections): timestamptz times, date dates, text[] roles.</summary>
public sealed class PostgreSqlCaseStore(NpgsqlDataSource dataSource, TimeProvider time) : CaseStore
{
    private static readonly IReadOnlyList<MigrationScript> Scripts = MigrationScripts.Load(typeof(PostgreSqlCaseStore).Assembly, "Tsunagu.Cases.Migrations.");

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ServerSchemaMigrator.MigrateAsync(connection, PostgreSqlProcessStore.Dialect, Scripts, time, cancellationToken);
    }

    /// <summary>As SQLite's, in PostgreSQL's functions; months and 年度 in Japan time.</summary>
    protected override string CountsSql => """
        SELECT 'intake.window', "window", count(*) FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY "window"
        UNION ALL SELECT 'intake.month', to_char(intake_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM'), count(*) FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY 2
        UNION ALL SELECT 'intake.fiscal-year',
            (extract(year FROM intake_at AT TIME ZONE 'Asia/Tokyo')::int - CASE WHEN extract(month FROM intake_at AT TIME ZONE 'Asia/Tokyo') < 4 THEN 1 ELSE 0 END) || '年度', count(*)
            FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY 2
        UNION ALL SELECT 'intake.area', coalesce(area, '(未設定)'), count(*) FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY 2
        UNION ALL SELECT 'intake.route', coalesce(route, '(未設定)'), count(*) FROM case_register WHERE intake_at >= @from AND intake_at < @to GROUP BY 2
        UNION ALL SELECT 'intake.concern', j.value, count(DISTINCT r.case_id) FROM case_register r CROSS JOIN LATERAL jsonb_array_elements_text(r.concerns::jsonb) AS j(value)
            WHERE r.intake_at >= @from AND r.intake_at < @to GROUP BY 2
        UNION ALL SELECT 'referral.' || outcome, institution, count(*) FROM referral_events WHERE at >= @from AND at < @to GROUP BY outcome, institution
        UNION ALL SELECT 'multi-agency.opened', 'all', count(*) FROM case_register WHERE multi_agency_at >= @from AND multi_agency_at < @to
        UNION ALL SELECT 'plan.made', 'all', count(*) FROM support_plans WHERE version = 1 AND created_at >= @from AND created_at < @to
        UNION ALL SELECT 'plan.versions', 'all', count(*) FROM support_plans WHERE created_at >= @from AND created_at < @to
        UNION ALL SELECT 'meeting.held', kind, count(*) FROM meetings WHERE date >= @fromDay AND date < @toDay GROUP BY kind
        UNION ALL SELECT 'participation.sessions', document::jsonb ->> 'place', count(*) FROM case_notes
            WHERE kind = @participation AND occurred_on >= @fromDay AND occurred_on < @toDay GROUP BY 2
        UNION ALL SELECT 'participation.participants', 'all', count(DISTINCT coalesce(p.person_id, n.case_id)) FROM case_notes n LEFT JOIN case_people p ON p.case_id = n.case_id
            WHERE n.kind = @participation AND n.occurred_on >= @fromDay AND n.occurred_on < @toDay
        UNION ALL SELECT 'outreach.contacts', CASE (document::jsonb -> 'reached') WHEN 'true'::jsonb THEN '会えた' ELSE '会えず' END, count(*) FROM case_notes
            WHERE kind = @outreach AND occurred_on >= @fromDay AND occurred_on < @toDay GROUP BY 2
        UNION ALL SELECT 'caseload.open', e.institution, count(DISTINCT e.case_id) FROM referral_events e JOIN case_register r ON r.case_id = e.case_id
            WHERE e.outcome = 'accepted' AND r.ended IS NULL GROUP BY e.institution
        UNION ALL SELECT 'case.' || ended, 'all', count(*) FROM case_register WHERE ended_at >= @from AND ended_at < @to GROUP BY ended
        """;

    protected override object List(IReadOnlyList<string> values) => values.ToArray();

    protected override string JoinWithSpaces(string expression) => $"string_agg({expression}, ' ')";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await dataSource.OpenConnectionAsync(cancellationToken);

    protected override Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
        PostgreSqlAuditLog.AppendAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, records, cancellationToken);
}
