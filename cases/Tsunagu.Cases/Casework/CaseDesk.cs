using System.Text.Json.Nodes;
using Tsunagu.Cases.Indicators;
using Tsunagu.Cases.Notifications;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.People;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Routing;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Cases.Casework;

/// <summary>Who is asking: a signed-in member of staff, their institution and roles.</summary>
public sealed record Caller(string Id, string Institution, IReadOnlySet<string> Roles);

/// <summary>
/// What a member of staff may do with cases and tasks of the served pack: record an intake at a window of the pack,
/// see their inbox, and act on a task offered to them. Callers at the edge translate; the rules are here.
/// </summary>
public sealed class CaseDesk(
    ProcessEngine engine,
    CaseService cases,
    RoutingService routing,
    PeopleService people,
    IAccountStore accounts,
    NotificationService notifications,
    ICaseRegister register,
    ServedPack served,
    TimeProvider time)
{
    /// <summary>
    /// Starts a case after checking the consultation exactly as routing checks it, against the served pack, and that
    /// <paramref name="window"/> (default: the caller's institution) is one of its institutions. With an
    /// <paramref name="identity"/>, the case is linked to that person (a new one, or a known one by id) and 相談経路.
    /// A <paramref name="requestId"/> (the client's Idempotency-Key) fixes the case id per caller, so the same request
    /// started again returns the same case, records nothing twice and completes an intake a crash interrupted.
    /// </summary>
    public async Task<CaseHandle> StartCaseAsync(
        RoutingRequest consultation,
        JsonObject person,
        JsonArray household,
        string? window,
        PersonIdentity? identity,
        string? route,
        Caller caller,
        string? requestId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(caller);
        var pack = served.Current;
        if (consultation.Municipality != pack.Municipality.Id)
        {
            throw new RoutingValidationException("consultation.municipality", $"This installation serves '{pack.Municipality.Id}', not '{consultation.Municipality}'.");
        }

        routing.Route(consultation);
        var at = window ?? caller.Institution;
        if (!pack.Institutions.Any(i => i.Name == at))
        {
            throw new RoutingValidationException("window", $"'{at}' is not an institution of {pack.Municipality.Name}.");
        }

        if (at != caller.Institution && !caller.Roles.Contains(StaffRoles.Coordinator))
        {
            throw new CaseRuleException("window", "An intake is recorded at the caller's own institution's window; only coordinators choose another.");
        }

        // The case commits in the engine's store, its person, register row and notifications in the domain's after it.
        // Each of those writes is idempotent per case, so the same request again (same case id) completes what a
        // crash between them left undone instead of returning early, and adds nothing twice.
        var caseId = requestId is null ? null : RequestCaseId(caller.Id, requestId);
        var started = caseId is null ? null : await engine.FindInstanceAsync(CaseProcess.Key, caseId, cancellationToken);
        ConsultationRoutes.Check(route);
        var subject = identity is null ? null : await people.PrepareAsync(identity, consultation.Person.Area, route, caller, cancellationToken);
        var intake = new CaseIntake { CaseId = caseId, Person = person, Household = household, Consent = consultation.Consent, Window = at, Route = route, Area = subject?.Person.Area };
        var handle = started is null ? await cases.StartCaseAsync(intake, caller.Id, cancellationToken) : new CaseHandle(caseId!, started.Id);
        if (subject is not null)
        {
            await people.RecordAsync(subject, handle.CaseId, cancellationToken);
        }

        var routed = (await engine.FindInstanceAsync(CaseProcess.Key, handle.CaseId, cancellationToken))?.Variables.GetValueOrDefault(CaseProcess.Variables.Routing);
        var concerns = consultation.Person.Concerns.Concat(consultation.Household.SelectMany(m => m.Concerns)).Distinct(StringComparer.Ordinal).ToList();
        await register.RegisterAsync(
            new RegisteredCase(handle.CaseId, at, subject?.Person.Area ?? consultation.Person.Area, route, concerns, routed?["multiAgency"]?.GetValue<bool>() == true, time.GetUtcNow()),
            [.. (routed?["referrals"] as JsonArray ?? []).Select(r => r?["institution"]?.GetValue<string>()).OfType<string>()],
            cancellationToken);
        await NotifyReferralsAsync(handle.CaseId, handle.InstanceId, cancellationToken);
        return handle;
    }

    private static string RequestCaseId(string callerId, string requestId) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{callerId}\n{requestId}"))[..16]).ToString("N");

    /// <summary>
    /// A page of the caller's inbox, oldest first: tasks assigned to them, offered to them, or offered to their
    /// institution or its groups. Each of those lists is read by keyset from the cursor and they are merged in the
    /// store's (created at, id) order; a task the caller may not act on leaves a page shorter, never a gap.
    /// </summary>
    public async Task<Page<TaskRecord>> InboxAsync(Caller caller, string? after, int? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var size = Paging.Limit(limit, Paging.MaxLimit);
        var from = Paging.Keys(after, 2) is [var at, var id] ? new TaskCursor(Paging.Time(at), Paging.Id(id)) : null;
        var found = new List<TaskRecord>(await engine.QueryTasksAsync(new TaskQuery { CandidateUser = caller.Id, After = from, Limit = size + 1 }, cancellationToken));
        foreach (var name in OfferedTo(caller))
        {
            found.AddRange(await engine.QueryTasksAsync(new TaskQuery { CandidateInstitution = name, After = from, Limit = size + 1 }, cancellationToken));
        }

        // Ids in their text form: the order SQLite (text) and PostgreSQL (uuid bytes) sort them in.
        var merged = found.DistinctBy(t => t.Id).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id.ToString("D"), StringComparer.Ordinal).ToList();
        var page = Paging.Of(merged, size, t => Paging.Cursor(Paging.Text(t.CreatedAt), t.Id.ToString("D")));
        return page with { Items = [.. page.Items.Where(t => MayActOn(t, caller))] };
    }

    /// <summary>
    /// Completes a task the caller may act on with its form values; a task the caller may not act on is "not found"
    /// (its existence is not confirmed), and a form may not set the case's protected variables.
    /// </summary>
    public async Task CompleteAsync(Guid taskId, IReadOnlyDictionary<string, JsonNode?> values, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var task = await VisibleTaskAsync(taskId, caller, cancellationToken);
        var forbidden = values.Keys.FirstOrDefault(k => task.ProcessKey == CaseProcess.Key && !CaseProcess.FormMaySet(task.NodeId, k));
        if (forbidden is not null)
        {
            throw new CaseInputException(forbidden, $"'{forbidden}' is a case variable this task's form may not set.");
        }

        if (IsReferral(task))
        {
            throw new CaseRuleException("taskId", "A referral is accepted or declined (POST /api/tasks/{taskId}/referral), not completed as a form.");
        }

        await engine.CompleteTaskAsync(task.Id, values, caller.Id, cancellationToken);
        if (task.NodeId == CaseProcess.Nodes.ReferralReview && task.BusinessKey is { } caseId)
        {
            await NotifyReferralsAsync(caseId, task.InstanceId, cancellationToken, registerMade: true);
        }

        if (task.NodeId == CaseProcess.Nodes.Judgement && task.BusinessKey is { } ended
            && values.GetValueOrDefault(CaseProcess.Variables.Judgement) is JsonValue judgement && judgement.TryGetValue<string>(out var outcome)
            && outcome is CaseProcess.Judgement.Close or CaseProcess.Judgement.Suspend)
        {
            await register.EndedAsync(ended, outcome == CaseProcess.Judgement.Close ? CaseEnd.Closed : CaseEnd.Suspended, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>
    /// Tells each open referral's caseworker (or, unassigned, its institution's staff) that a referral arrived; after a
    /// review the referrals made again also go into the register (at intake the routing's referrals did).
    /// </summary>
    private async Task NotifyReferralsAsync(string caseId, Guid instanceId, CancellationToken cancellationToken, bool registerMade = false)
    {
        foreach (var referral in (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, cancellationToken)).Where(IsReferral))
        {
            var recipients = referral.Assignee is { } assignee ? [assignee] : notifications.StaffOf(referral.CandidateInstitutions);
            await notifications.NotifyAsync(recipients, NotificationKind.Referral, caseId, $"{caseId}/referral/{referral.Id}", "新しい紹介が届きました（受入または辞退を）", cancellationToken);
            foreach (var institution in registerMade ? referral.CandidateInstitutions : [])
            {
                await register.ReferralAsync(caseId, institution, ReferralMade, time.GetUtcNow(), cancellationToken);
            }
        }
    }

    /// <summary>The register's outcome for a referral made (accepted and declined are <see cref="CaseProcess.ReferralOutcome"/>).</summary>
    private const string ReferralMade = "made";

    /// <summary>
    /// The referred institution accepts the referral (support starts there) or declines it with a reason; declined
    /// referrals go back to the coordinator (紹介先の見直し), who re-routes.
    /// </summary>
    public async Task DecideReferralAsync(Guid taskId, string outcome, string? reason, Caller caller, CancellationToken cancellationToken)
    {
        if (outcome is not (CaseProcess.ReferralOutcome.Accepted or CaseProcess.ReferralOutcome.Declined))
        {
            throw new CaseInputException("outcome", $"'{outcome}' is not one of {CaseProcess.ReferralOutcome.Accepted}, {CaseProcess.ReferralOutcome.Declined}.");
        }

        if (outcome == CaseProcess.ReferralOutcome.Declined ? string.IsNullOrWhiteSpace(reason) || reason.Length > 2000 : reason?.Length > 2000)
        {
            throw new CaseInputException("reason", "A declined referral needs a reason; at most 2,000 characters.");
        }

        var task = await VisibleTaskAsync(taskId, caller, cancellationToken);
        if (!IsReferral(task))
        {
            throw new CaseRuleException("taskId", "This task is not a referral (紹介先対応).");
        }

        var institution = task.CandidateInstitutions.Count > 0 ? task.CandidateInstitutions[0] : null;
        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, JsonNode?>
        {
            [CaseProcess.Variables.ReferralOutcome] = new JsonObject
            {
                ["outcome"] = outcome,
                ["reason"] = reason,
                ["by"] = caller.Id,
                ["institution"] = institution,
            },
        }, caller.Id, cancellationToken);
        if (task.BusinessKey is { } caseId && institution is not null)
        {
            await register.ReferralAsync(caseId, institution, outcome, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Claims a task for <paramref name="userId"/> (default: the caller), with the reason. Supervisors and coordinators.</summary>
    public async Task ClaimAsync(Guid taskId, string? userId, string reason, Caller caller, CancellationToken cancellationToken)
    {
        var task = await ManagedTaskAsync(taskId, reason, caller, cancellationToken);
        var user = userId ?? caller.Id;
        await CheckAssigneeAsync(task, user, cancellationToken);
        await cases.ClaimAsync(task, user, reason, caller.Id, cancellationToken);
    }

    /// <summary>Returns a task to its candidates' inbox, with the reason. Supervisors and coordinators.</summary>
    public async Task UnclaimAsync(Guid taskId, string reason, Caller caller, CancellationToken cancellationToken) =>
        await cases.UnclaimAsync(await ManagedTaskAsync(taskId, reason, caller, cancellationToken), reason, caller.Id, cancellationToken);

    /// <summary>Gives a task to another member of staff of a candidate institution, with the reason. Supervisors and coordinators.</summary>
    public async Task ReassignAsync(Guid taskId, string userId, string reason, Caller caller, CancellationToken cancellationToken)
    {
        var task = await ManagedTaskAsync(taskId, reason, caller, cancellationToken);
        await CheckAssigneeAsync(task, userId, cancellationToken);
        await cases.ReassignAsync(task, userId, reason, caller.Id, cancellationToken);
    }

    /// <summary>
    /// A case-path task the caller manages: any for a coordinator, those offered to their institution (or its groups) for
    /// a supervisor; anything else is "not found".
    /// </summary>
    private async Task<TaskRecord> ManagedTaskAsync(Guid taskId, string reason, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            throw new CaseInputException("reason", "Required, at most 1,000 characters.");
        }

        var task = await engine.FindTaskAsync(taskId, cancellationToken);
        var manages = task is not null && task.ProcessKey == CaseProcess.Key
            && (caller.Roles.Contains(StaffRoles.Coordinator)
                || (caller.Roles.Contains(StaffRoles.Supervisor) && task.CandidateInstitutions.Any(OfferedTo(caller).Contains)));
        return manages ? task! : throw new EngineNotFoundException($"No open task {taskId}.");
    }

    /// <summary>The new holder must be an active account of an institution the task is offered to.</summary>
    private async Task CheckAssigneeAsync(TaskRecord task, string userId, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(userId, cancellationToken);
        var offered = account is { Disabled: false, Institution: { } institution }
            && task.CandidateInstitutions.Any(OfferedTo(new Caller(userId, institution, new HashSet<string>(account.Roles))).Contains);
        if (!offered)
        {
            throw new CaseRuleException("userId", $"'{userId}' is not active staff of an institution this task is offered to.");
        }
    }

    private static bool IsReferral(TaskRecord task) => task.ProcessKey == CaseProcess.Key && task.NodeId == CaseProcess.Nodes.Referral;

    /// <summary>A task the caller may act on; otherwise <see cref="EngineNotFoundException"/>, as for a task that does not exist.</summary>
    public async Task<TaskRecord> VisibleTaskAsync(Guid taskId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var task = await engine.FindTaskAsync(taskId, cancellationToken);
        return task is not null && MayActOn(task, caller) ? task : throw new EngineNotFoundException($"No open task {taskId}.");
    }

    /// <summary>
    /// The caller may act on a task assigned to them, or on an unassigned one offered to them or to their institution
    /// (or a group it belongs to) when they hold one of the task's candidate roles, if it names any.
    /// </summary>
    public bool MayActOn(TaskRecord task, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(caller);
        if (task.Assignee is not null)
        {
            return task.Assignee == caller.Id;
        }

        var offered = task.CandidateUsers.Contains(caller.Id) || task.CandidateInstitutions.Any(OfferedTo(caller).Contains);
        return offered && (task.CandidateRoles.Count == 0 || task.CandidateRoles.Any(caller.Roles.Contains));
    }

    /// <summary>The candidate names that reach the caller: their institution and the groups it belongs to (基幹相談支援センター…).</summary>
    private HashSet<string> OfferedTo(Caller caller)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in served.Current.Institutions.Where(i => i.Name == caller.Institution))
        {
            names.Add(entry.Name);
            if (entry.Group is { } group)
            {
                names.Add(group);
            }
        }

        return names;
    }
}
