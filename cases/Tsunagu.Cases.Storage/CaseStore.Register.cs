using System.Text.Json;
using Dapper;
using Tsunagu.Cases.Indicators;
using Tsunagu.Cases.Notes;

namespace Tsunagu.Cases.Storage;

/// <summary>The case register and the indicator counts over it, the plans, meetings and notes (migration 1006).</summary>
public abstract partial class CaseStore
{
    /// <summary>Idempotent: registering a case again (an intake retried after a crash) adds neither the case nor its referrals twice.</summary>
    public Task RegisterAsync(RegisteredCase registered, IReadOnlyList<string> referredInstitutions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(referredInstitutions);
        var at = Time(registered.IntakeAt);
        return WriteAsync(registered.CaseId, async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(Command(
                InsertIfAbsent(
                    "case_register",
                    "case_id, \"window\", area, route, concerns, intake_at, multi_agency_at",
                    "case_id"),
                new
                {
                    registered.CaseId,
                    registered.Window,
                    registered.Area,
                    registered.Route,
                    Concerns = JsonSerializer.Serialize(registered.Concerns),
                    IntakeAt = at,
                    MultiAgencyAt = registered.MultiAgency ? at : null,
                },
                transaction,
                cancellationToken));
            if (changed == 1)
            {
                await connection.ExecuteAsync(Command(
                    "INSERT INTO referral_events (case_id, institution, outcome, at) VALUES (@CaseId, @Institution, 'made', @At)",
                    referredInstitutions.Distinct(StringComparer.Ordinal).Select(i => new { registered.CaseId, Institution = i, At = at }),
                    transaction,
                    cancellationToken));
            }

            return changed;
        }, cancellationToken);
    }

    public Task ReferralAsync(string caseId, string institution, string outcome, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(
        caseId,
        "INSERT INTO referral_events (case_id, institution, outcome, at) VALUES (@caseId, @institution, @outcome, @at)",
        new { caseId, institution, outcome, at = Time(at) },
        cancellationToken);

    public Task EscalatedAsync(string caseId, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(
        caseId,
        "UPDATE case_register SET multi_agency_at = coalesce(multi_agency_at, @at) WHERE case_id = @caseId",
        new { caseId, at = Time(at) },
        cancellationToken);

    public Task EndedAsync(string caseId, string end, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(
        caseId,
        "UPDATE case_register SET ended = @end, ended_at = @at WHERE case_id = @caseId AND ended IS NULL",
        new { caseId, end, at = Time(at) },
        cancellationToken);

    /// <summary>
    /// One query per indicator: (indicator, key, count) over @from/@to (times) and @fromDay/@toDay (Japan dates); months
    /// and 年度 (April to March) are taken in Japan time. Computed keys are grouped in a derived table (SQL Server groups
    /// by no position) and Japanese texts are parameters (SQL Server would read a plain literal in its code page).
    /// </summary>
    private string CountsSql()
    {
        const string InIntake = "intake_at >= @from AND intake_at < @to";
        var (year, month) = JapanYearAndMonth("intake_at");
        return $"""
            SELECT 'intake.window', "window", count(*) FROM case_register WHERE {InIntake} GROUP BY "window"
            UNION ALL SELECT 'intake.month', k, count(*) FROM (SELECT {JapanMonth("intake_at")} AS k FROM case_register WHERE {InIntake}) t GROUP BY k
            UNION ALL SELECT 'intake.fiscal-year', k, count(*)
                FROM (SELECT {Concat($"{year} - CASE WHEN {month} < 4 THEN 1 ELSE 0 END", "@fiscalYear")} AS k FROM case_register WHERE {InIntake}) t GROUP BY k
            UNION ALL SELECT 'intake.area', k, count(*) FROM (SELECT coalesce(area, @unset) AS k FROM case_register WHERE {InIntake}) t GROUP BY k
            UNION ALL SELECT 'intake.route', k, count(*) FROM (SELECT coalesce(route, @unset) AS k FROM case_register WHERE {InIntake}) t GROUP BY k
            UNION ALL SELECT 'intake.concern', j.value, count(DISTINCT r.case_id) FROM case_register r {EachElement("r.concerns")}
                WHERE r.intake_at >= @from AND r.intake_at < @to GROUP BY j.value
            UNION ALL SELECT {Concat("'referral.'", "outcome")}, institution, count(*) FROM referral_events WHERE at >= @from AND at < @to GROUP BY outcome, institution
            UNION ALL SELECT 'multi-agency.opened', 'all', count(*) FROM case_register WHERE multi_agency_at >= @from AND multi_agency_at < @to
            UNION ALL SELECT 'plan.made', 'all', count(*) FROM support_plans WHERE version = 1 AND created_at >= @from AND created_at < @to
            UNION ALL SELECT 'plan.versions', 'all', count(*) FROM support_plans WHERE created_at >= @from AND created_at < @to
            UNION ALL SELECT 'meeting.held', kind, count(*) FROM meetings WHERE date >= @fromDay AND date < @toDay GROUP BY kind
            UNION ALL SELECT 'participation.sessions', k, count(*)
                FROM (SELECT {JsonText("document", "place")} AS k FROM case_notes WHERE kind = @participation AND occurred_on >= @fromDay AND occurred_on < @toDay) t GROUP BY k
            UNION ALL SELECT 'participation.participants', 'all', count(DISTINCT coalesce(p.person_id, n.case_id)) FROM case_notes n LEFT JOIN case_people p ON p.case_id = n.case_id
                WHERE n.kind = @participation AND n.occurred_on >= @fromDay AND n.occurred_on < @toDay
            UNION ALL SELECT 'outreach.contacts', k, count(*)
                FROM (SELECT CASE WHEN {JsonIsTrue("document", "reached")} THEN @reached ELSE @notReached END AS k FROM case_notes
                      WHERE kind = @outreach AND occurred_on >= @fromDay AND occurred_on < @toDay) t GROUP BY k
            UNION ALL SELECT 'caseload.open', e.institution, count(DISTINCT e.case_id) FROM referral_events e JOIN case_register r ON r.case_id = e.case_id
                WHERE e.outcome = 'accepted' AND r.ended IS NULL GROUP BY e.institution
            UNION ALL SELECT {Concat("'case.'", "ended")}, 'all', count(*) FROM case_register WHERE ended_at >= @from AND ended_at < @to GROUP BY ended
            """;
    }

    public async Task<IReadOnlyList<IndicatorCount>> CountAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var japan = TimeSpan.FromHours(9);
        var rows = await QueryAsync<(string Indicator, string? Key, long Count)>(
            CountsSql(),
            new
            {
                from = Time(from),
                to = Time(to),
                fromDay = Date(DateOnly.FromDateTime(from.ToOffset(japan).DateTime)),
                toDay = Date(DateOnly.FromDateTime(to.ToOffset(japan).DateTime)),
                participation = NoteKind.Participation,
                outreach = NoteKind.Outreach,
                fiscalYear = "年度",
                unset = "(未設定)",
                reached = "会えた",
                notReached = "会えず",
            },
            cancellationToken);
        return [.. rows.Where(r => r.Count > 0).Select(r => new IndicatorCount(r.Indicator, r.Key ?? "", (int)r.Count))];
    }
}
