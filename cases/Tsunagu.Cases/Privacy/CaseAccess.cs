using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Privacy;

/// <summary>What the access rules need to know about a case (read from its process variables).</summary>
public sealed record CaseFacts(
    string CaseId,
    string? IntakeBy,
    bool Sharing,
    IReadOnlyList<string> ReferredInstitutions,
    IReadOnlyList<string> PlanInstitutions)
{
    /// <summary>The facts of a case as its process variables hold them.</summary>
    public static CaseFacts Of(string caseId, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new(
            caseId,
            variables.GetValueOrDefault(V.IntakeBy)?.GetValue<string>(),
            variables.GetValueOrDefault(V.Sharing) is JsonValue sharing && sharing.TryGetValue<bool>(out var shared) && shared,
            [.. Institutions(variables.GetValueOrDefault(V.Routing)?["referrals"]).Except(Institutions(variables.GetValueOrDefault(V.DeclinedReferrals)), StringComparer.Ordinal)],
            Institutions(variables.GetValueOrDefault(V.Plan)?["roles"]));
    }

    private static string[] Institutions(JsonNode? list) =>
        list is JsonArray items ? [.. items.Select(i => i?["institution"]).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()] : [];
}

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

    /// <summary>
    /// The keys of a case (its instance keys, ADR 0027) through which <see cref="Decide"/> can let a caller who is
    /// neither a coordinator nor a member of one of its meetings see it: the intake caseworker, and while sharing
    /// stands each referred (not declined) and planned institution name as written, groups unexpanded.
    /// </summary>
    public static IEnumerable<string> Keys(CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var institutions = facts.Sharing ? facts.ReferredInstitutions.Concat(facts.PlanInstitutions).Select(InstitutionKey) : [];
        return facts.IntakeBy is { } intakeBy ? institutions.Prepend(UserKey(intakeBy)) : institutions;
    }

    /// <summary>The keys of the case path's instances (<see cref="Tsunagu.Engine.Execution.EngineOptions.InstanceKeys"/>); other processes have none.</summary>
    public static IEnumerable<string> InstanceKeys(string processKey, IReadOnlyDictionary<string, JsonNode?> variables) =>
        processKey == CaseProcess.Key ? Keys(CaseFacts.Of("", variables)) : [];

    /// <summary>
    /// The case keys through which the caller may see a case: their own id, and their institution under each name
    /// among <paramref name="names"/> that <paramref name="institutionsNamed"/> resolves to it (its own name, its group).
    /// A case that <see cref="Decide"/> shows to a caller who is not a coordinator nor a meeting member has one of them.
    /// </summary>
    public static IReadOnlyList<string> CallerKeys(Caller caller, IEnumerable<string> names, Func<string, IEnumerable<string>> institutionsNamed)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(institutionsNamed);
        if (caller.Institution is not { Length: > 0 } institution)
        {
            return [UserKey(caller.Id)];
        }

        return [UserKey(caller.Id), .. names.Where(n => institutionsNamed(n).Contains(institution, StringComparer.Ordinal)).Append(institution).Distinct(StringComparer.Ordinal).Select(InstitutionKey)];
    }

    private static string UserKey(string id) => "user:" + id;

    private static string InstitutionKey(string name) => "institution:" + name;

    /// <summary>Coordinators see every meeting of their municipality; members see the meetings they belong to.</summary>
    public static bool MaySeeMeeting(Caller caller, Meeting meeting)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(meeting);
        return caller.Roles.Contains(StaffRoles.Coordinator) || meeting.ActiveMember(caller.Id) is not null;
    }
}
