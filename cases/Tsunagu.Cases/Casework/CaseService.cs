using System.Globalization;
using System.Text.Json.Nodes;
using Tsunagu.Engine;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Casework;

/// <summary>
/// The casework facade over the case-path process: start a case from a 相談受付, record consent changes, change the
/// monitoring interval, end a case, and change task assignments with a recorded reason. Changes to a running case go
/// in as messages correlated by case id, so the process itself records them (history entries with time and who).
/// </summary>
public sealed class CaseService(ProcessEngine engine, CaseSettings settings, TimeProvider time)
{
    /// <summary>Deploys the case-path model (workflows/case-path.bpmn); deploying the same text again is a no-op.</summary>
    public async Task DeployAsync(string bpmnXml, CancellationToken cancellationToken = default) =>
        await engine.DeployAsync(bpmnXml, CaseProcess.Key, cancellationToken);

    public async Task<CaseHandle> StartCaseAsync(CaseIntake intake, string recordedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var caseId = intake.CaseId ?? RecordIds.New(time.GetUtcNow());
        if (intake.CaseId is not null && await engine.FindInstanceAsync(CaseProcess.Key, caseId, cancellationToken) is { } started)
        {
            return new CaseHandle(caseId, started.Id);
        }

        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            [V.CaseId] = caseId,
            [V.Person] = intake.Person.DeepClone(),
            [V.Household] = intake.Household?.DeepClone() ?? new JsonArray(),
            [V.Consent] = intake.Consent,
            [V.ConsentHistory] = new JsonArray(new JsonObject { ["status"] = intake.Consent, ["at"] = Now(), ["by"] = recordedBy, ["scope"] = new JsonArray(), ["evidence"] = null }),
            [V.Sharing] = intake.Consent == CaseProcess.Consent.Granted,
            [V.Window] = intake.Window,
            [V.Route] = intake.Route,
            [V.Area] = intake.Area,
            [V.IntakeAt] = Now(),
            [V.IntakeBy] = recordedBy,
            [V.MultiAgencyInstitution] = settings.MultiAgencyInstitution,
            [V.MonitoringInterval] = settings.MonitoringInterval,
            [V.ReminderBefore] = settings.ReminderBefore,
            [V.MonitoringDue] = null,
        };
        if (intake.ReopenedFrom is not null)
        {
            variables[V.ReopenedFrom] = intake.ReopenedFrom.DeepClone();
        }

        var instanceId = await engine.StartInstanceAsync(CaseProcess.Key, variables, new StartOptions { BusinessKey = caseId, Actor = recordedBy }, cancellationToken);
        return new CaseHandle(caseId, instanceId);
    }

    /// <summary>
    /// Records a consent change with who, when, scope and evidence: granted moves the case to the 重層的支援会議 track;
    /// not granted or withdrawn stops sharing from now on (back to 支援会議). False when no active case has this id.
    /// </summary>
    public Task<bool> RecordConsentAsync(string caseId, ConsentChange change, string recordedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var granted = change.Status == CaseProcess.Consent.Granted;
        return engine.CorrelateMessageAsync(granted ? CaseProcess.Messages.ConsentGranted : CaseProcess.Messages.ConsentWithdrawn, caseId, new Dictionary<string, JsonNode?>
        {
            [V.ConsentChange] = new JsonObject
            {
                ["status"] = change.Status,
                ["at"] = Now(),
                ["by"] = recordedBy,
                ["scope"] = new JsonArray([.. change.Scope.Select(s => JsonValue.Create(s))]),
                ["evidence"] = change.Evidence,
            },
        }, cancellationToken);
    }

    /// <summary>Changes the monitoring interval of a running case; the cycle under way keeps its due date, later ones use the new interval.</summary>
    public Task<bool> ChangeMonitoringIntervalAsync(string caseId, string interval, CancellationToken cancellationToken = default) =>
        engine.CorrelateMessageAsync(CaseProcess.Messages.IntervalChanged, caseId, new Dictionary<string, JsonNode?> { [V.MonitoringInterval] = interval }, cancellationToken);

    /// <summary>Ends the case with 終結 at any point (outside the regular 継続/終結判断), recording the reason and who decided.</summary>
    public Task<bool> CloseAsync(string caseId, string reason, string decidedBy, CancellationToken cancellationToken = default) =>
        EndAsync(caseId, CaseProcess.Judgement.Close, reason, decidedBy, new Dictionary<string, JsonNode?>(), cancellationToken);

    /// <summary>Closes the case as <see cref="CloseAsync(string, string, string, CancellationToken)"/>, taking <paramref name="values"/> in the same step.</summary>
    public Task<bool> CloseAsync(string caseId, string reason, string decidedBy, IReadOnlyDictionary<string, JsonNode?> values, CancellationToken cancellationToken) =>
        EndAsync(caseId, CaseProcess.Judgement.Close, reason, decidedBy, values, cancellationToken);

    /// <summary>Ends the case with 中断, recording the reason and who decided.</summary>
    public Task<bool> SuspendAsync(string caseId, string reason, string decidedBy, CancellationToken cancellationToken = default) =>
        EndAsync(caseId, CaseProcess.Judgement.Suspend, reason, decidedBy, new Dictionary<string, JsonNode?>(), cancellationToken);

    /// <summary>Raises a single-agency case under support to 多機関協働 (トリアージ next); false when the case is not waiting there.</summary>
    public Task<bool> EscalateAsync(string caseId, string reason, string decidedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return engine.CorrelateMessageAsync(CaseProcess.Messages.Escalated, caseId, new Dictionary<string, JsonNode?>
        {
            [V.Escalation] = new JsonObject { ["reason"] = reason, ["by"] = decidedBy, ["at"] = Now() },
        }, cancellationToken);
    }

    /// <summary>
    /// Puts a stored plan version on the case: it completes 支援プラン作成 when that task is open, else it goes in as a
    /// revision (so the next support and monitoring steps and the access rules read it). False when the case has ended.
    /// </summary>
    public async Task<bool> ApplyPlanAsync(string caseId, JsonObject plan, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan["version"] is JsonValue incoming && incoming.TryGetValue<int>(out var version) && await PlanVersionAsync(caseId, cancellationToken) >= version)
        {
            // The case holds this version or a later one: a save of it retried, or racing its own first attempt, changes nothing.
            return await IsActiveAsync(caseId, cancellationToken);
        }

        var values = new Dictionary<string, JsonNode?> { [V.Plan] = plan.DeepClone() };
        return await CompleteOpenTaskAsync(caseId, [CaseProcess.Nodes.Plan], values, actor, cancellationToken)
            || await engine.CorrelateMessageAsync(CaseProcess.Messages.PlanRevised, caseId, values, cancellationToken);
    }

    /// <summary>The version of the plan the case path holds (<c>plan.version</c>); 0 when it holds none or there is no case.</summary>
    public async Task<int> PlanVersionAsync(string caseId, CancellationToken cancellationToken = default) =>
        await engine.FindInstanceAsync(CaseProcess.Key, caseId, cancellationToken) is { } instance
            && instance.Variables.GetValueOrDefault(V.Plan)?["version"] is JsonValue version && version.TryGetValue<int>(out var held) ? held : 0;

    /// <summary>Completes the case's oldest open task at one of <paramref name="nodeIds"/>; false when none is open.</summary>
    public async Task<bool> CompleteOpenTaskAsync(
        string caseId, IReadOnlyCollection<string> nodeIds, IReadOnlyDictionary<string, JsonNode?> values, string actor, CancellationToken cancellationToken = default)
    {
        if (await OpenTaskAsync(caseId, nodeIds, cancellationToken) is not { } open)
        {
            return false;
        }

        await engine.CompleteTaskAsync(open.Id, values, actor, cancellationToken);
        return true;
    }

    /// <summary>The case's oldest open task at one of <paramref name="nodeIds"/>, or null.</summary>
    public async Task<TaskRecord?> OpenTaskAsync(string caseId, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        if (await engine.FindInstanceAsync(CaseProcess.Key, caseId, cancellationToken) is not { } instance)
        {
            return null;
        }

        var tasks = await engine.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id }, cancellationToken);
        return tasks.Where(t => nodeIds.Contains(t.NodeId)).OrderBy(t => t.CreatedAt).FirstOrDefault();
    }

    /// <summary>Whether the case path runs for this case (started and not ended).</summary>
    public async Task<bool> IsActiveAsync(string caseId, CancellationToken cancellationToken = default) =>
        await engine.FindInstanceAsync(CaseProcess.Key, caseId, cancellationToken) is { Status: InstanceStatus.Active };

    /// <summary>
    /// The id of the meeting decision the case's latest step took in (<c>meetingDecision.id</c>), or null: the step and
    /// this id commit together, so it tells whether a decision reached the case.
    /// </summary>
    public async Task<string?> LastMeetingDecisionAsync(string caseId, CancellationToken cancellationToken = default) =>
        await engine.FindInstanceAsync(CaseProcess.Key, caseId, cancellationToken) is { } instance
            && instance.Variables.GetValueOrDefault(V.MeetingDecision) is JsonObject decision
            && decision["id"] is JsonValue id && id.TryGetValue<string>(out var text)
            ? text
            : null;

    /// <summary>Claims an open task of a case for <paramref name="userId"/>, recording why.</summary>
    public async Task ClaimAsync(TaskRecord task, string userId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await engine.ClaimTaskAsync(task.Id, userId, actor, reason, cancellationToken);
    }

    /// <summary>Returns a claimed task to its candidates' inbox, recording why.</summary>
    public async Task UnclaimAsync(TaskRecord task, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await engine.UnclaimTaskAsync(task.Id, actor, reason, cancellationToken);
    }

    /// <summary>Gives a task to another caseworker; the reason goes on the task and into the case's history.</summary>
    public async Task ReassignAsync(TaskRecord task, string userId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await engine.ReassignTaskAsync(task.Id, userId, reason, actor, cancellationToken);
    }

    private Task<bool> EndAsync(
        string caseId, string judgement, string reason, string decidedBy, IReadOnlyDictionary<string, JsonNode?> values, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(values);
        return engine.CorrelateMessageAsync(CaseProcess.Messages.CaseEnded, caseId, new Dictionary<string, JsonNode?>(values)
        {
            [V.Judgement] = judgement,
            [V.JudgementReason] = reason,
            [V.JudgedBy] = decidedBy,
        }, cancellationToken);
    }

    private string Now() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
