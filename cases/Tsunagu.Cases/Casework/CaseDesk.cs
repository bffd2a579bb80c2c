using System.Text.Json.Nodes;
using Tsunagu.Cases.Packs;
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
public sealed class CaseDesk(ProcessEngine engine, CaseService cases, RoutingService routing, ServedPack served)
{
    /// <summary>
    /// Starts a case after checking the consultation exactly as routing checks it, against the served pack, and that
    /// <paramref name="window"/> (default: the caller's institution) is one of its institutions.
    /// </summary>
    /// <summary>
    /// Starts a case at the caller's window (coordinators: any window). A <paramref name="requestId"/> (the client's
    /// Idempotency-Key) fixes the case id per caller, so the same request started again returns the same case.
    /// </summary>
    public async Task<CaseHandle> StartCaseAsync(
        RoutingRequest consultation, JsonObject person, JsonArray household, string? window, Caller caller, string? requestId, CancellationToken cancellationToken)
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

        var intake = new CaseIntake { CaseId = requestId is null ? null : RequestCaseId(caller.Id, requestId), Person = person, Household = household, Consent = consultation.Consent, Window = at };
        return await cases.StartCaseAsync(intake, caller.Id, cancellationToken);
    }

    private static string RequestCaseId(string callerId, string requestId) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{callerId}\n{requestId}"))[..16]).ToString("N");

    /// <summary>The caller's inbox: tasks assigned to them, offered to them, or offered to their institution or its groups.</summary>
    public async Task<IReadOnlyList<TaskRecord>> InboxAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = new List<TaskRecord>(await engine.QueryTasksAsync(new TaskQuery { CandidateUser = caller.Id }, cancellationToken));
        foreach (var name in OfferedTo(caller))
        {
            found.AddRange(await engine.QueryTasksAsync(new TaskQuery { CandidateInstitution = name }, cancellationToken));
        }

        return [.. found.DistinctBy(t => t.Id).Where(t => MayActOn(t, caller)).OrderBy(t => t.CreatedAt)];
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

        await engine.CompleteTaskAsync(task.Id, values, caller.Id, cancellationToken);
    }

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
