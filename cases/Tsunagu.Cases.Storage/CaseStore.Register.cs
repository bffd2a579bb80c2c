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
                    "@CaseId, @Window, @Area, @Route, @Concerns, @At, @MultiAgencyAt",
                    "case_id",
                    "case_id = @CaseId"),
                new
                {
                    registered.CaseId,
                    registered.Window,
                    registered.Area,
                    registered.Route,
                    Concerns = JsonSerializer.Serialize(registered.Concerns),
                    At = at,
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

    public async Task<IReadOnlyList<IndicatorCount>> CountAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var japan = TimeSpan.FromHours(9);
        var rows = await QueryAsync<(string Indicator, string? Key, long Count)>(
            CountsSql,
            new
            {
                from = Time(from),
                to = Time(to),
                fromDay = Date(DateOnly.FromDateTime(from.ToOffset(japan).DateTime)),
                toDay = Date(DateOnly.FromDateTime(to.ToOffset(japan).DateTime)),
                participation = NoteKind.Participation,
                outreach = NoteKind.Outreach,
            },
            cancellationToken);
        return [.. rows.Where(r => r.Count > 0).Select(r => new IndicatorCount(r.Indicator, r.Key ?? "", (int)r.Count))];
    }
}
