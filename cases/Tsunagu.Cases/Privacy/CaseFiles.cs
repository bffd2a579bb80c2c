using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Indicators;
using Tsunagu.Cases.Notes;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.People;
using Tsunagu.Engine;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Privacy;

/// <summary>A meeting as a case lists it.</summary>
public sealed record MeetingSummary(string Id, string Kind, DateOnly Date);

/// <summary>Who the case is about as recorded at intake: the person, how the consultation came (相談経路), the household then.</summary>
public sealed record CaseSubject(PersonRecord Person, string? Route, IReadOnlyList<HouseholdMemberIdentity> Household);

/// <summary>A case as those who may see it read it: the person, the household, consent and its history, the routing with its explanation, open tasks, meetings.</summary>
public sealed record CaseView(
    string CaseId,
    string Status,
    CaseSubject? Subject,
    JsonNode? Person,
    JsonNode? Household,
    string? Consent,
    JsonNode? ConsentHistory,
    JsonNode? Routing,
    JsonNode? Plan,
    string? Window,
    string? IntakeBy,
    string? IntakeAt,
    IReadOnlyList<TaskRecord> Tasks,
    IReadOnlyList<MeetingSummary> Meetings);

/// <summary>
/// Reading a case and recording consent, each behind <see cref="CaseAccess"/>: a case the caller may not see is
/// <see cref="CaseNotFoundException"/>, exactly as one that does not exist; a meeting member who has not acknowledged
/// the secrecy duty gets <see cref="AcknowledgementRequiredException"/>.
/// </summary>
public sealed class CaseFiles(
    ProcessEngine engine, IMeetingStore meetings, IPersonStore people, INoteStore notes, ICaseRegister register, CaseService cases, ServedPack served, TimeProvider time)
{
    public static IReadOnlySet<string> ConsentStatuses { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CaseProcess.Consent.Granted, CaseProcess.Consent.NotGranted, CaseProcess.Consent.Withdrawn,
    };

    public async Task<CaseView> GetAsync(string caseId, Caller caller, CancellationToken cancellationToken)
    {
        var (instance, caseMeetings) = await VisibleAsync(caseId, caller, cancellationToken);
        var variables = instance.Variables;
        var whole = SeesWhole(caller, caseId, instance, caseMeetings);
        var tasks = await engine.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id }, cancellationToken);
        return new CaseView(
            caseId,
            instance.Status.ToString(),
            await SubjectAsync(caseId, cancellationToken),
            Get(variables, V.Person),
            Get(variables, V.Household),
            Get(variables, V.Consent)?.GetValue<string>(),
            Get(variables, V.ConsentHistory),
            Get(variables, V.Routing),
            whole ? Get(variables, V.Plan) : null,
            Get(variables, V.Window)?.GetValue<string>(),
            Get(variables, V.IntakeBy)?.GetValue<string>(),
            Get(variables, V.IntakeAt)?.GetValue<string>(),
            tasks,
            [.. caseMeetings.Select(m => new MeetingSummary(m.Id, m.Kind, m.Date))]);
    }

    /// <summary>The case's timeline (see <see cref="CaseTimeline"/>), for those who may see the case.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string caseId, Caller caller, CancellationToken cancellationToken)
    {
        var (instance, caseMeetings) = await VisibleAsync(caseId, caller, cancellationToken);
        return CaseTimeline.Build(caseId, instance.Variables, await engine.GetHistoryAsync(instance.Id, cancellationToken), caseMeetings, await notes.NotesAsync(caseId, cancellationToken));
    }

    /// <summary>
    /// Whether the caller, who may see the case (else <see cref="CaseNotFoundException"/>), sees all of it: everyone but
    /// an institution that sees it only through its role in the plan, which reads its own part.
    /// </summary>
    public async Task<bool> SeesWholeCaseAsync(string caseId, Caller caller, CancellationToken cancellationToken)
    {
        var (instance, caseMeetings) = await VisibleAsync(caseId, caller, cancellationToken);
        return SeesWhole(caller, caseId, instance, caseMeetings);
    }

    /// <summary>The case's instance, for a caller who may see it (else <see cref="CaseNotFoundException"/>).</summary>
    public async Task<InstanceView> VisibleInstanceAsync(string caseId, Caller caller, CancellationToken cancellationToken) =>
        (await VisibleAsync(caseId, caller, cancellationToken)).Instance;

    /// <summary>Whether the case exists and has not ended.</summary>
    public async Task<bool> IsActiveAsync(string caseId, CancellationToken cancellationToken) =>
        await FactsAsync(caseId, cancellationToken) is { Instance.Status: InstanceStatus.Active };

    /// <summary>
    /// Of <paramref name="caseIds"/> (cases that started: the person register links no others, and none is removed),
    /// those the caller may see now (a pending secrecy acknowledgement counts as not yet). A coordinator sees them all.
    /// For anyone else the store first narrows them to the cases whose keys name the caller (ADR 0027) and the meetings
    /// to those the caller is a member of; only those cases are read, in one query, and <see cref="CaseAccess.Decide"/>
    /// decides each.
    /// </summary>
    public async Task<IReadOnlySet<string>> VisibleAmongAsync(IReadOnlyCollection<string> caseIds, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        ArgumentNullException.ThrowIfNull(caller);
        if (caseIds.Count == 0 || caller.Roles.Contains(StaffRoles.Coordinator))
        {
            return caseIds.ToHashSet(StringComparer.Ordinal);
        }

        var caseMeetings = await meetings.MeetingsForCasesAsync(caseIds, cancellationToken);
        var candidates = (await engine.MatchInstanceKeysAsync(CaseProcess.Key, caseIds, CallerKeys(caller, served.Current), cancellationToken))
            .Concat(caseMeetings.Where(m => m.ActiveMember(caller.Id) is not null).SelectMany(m => m.CaseIds).Where(caseIds.Contains))
            .ToHashSet(StringComparer.Ordinal);
        var instances = candidates.Count == 0 ? new Dictionary<string, InstanceView>() : await engine.FindInstancesAsync(CaseProcess.Key, candidates, cancellationToken);
        return instances.Where(i => Decide(caller, CaseFacts.Of(i.Key, i.Value.Variables), caseMeetings) == CaseVisibility.Visible).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Records a consent change (who, when, scope, evidence); the case path switches the meeting track both ways.</summary>
    public async Task RecordConsentAsync(string caseId, ConsentChange change, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!ConsentStatuses.Contains(change.Status))
        {
            throw new CaseInputException("status", $"'{change.Status}' is not one of {string.Join(", ", ConsentStatuses)}.");
        }

        if (change.Scope.Any(string.IsNullOrWhiteSpace))
        {
            throw new CaseInputException("scope", "Scope entries must be non-empty.");
        }

        await VisibleAsync(caseId, caller, cancellationToken);
        if (!await cases.RecordConsentAsync(caseId, change, caller.Id, cancellationToken))
        {
            throw new CaseRuleException("caseId", "The case has ended; its consent can no longer change.");
        }
    }

    /// <summary>Throws <see cref="CaseNotFoundException"/> (or <see cref="AcknowledgementRequiredException"/>) unless the caller may see the case.</summary>
    public Task EnsureVisibleAsync(string caseId, Caller caller, CancellationToken cancellationToken) => VisibleAsync(caseId, caller, cancellationToken);

    /// <summary>Raises a single-agency case the caller may see to 多機関協働, e.g. when the institution finds it complex.</summary>
    public async Task EscalateAsync(string caseId, string reason, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            throw new CaseInputException("reason", "Required, at most 2,000 characters.");
        }

        await VisibleAsync(caseId, caller, cancellationToken);
        if (!await cases.EscalateAsync(caseId, reason, caller.Id, cancellationToken))
        {
            throw new CaseRuleException("caseId", "Only a single-agency case whose referrals were accepted can be escalated to 多機関協働.");
        }

        await register.EscalatedAsync(caseId, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The case facts the access rules read (also for meetings, which check consent).</summary>
    public async Task<(InstanceView Instance, CaseFacts Facts)?> FactsAsync(string caseId, CancellationToken cancellationToken)
    {
        var instance = await engine.FindInstanceAsync(CaseProcess.Key, caseId, cancellationToken);
        return instance is null ? null : (instance, CaseFacts.Of(caseId, instance.Variables));
    }

    private async Task<(InstanceView Instance, IReadOnlyList<Meeting> Meetings)> VisibleAsync(string caseId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await FactsAsync(caseId, cancellationToken) ?? throw NotFound(caseId);
        var caseMeetings = await meetings.MeetingsForCaseAsync(caseId, cancellationToken);
        return Decide(caller, found.Facts, caseMeetings) switch
        {
            CaseVisibility.Visible => (found.Instance, caseMeetings),
            CaseVisibility.AcknowledgementRequired => throw new AcknowledgementRequiredException(
                caseMeetings.First(m => m.ActiveMember(caller.Id) is not null).Id,
                "Acknowledge the secrecy duty (守秘義務) of the meeting before its case data opens."),
            _ => throw NotFound(caseId),
        };
    }

    private bool SeesWhole(Caller caller, string caseId, InstanceView instance, IReadOnlyList<Meeting> caseMeetings) =>
        Decide(caller, CaseFacts.Of(caseId, instance.Variables) with { PlanInstitutions = [] }, caseMeetings) == CaseVisibility.Visible;

    private CaseVisibility Decide(Caller caller, CaseFacts facts, IReadOnlyList<Meeting> caseMeetings) =>
        CaseAccess.Decide(caller, facts, caseMeetings, InstitutionsNamed(served.Current));

    /// <summary>The institutions a routed or planned name stands for in <paramref name="pack"/> (a group its members), the name itself included.</summary>
    public static Func<string, IEnumerable<string>> InstitutionsNamed(SamplePack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return name => pack.InstitutionsNamed(name).Select(i => i.Name).Append(name);
    }

    /// <summary>The caller's case keys (<see cref="CaseAccess.CallerKeys"/>) under the names of <paramref name="pack"/>: its institutions and groups.</summary>
    public static IReadOnlyList<string> CallerKeys(Caller caller, SamplePack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return CaseAccess.CallerKeys(caller, pack.Institutions.SelectMany(i => new[] { i.Name, i.Group }).OfType<string>(), InstitutionsNamed(pack));
    }

    private async Task<CaseSubject?> SubjectAsync(string caseId, CancellationToken cancellationToken) =>
        await people.PersonOfCaseAsync(caseId, cancellationToken) is { } link && await people.FindPersonAsync(link.PersonId, cancellationToken) is { } person
            ? new CaseSubject(person, link.Route, link.Household)
            : null;

    private static JsonNode? Get(IReadOnlyDictionary<string, JsonNode?> variables, string name) => variables.GetValueOrDefault(name);

    private static CaseNotFoundException NotFound(string caseId) => new($"No case '{caseId}'.");
}
