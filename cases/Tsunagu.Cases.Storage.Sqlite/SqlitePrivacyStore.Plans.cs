using System.Text.Json;
using Dapper;
using Tsunagu.Cases.Plans;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Cases.Storage.Sqlite;

/// <summary>支援プラン versions (migration 1003): the primary key (case, version) refuses a second writer of the same version.</summary>
public sealed partial class SqlitePrivacyStore : IPlanStore
{
    public async Task<IReadOnlyList<SupportPlan>> PlansAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string CaseId, long Version, string Document, string CreatedBy, string CreatedAt, string? Approval)>(new CommandDefinition(
            "SELECT case_id, version, document, created_by, created_at, approval FROM support_plans WHERE case_id = @caseId ORDER BY version",
            new { caseId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new SupportPlan(
            r.CaseId,
            (int)r.Version,
            JsonSerializer.Deserialize<PlanContent>(r.Document, Json)!,
            r.CreatedBy,
            SqliteValues.Time(r.CreatedAt),
            r.Approval is null ? null : JsonSerializer.Deserialize<PlanApproval>(r.Approval, Json)))];
    }

    public async Task<bool> AddPlanAsync(SupportPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return await WriteAsync(plan.CaseId, (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO support_plans (case_id, version, document, created_by, created_at) VALUES (@CaseId, @Version, @Document, @CreatedBy, @CreatedAt)
            ON CONFLICT (case_id, version) DO NOTHING
            """,
            new { plan.CaseId, plan.Version, Document = JsonSerializer.Serialize(plan.Content, Json), plan.CreatedBy, CreatedAt = SqliteValues.Time(plan.CreatedAt) },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken) == 1;
    }

    public Task ApprovePlanAsync(string caseId, int version, PlanApproval approval, CancellationToken cancellationToken) =>
        WriteAsync(caseId, (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE support_plans SET approval = @Approval WHERE case_id = @caseId AND version = @version",
            new { caseId, version, Approval = JsonSerializer.Serialize(approval, Json) },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken);
}
