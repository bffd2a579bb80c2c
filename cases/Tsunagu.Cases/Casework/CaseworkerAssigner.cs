using System.Globalization;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Storage;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Cases.Casework;

/// <summary>
/// Picks a caseworker for a new user task: staff of a candidate institution with the task's role (caseworker when the
/// model names none), preferring staff bound to the case's 圏域, then the lowest open task load, then the staff id.
/// A candidate that is a group name routing uses (基幹相談支援センター, 親子すこやかセンター…) stands for its member
/// institutions, so staff of any member may be picked.
/// </summary>
/// <remarks>
/// The engine is resolved lazily because it is built with this assigner in its options. Tasks created in the same
/// engine step are not committed yet, so they do not count towards the load of that step's later tasks.
/// </remarks>
/// <param name="institutions">The institution names a routed name stands for; empty or absent means the name itself.</param>
public sealed class CaseworkerAssigner(IEnumerable<StaffMember> staff, Func<ProcessEngine> engine, Func<string, IReadOnlyList<string>>? institutions = null) : ITaskAssigner
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
        var candidates = string.Join(", ", request.CandidateInstitutions);
        var members = request.CandidateInstitutions.SelectMany(Members).ToHashSet(StringComparer.Ordinal);
        var eligible = _staff.Where(s => members.Contains(s.Institution) && s.Roles.Contains(role)).ToList();
        if (eligible.Count == 0)
        {
            return new AssignmentDecision(null, $"{candidates} / {StaffRoles.Label(role)} / 該当職員なし → 受付箱");
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
        // Name the group when the pick is one of its members, so the reason shows why that institution.
        var groupPart = request.CandidateInstitutions.Contains(chosen.Member.Institution) ? "" : $"{candidates} → ";
        var areaPart = inArea.Count > 0 ? $" / 圏域 {area}" : "";
        var tiePart = ties > 1 ? string.Create(CultureInfo.InvariantCulture, $" (同数 {ties} 名: 職員ID順)") : "";
        var reason = string.Create(CultureInfo.InvariantCulture, $"{groupPart}{chosen.Member.Institution} / {StaffRoles.Label(role)}{areaPart} / 担当件数 {chosen.Load} → 最少{tiePart}");
        return new AssignmentDecision(chosen.Member.Id, reason);
    }

    private IReadOnlyList<string> Members(string candidate) =>
        institutions?.Invoke(candidate) is { Count: > 0 } resolved ? resolved : [candidate];

    /// <summary>The case's 圏域: the intake's <c>area</c>, else <c>person.area</c> (the routing input).</summary>
    private static string? CaseArea(FeelContext variables) =>
        variables.TryGet(CaseProcess.Variables.Area, out var area) && area is string text ? text
        : variables.TryGet(CaseProcess.Variables.Person, out var person) && person is FeelContext p && p.TryGet("area", out var a) ? a as string
        : null;
}
