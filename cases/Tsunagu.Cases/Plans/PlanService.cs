using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Notifications;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Privacy;

namespace Tsunagu.Cases.Plans;

/// <summary>
/// 支援プラン with 役割分担, versioned: a coordinator saves a new version based on the current one (a stale or missing
/// base is <see cref="StaleVersionException"/>, never a silent overwrite); the version goes onto the case path. Those
/// who see the case read the plan; an institution that sees it only through its role reads its own part.
/// </summary>
public sealed class PlanService(IPlanStore plans, CaseFiles files, CaseService cases, NotificationService notifications, ServedPack served, TimeProvider time)
{
    private const int MaxRoles = 30;

    public static IReadOnlySet<string> RoleKinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "アウトリーチ", "参加支援", "相談支援", "生活支援", "就労支援", "医療", "見守り", "その他",
    };

    /// <summary>Every version, oldest first, as the caller may read them (empty when there is no plan yet).</summary>
    public async Task<IReadOnlyList<SupportPlan>> VersionsAsync(string caseId, Caller caller, CancellationToken cancellationToken)
    {
        var full = await files.SeesWholeCaseAsync(caseId, caller, cancellationToken);
        return [.. (await plans.PlansAsync(caseId, cancellationToken)).Select(p => full ? p : PartFor(p, caller))];
    }

    /// <summary>The current version as the caller may read it; no plan yet is "not found".</summary>
    public async Task<SupportPlan> CurrentAsync(string caseId, Caller caller, CancellationToken cancellationToken) =>
        (await VersionsAsync(caseId, caller, cancellationToken)) is [.., var last] ? last : throw new CaseNotFoundException($"Case '{caseId}' has no plan yet.");

    /// <summary>
    /// Saves a new version based on <paramref name="basedOn"/> (null only for the first) and puts it on the case path.
    /// Coordinators only.
    /// </summary>
    public async Task<SupportPlan> SaveAsync(string caseId, PlanContent content, int? basedOn, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.Roles.Contains(StaffRoles.Coordinator))
        {
            throw new CaseNotFoundException("Only coordinators (多機関協働) make plans.");
        }

        Check(content);
        if (!await files.SeesWholeCaseAsync(caseId, caller, cancellationToken))
        {
            throw new CaseNotFoundException($"No case '{caseId}'.");
        }

        var versions = await plans.PlansAsync(caseId, cancellationToken);
        var current = versions is [.., var last] ? last : null;
        if (current is not null && await CatchUpAsync(current, content, basedOn, cancellationToken))
        {
            return current;
        }

        var version = current?.Version ?? 0;
        if (basedOn != version && !(version == 0 && basedOn is null))
        {
            throw new StaleVersionException(version, missing: basedOn is null);
        }

        var plan = new SupportPlan(caseId, version + 1, content, caller.Id, time.GetUtcNow(), null);
        if (!await files.IsActiveAsync(caseId, cancellationToken))
        {
            throw new CaseRuleException("caseId", "The case has ended; its plan can no longer change.");
        }

        if (!await plans.AddPlanAsync(plan, cancellationToken))
        {
            throw new StaleVersionException(version + 1, missing: false);
        }

        if (await cases.ApplyPlanAsync(caseId, plan.ToProcessVariable(), caller.Id, cancellationToken))
        {
            await NotifyAsync(plan, cancellationToken);
        }

        return plan;
    }

    /// <summary>
    /// A version is stored, then put on the case path, then told to the institutions: three writes, so a failure can stop
    /// a save between them. The current version the case does not hold yet is put on it now; and a save of the current
    /// content based on the version before it (or on it, when the case had not taken it) is that save retried, answered
    /// with the version it made, its notifications sent if they were not. True when this save is such a retry.
    /// </summary>
    private async Task<bool> CatchUpAsync(SupportPlan current, PlanContent content, int? basedOn, CancellationToken cancellationToken)
    {
        var unapplied = await cases.PlanVersionAsync(current.CaseId, cancellationToken) < current.Version;
        var retry = SameContent(current.Content, content)
            && (basedOn == current.Version - 1 || (basedOn is null && current.Version == 1) || (unapplied && basedOn == current.Version));
        if (unapplied && !await cases.ApplyPlanAsync(current.CaseId, current.ToProcessVariable(), "system", cancellationToken))
        {
            return false;
        }

        if (unapplied || retry)
        {
            await NotifyAsync(current, cancellationToken);
        }

        return retry;
    }

    /// <summary>Tells the staff of the institutions with a role (once per version and person, however often called).</summary>
    private Task NotifyAsync(SupportPlan plan, CancellationToken cancellationToken) => notifications.NotifyAsync(
        notifications.StaffOf(plan.Content.Roles.Select(r => r.Institution).Append(plan.Content.Lead)), NotificationKind.PlanChanged, plan.CaseId,
        $"{plan.CaseId}/plan/{plan.Version}", $"支援プラン第{plan.Version}版（役割分担）が作成されました", cancellationToken);

    private static bool SameContent(PlanContent stored, PlanContent submitted) =>
        JsonNode.DeepEquals(new SupportPlan("", 0, stored, "", default, null).ToProcessVariable(), new SupportPlan("", 0, submitted, "", default, null).ToProcessVariable());

    private void Check(PlanContent content)
    {
        var pack = served.Current;
        bool Known(string name) => pack.InstitutionsNamed(name).Count > 0;
        Text(content.Lead, "lead", 200);
        if (!Known(content.Lead))
        {
            throw new CaseInputException("lead", $"'{content.Lead}' is not an institution of {pack.Municipality.Name}.");
        }

        Text(content.Goals, "goals", 4000);
        if (content.PeriodTo < content.PeriodFrom)
        {
            throw new CaseInputException("periodTo", "The period ends before it starts.");
        }

        if (content.ReviewOn < content.PeriodFrom || content.ReviewOn > content.PeriodTo)
        {
            throw new CaseInputException("reviewOn", "The review date lies within the period.");
        }

        if (content.Roles.Count is 0 or > MaxRoles)
        {
            throw new CaseInputException("roles", $"Between 1 and {MaxRoles} roles (役割分担).");
        }

        for (var i = 0; i < content.Roles.Count; i++)
        {
            var role = content.Roles[i];
            if (!Known(role.Institution))
            {
                throw new CaseInputException($"roles[{i}].institution", $"'{role.Institution}' is not an institution of {pack.Municipality.Name}.");
            }

            if (!RoleKinds.Contains(role.Kind))
            {
                throw new CaseInputException($"roles[{i}].kind", $"'{role.Kind}' is not one of {string.Join(", ", RoleKinds)}.");
            }

            Text(role.Task, $"roles[{i}].task", 1000);
        }
    }

    /// <summary>The plan with only the roles of the caller's institution (or a group it belongs to).</summary>
    private SupportPlan PartFor(SupportPlan plan, Caller caller)
    {
        var pack = served.Current;
        bool Ours(PlanRole role) => role.Institution == caller.Institution || pack.InstitutionsNamed(role.Institution).Any(i => i.Name == caller.Institution);
        return plan with { Content = plan.Content with { Roles = [.. plan.Content.Roles.Where(Ours)] } };
    }

    private static void Text(string value, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            throw new CaseInputException(field, $"Required, at most {max} characters.");
        }
    }
}
