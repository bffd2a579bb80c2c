using Tsunagu.Cases.Casework;

namespace Tsunagu.Cases.Privacy;

/// <summary>What the access rules need to know about a case (read from its process variables).</summary>
public sealed record CaseFacts(
    string CaseId,
    string? IntakeBy,
    bool Sharing,
    IReadOnlyList<string> ReferredInstitutions,
    IReadOnlyList<string> PlanInstitutions);

/// <summary>Whether the caller may see a case, and if not, whether it must look missing or wait for an acknowledgement.</summary>
public enum CaseVisibility
{
    Hidden,
    Visible,
    AcknowledgementRequired,
}

/// <summary>
/// Who may see a case: coordinators (多機関協働) of the municipality; the caseworker who took the intake; staff of an
/// institution the case was referred to (and that has not declined the referral) or that holds a role in its plan, only
/// while the person's consent to sharing stands; active members of a meeting that discusses it, once they acknowledged the secrecy duty. Anyone else must
/// not learn the case exists.
/// </summary>
public static class CaseAccess
{
    /// <param name="institutionsNamed">The institutions a routed or planned name stands for (a group stands for its members).</param>
    public static CaseVisibility Decide(Caller caller, CaseFacts facts, IEnumerable<Meeting> meetings, Func<string, IEnumerable<string>> institutionsNamed)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(meetings);
        ArgumentNullException.ThrowIfNull(institutionsNamed);
        if (caller.Roles.Contains(StaffRoles.Coordinator) || caller.Id == facts.IntakeBy)
        {
            return CaseVisibility.Visible;
        }

        if (facts.Sharing && caller.Institution is { Length: > 0 } institution
            && facts.ReferredInstitutions.Concat(facts.PlanInstitutions).SelectMany(institutionsNamed).Contains(institution, StringComparer.Ordinal))
        {
            return CaseVisibility.Visible;
        }

        var memberships = meetings.Where(m => m.CaseIds.Contains(facts.CaseId)).Select(m => m.ActiveMember(caller.Id)).OfType<MeetingMember>().ToList();
        return memberships.Count == 0 ? CaseVisibility.Hidden
            : memberships.Any(m => m.AcknowledgedAt is not null) ? CaseVisibility.Visible
            : CaseVisibility.AcknowledgementRequired;
    }

    /// <summary>Coordinators see every meeting of their municipality; members see the meetings they belong to.</summary>
    public static bool MaySeeMeeting(Caller caller, Meeting meeting)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(meeting);
        return caller.Roles.Contains(StaffRoles.Coordinator) || meeting.ActiveMember(caller.Id) is not null;
    }
}
