using System.Globalization;
using System.Text.Json;
using Dapper;
using Tsunagu.Cases.Indicators;
using Tsunagu.Cases.Notes;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Cases.Storage.Sqlite;

/// <summary>The case register and the indicator counts over it, the plans, meetings and notes (migration 1006).</summary>
public sealed partial class SqlitePrivacyStore : ICaseRegister
{
    /// <summary>
    /// One query per indicator: (indicator, key, count). Times are UTC text in one format, so ranges compare as text;
    /// months and 年度 (April to March) are taken in Japan time; meeting dates and note days are Japan dates already.
    /// </summary>
    private const string Counts = """
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

    public Task RegisterAsync(RegisteredCase registered, IReadOnlyList<string> referredInstitutions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(referredInstitutions);
        var at = SqliteValues.Time(registered.IntakeAt);
        return WriteAsync(registered.CaseId, async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO case_register (case_id, window, area, route, concerns, intake_at, multi_agency_at)
                VALUES (@CaseId, @Window, @Area, @Route, @Concerns, @At, CASE WHEN @MultiAgency THEN @At END)
                """,
                new { registered.CaseId, registered.Window, registered.Area, registered.Route, Concerns = JsonSerializer.Serialize(registered.Concerns), At = at, registered.MultiAgency },
                transaction,
                cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO referral_events (case_id, institution, outcome, at) VALUES (@CaseId, @Institution, 'made', @At)",
                referredInstitutions.Distinct(StringComparer.Ordinal).Select(i => new { registered.CaseId, Institution = i, At = at }),
                transaction,
                cancellationToken: cancellationToken));
            return changed;
        }, cancellationToken);
    }

    public Task ReferralAsync(string caseId, string institution, string outcome, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(caseId, (connection, transaction) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO referral_events (case_id, institution, outcome, at) VALUES (@caseId, @institution, @outcome, @at)",
            new { caseId, institution, outcome, at = SqliteValues.Time(at) },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken);

    public Task EscalatedAsync(string caseId, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(caseId, (connection, transaction) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE case_register SET multi_agency_at = coalesce(multi_agency_at, @at) WHERE case_id = @caseId",
            new { caseId, at = SqliteValues.Time(at) },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken);

    public Task EndedAsync(string caseId, string end, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(caseId, (connection, transaction) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE case_register SET ended = @end, ended_at = @at WHERE case_id = @caseId AND ended IS NULL",
            new { caseId, end, at = SqliteValues.Time(at) },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<IndicatorCount>> CountAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var japan = TimeSpan.FromHours(9);
        var rows = await connection.QueryAsync<(string Indicator, string? Key, long Count)>(new CommandDefinition(
            Counts,
            new
            {
                from = SqliteValues.Time(from),
                to = SqliteValues.Time(to),
                fromDay = from.ToOffset(japan).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                toDay = to.ToOffset(japan).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                participation = NoteKind.Participation,
                outreach = NoteKind.Outreach,
            },
            cancellationToken: cancellationToken));
        return [.. rows.Where(r => r.Count > 0).Select(r => new IndicatorCount(r.Indicator, r.Key ?? "", (int)r.Count))];
    }
}
