using System.Globalization;
using System.Text.Json.Nodes;

namespace Tsunagu.Cases.Plans;

/// <summary>役割分担: what one institution does in the plan. <see cref="Kind"/> アウトリーチ and 参加支援 open those steps of the path.</summary>
public sealed record PlanRole(string Institution, string Kind, string Task);

/// <summary>A plan's content: the lead institution (主担当), goals, period, the next review date and the roles.</summary>
public sealed record PlanContent(string Lead, string Goals, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly ReviewOn, IReadOnlyList<PlanRole> Roles);

/// <summary>The 重層的支援会議 decision that approved a plan version.</summary>
public sealed record PlanApproval(string MeetingId, DateOnly Date, string RecordedBy);

/// <summary>One stored version of a case's 支援プラン; versions count from 1 and are never overwritten.</summary>
public sealed record SupportPlan(string CaseId, int Version, PlanContent Content, string CreatedBy, DateTimeOffset CreatedAt, PlanApproval? Approval)
{
    /// <summary>The plan as the case path reads it (<c>plan.roles[kind = …]</c> opens the support steps).</summary>
    public JsonObject ToProcessVariable() => new()
    {
        ["version"] = Version,
        ["lead"] = Content.Lead,
        ["goals"] = Content.Goals,
        ["periodFrom"] = Day(Content.PeriodFrom),
        ["periodTo"] = Day(Content.PeriodTo),
        ["reviewOn"] = Day(Content.ReviewOn),
        ["roles"] = new JsonArray([.. Content.Roles.Select(r => (JsonNode?)new JsonObject { ["institution"] = r.Institution, ["kind"] = r.Kind, ["task"] = r.Task })]),
    };

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The plans port.</summary>
public interface IPlanStore
{
    /// <summary>All versions of the case's plan, oldest first.</summary>
    Task<IReadOnlyList<SupportPlan>> PlansAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Adds a version; false when that version exists already (someone else saved first).</summary>
    Task<bool> AddPlanAsync(SupportPlan plan, CancellationToken cancellationToken);

    Task ApprovePlanAsync(string caseId, int version, PlanApproval approval, CancellationToken cancellationToken);
}
