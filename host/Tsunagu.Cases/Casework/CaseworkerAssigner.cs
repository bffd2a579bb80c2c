using System.Globalization;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Storage;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Cases.Casework;

/// <summary>
/// Picks a caseworker for a new user task: staff of a candidate institution with the task's role (caseworker when the
/// model names none), preferring staff bound to the case's 圏域, then the lowest open task load, then the staff id.
/// </summary>
/// <remarks>
/// The engine is resolved lazily because it is built with this assigner in its options. Tasks created in the same
/// engine step are not committed yet, so they do not count towards the load of that step's later tasks.
/// </remarks>
public sealed class CaseworkerAssigner(IEnumerable<StaffMember> staff, Func<ProcessEngine> engine) : ITaskAssigner
{
    private const int LoadQueryLimit = 10_000;
    private readonly IReadOnlyList<StaffMember> _staff = [.. staff];

    public async Task<AssignmentDecision?> AssignAsync(AssignmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CandidateInstitutions.Count == 0)
        {
            return null;
        }

        var role = request.CandidateRoles.Count > 0 ? request.CandidateRoles[0] : StaffRoles.Caseworker;
        var institutions = string.Join(", ", request.CandidateInstitutions);
        var eligible = _staff.Where(s => request.CandidateInstitutions.Contains(s.Institution) && s.Roles.Contains(role)).ToList();
        if (eligible.Count == 0)
        {
            return new AssignmentDecision(null, $"{institutions} / {role} / 該当職員なし → 受付箱");
        }

        var area = CaseArea(request.Variables);
        var inArea = area is null ? [] : eligible.Where(s => s.Area == area).ToList();
        if (inArea.Count > 0)
        {
            eligible = inArea;
        }

        var loads = new List<(StaffMember Member, int Load)>();
        foreach (var member in eligible)
        {
            var open = await engine().QueryTasksAsync(new TaskQuery { Assignee = member.Id, Limit = LoadQueryLimit }, cancellationToken);
            loads.Add((member, open.Count));
        }

        var chosen = loads.OrderBy(l => l.Load).ThenBy(l => l.Member.Id, StringComparer.Ordinal).First();
        var ties = loads.Count(l => l.Load == chosen.Load);
        var areaPart = inArea.Count > 0 ? $" / 圏域 {area}" : "";
        var tiePart = ties > 1 ? string.Create(CultureInfo.InvariantCulture, $" (同数 {ties} 名: 職員ID順)") : "";
        var reason = string.Create(CultureInfo.InvariantCulture, $"{chosen.Member.Institution} / {role}{areaPart} / 担当件数 {chosen.Load} → 最少{tiePart}");
        return new AssignmentDecision(chosen.Member.Id, reason);
    }

    /// <summary>The case's 圏域: the intake's <c>area</c>, else the household's.</summary>
    private static string? CaseArea(FeelContext variables) =>
        variables.TryGet(CaseProcess.Variables.Area, out var area) && area is string text ? text
        : variables.TryGet(CaseProcess.Variables.Household, out var household) && household is FeelContext h && h.TryGet("area", out var a) ? a as string
        : null;
}
