using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Indicators;
using Tsunagu.Cases.Plans;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Cases.Privacy;

/// <summary>What a coordinator asks for: a meeting of a kind, on a date, about cases, with members.</summary>
public sealed record NewMeeting(string Kind, DateOnly Date, IReadOnlyList<string> CaseIds, IReadOnlyList<string> Members);

/// <summary>A decision to record: about which case on the agenda, its kind, the plan version approved, the note or evaluation.</summary>
public sealed record NewDecision(string CaseId, string Kind, int? PlanVersion = null, string? Note = null);

/// <summary>
/// Meetings and their secrecy duty: coordinators hold them; a 重層的支援会議 discusses only cases whose person
/// consented; each member acknowledges the duty (守秘義務) once per meeting before its case data opens; a removed
/// member loses access at once; a 支援会議 records 情報提供依頼 and their answers.
/// </summary>
public sealed class MeetingService(
    IMeetingStore meetings, IAccountStore accounts, CaseFiles cases, IPlanStore plans, CaseService casePath, ICaseRegister register, TimeProvider time)
{
    private const int MaxCases = 100;
    private const int MaxMembers = 100;

    /// <summary>Tries of a meeting write that keeps losing to concurrent writes of the same meeting before giving up (409).</summary>
    private const int MaxAttempts = 5;

    /// <summary>The outcome an audit record of a successful change carries.</summary>
    private const int Succeeded = 200;

    public async Task<Meeting> CreateAsync(NewMeeting request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireCoordinator(caller);
        if (!MeetingKind.All.Contains(request.Kind))
        {
            throw new CaseInputException("kind", $"'{request.Kind}' is not one of {string.Join(", ", MeetingKind.All)}.");
        }

        if (request.CaseIds.Count is 0 or > MaxCases || request.Members.Count is 0 or > MaxMembers)
        {
            throw new CaseInputException(request.CaseIds.Count is 0 or > MaxCases ? "caseIds" : "members", $"Between 1 and {MaxCases} cases and 1 and {MaxMembers} members.");
        }

        foreach (var caseId in request.CaseIds.Distinct(StringComparer.Ordinal))
        {
            var found = await cases.FactsAsync(caseId, cancellationToken) ?? throw new CaseRuleException("caseIds", $"There is no case '{caseId}'.");
            if (request.Kind == MeetingKind.Jusou && !found.Facts.Sharing)
            {
                throw new CaseRuleException("caseIds", $"Case '{caseId}' has no granted consent to sharing, so a 重層的支援会議 may not discuss it (use a 支援会議).");
            }
        }

        foreach (var member in request.Members.Distinct(StringComparer.Ordinal))
        {
            if (await accounts.FindAsync(member, cancellationToken) is not { Disabled: false })
            {
                throw new CaseRuleException("members", $"There is no active account '{member}'.");
            }
        }

        var meeting = new Meeting
        {
            Id = Guid.NewGuid().ToString("N"),
            Kind = request.Kind,
            Date = request.Date,
            CreatedBy = caller.Id,
            CaseIds = [.. request.CaseIds.Distinct(StringComparer.Ordinal)],
            Members = [.. request.Members.Distinct(StringComparer.Ordinal).Select(m => new MeetingMember(m, null, null))],
        };
        await meetings.AddMeetingAsync(meeting, cancellationToken);
        return meeting;
    }

    /// <summary>The meeting, for its coordinators and active members; anyone else gets "not found".</summary>
    public async Task<Meeting> GetAsync(string meetingId, Caller caller, CancellationToken cancellationToken) =>
        Visible(await meetings.FindMeetingAsync(meetingId, cancellationToken) ?? throw NotFound(meetingId), caller);

    /// <summary>The caller, an active member, acknowledges the meeting's secrecy duty (recorded with the time; once is enough).</summary>
    public Task<Meeting> AcknowledgeAsync(string meetingId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ChangeAsync(
            meetingId,
            meeting =>
            {
                var member = meeting.ActiveMember(caller.Id) ?? throw NotFound(meetingId);
                return member.AcknowledgedAt is not null
                    ? meeting
                    : meeting with { Members = [.. meeting.Members.Select(m => m == member ? m with { AcknowledgedAt = time.GetUtcNow() } : m)] };
            },
            cancellationToken);
    }

    /// <summary>Revokes a member's access at once (their next request no longer sees the meeting or, through it, its cases).</summary>
    public Task<Meeting> RemoveMemberAsync(string meetingId, string staffId, Caller caller, CancellationToken cancellationToken) => ChangeAsync(
        meetingId,
        meeting =>
        {
            Visible(meeting, caller);
            RequireCoordinator(caller);
            var member = meeting.ActiveMember(staffId) ?? throw new CaseNotFoundException($"'{staffId}' is not a member of meeting '{meetingId}'.");
            return meeting with { Members = [.. meeting.Members.Select(m => m == member ? m with { RemovedAt = time.GetUtcNow() } : m)] };
        },
        cancellationToken);

    /// <summary>情報提供依頼: a 支援会議 asks a named institution for information; the answer is added later.</summary>
    public async Task<InformationRequest> RequestInformationAsync(string meetingId, string institution, string request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var added = new InformationRequest(Guid.NewGuid().ToString("N"), institution, request, caller.Id, time.GetUtcNow(), null, null);
        await ChangeAsync(
            meetingId,
            meeting =>
            {
                Acknowledged(meeting, caller);
                if (meeting.Kind != MeetingKind.Shien)
                {
                    throw new CaseRuleException("meetingId", "情報提供依頼 belongs to a 支援会議 (社会福祉法第106条の6第2項).");
                }

                Required(institution, "institution");
                Required(request, "request");
                return meeting with { InformationRequests = [.. meeting.InformationRequests, added] };
            },
            cancellationToken);
        return added;
    }

    /// <summary>Records the answer to a request; it becomes part of the meeting record.</summary>
    public async Task<InformationRequest> AnswerAsync(string meetingId, string requestId, string answer, Caller caller, CancellationToken cancellationToken)
    {
        var changed = await ChangeAsync(
            meetingId,
            meeting =>
            {
                Acknowledged(meeting, caller);
                Required(answer, "answer");
                var request = meeting.InformationRequests.FirstOrDefault(r => r.Id == requestId) ?? throw new CaseNotFoundException($"No request '{requestId}' in meeting '{meetingId}'.");
                if (request.Answer is not null)
                {
                    throw new CaseRuleException("requestId", "The request is answered already.");
                }

                var answered = request with { Answer = answer, AnsweredAt = time.GetUtcNow() };
                return meeting with { InformationRequests = [.. meeting.InformationRequests.Select(r => r == request ? answered : r)] };
            },
            cancellationToken);
        return changed.InformationRequests.Single(r => r.Id == requestId);
    }

    /// <summary>The meeting's record: who attended (members only) and the minutes. Coordinators.</summary>
    public Task<Meeting> RecordAsync(string meetingId, IReadOnlyList<Attendance> attendance, string minutes, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attendance);
        return ChangeAsync(
            meetingId,
            meeting =>
            {
                Visible(meeting, caller);
                RequireCoordinator(caller);
                Required(minutes, "minutes");
                var stranger = attendance.Select((a, i) => (a, i)).FirstOrDefault(p => meeting.ActiveMember(p.a.StaffId) is null);
                if (stranger.a is not null)
                {
                    throw new CaseInputException($"attendance[{stranger.i}].staffId", $"'{stranger.a.StaffId}' is not a member of the meeting.");
                }

                return meeting with { Attendance = [.. attendance.DistinctBy(a => a.StaffId)], Minutes = minutes };
            },
            cancellationToken);
    }

    /// <summary>
    /// Records a decision about a case on the agenda and drives the case path by it: プラン承認 (重層的支援会議 only, the
    /// current plan version) approves the plan and completes the meeting step; 支援決定 completes the meeting step;
    /// モニタリング結果 completes the open monitoring review; 終結判断 closes the case with the evaluation. Coordinators.
    /// The decision is written pending first, then applied to the case, then marked done; every step can be redone, so
    /// an interruption anywhere is finished later with the same outcome (ADR 0025).
    /// </summary>
    public async Task<MeetingDecision> DecideAsync(string meetingId, NewDecision decision, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var meeting = await GetAsync(meetingId, caller, cancellationToken);
        RequireCoordinator(caller);
        if (!DecisionKind.All.Contains(decision.Kind))
        {
            throw new CaseInputException("kind", $"'{decision.Kind}' is not one of {string.Join(", ", DecisionKind.All)}.");
        }

        if (decision.Note is not null || decision.Kind is DecisionKind.MonitoringResult or DecisionKind.Closure)
        {
            Required(decision.Note ?? "", "note");
        }

        if (!meeting.CaseIds.Contains(decision.CaseId))
        {
            throw new CaseRuleException("caseId", $"Case '{decision.CaseId}' is not on the meeting's agenda.");
        }

        // An interrupted earlier decision about the case goes first, so the case takes decisions in the order they were made.
        foreach (var (heldBy, interrupted) in Pending(await meetings.MeetingsForCaseAsync(decision.CaseId, cancellationToken), d => d.CaseId == decision.CaseId))
        {
            await FinishPendingAsync(heldBy, interrupted, cancellationToken);
        }

        await RefuseAsync(meeting, decision, cancellationToken);
        var recorded = new MeetingDecision(
            Guid.NewGuid().ToString("N"), decision.CaseId, decision.Kind, decision.PlanVersion, decision.Note, caller.Id, time.GetUtcNow(), Pending: true);
        await ChangeAsync(meetingId, m => Visible(m, caller) with { Decisions = [.. m.Decisions, recorded] }, cancellationToken);
        return await FinishAsync(meeting, recorded, cancellationToken);
    }

    /// <summary>
    /// The decisions an interruption left pending (a crash or a failed write between recording a decision and marking
    /// it done) that were recorded at or before <paramref name="recordedBy"/>, oldest first: a later one may belong to
    /// a request still finishing it.
    /// </summary>
    public async Task<IReadOnlyList<(Meeting Meeting, MeetingDecision Decision)>> PendingDecisionsAsync(DateTimeOffset recordedBy, CancellationToken cancellationToken) =>
        Pending(await meetings.MeetingsWithPendingDecisionsAsync(cancellationToken), d => d.RecordedAt <= recordedBy);

    /// <summary>
    /// Finishes a pending decision; false when the case no longer took it, so it was withdrawn and neither change stands.
    /// The redo is audited as the system's on the decision's behalf, whichever request or sweep comes upon it.
    /// </summary>
    public async Task<bool> FinishPendingAsync(Meeting meeting, MeetingDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        using var redo = AuditScope.Begin(caseId => new AuditRecord(
            time.GetUtcNow(), "system", "", "meeting.decision.resume", caseId, caseId is null ? meeting.Id : null, Succeeded, "中断した会議の決定の反映"));
        try
        {
            await FinishAsync(meeting, decision, cancellationToken);
            return true;
        }
        catch (CaseRuleException)
        {
            return false;
        }
    }

    private static IReadOnlyList<(Meeting Meeting, MeetingDecision Decision)> Pending(IReadOnlyList<Meeting> held, Func<MeetingDecision, bool> which) =>
        [.. held.SelectMany(m => m.Decisions.Where(d => d.Pending && which(d)).Select(d => (m, d))).OrderBy(p => p.d.RecordedAt)];

    /// <summary>The refusals a decision meets before anything is written: what the case path and the plan allow now.</summary>
    private async Task RefuseAsync(Meeting meeting, NewDecision decision, CancellationToken cancellationToken)
    {
        switch (decision.Kind)
        {
            case DecisionKind.PlanApproval:
                if (meeting.Kind != MeetingKind.Jusou)
                {
                    throw new CaseRuleException("kind", "A plan is approved by a 重層的支援会議.");
                }

                var current = (await plans.PlansAsync(decision.CaseId, cancellationToken)) is [.., var last] ? last.Version : 0;
                if (decision.PlanVersion is not { } version || version != current)
                {
                    throw new CaseRuleException("planVersion", current == 0 ? "The case has no plan yet." : $"Approve the current plan version, {current}.");
                }

                break;
            case DecisionKind.MonitoringResult when await casePath.OpenTaskAsync(decision.CaseId, [CaseProcess.Nodes.Monitoring], cancellationToken) is null:
                throw new CaseRuleException("kind", "The case has no open monitoring review.");
            case DecisionKind.Closure when !await casePath.IsActiveAsync(decision.CaseId, cancellationToken):
                throw new CaseRuleException("caseId", "The case has ended already.");
        }
    }

    /// <summary>Applies a pending decision to the case and marks it done; a refusal withdraws it from the meeting.</summary>
    private async Task<MeetingDecision> FinishAsync(Meeting meeting, MeetingDecision decision, CancellationToken cancellationToken)
    {
        try
        {
            await ApplyAsync(meeting, decision, cancellationToken);
        }
        catch (CaseRuleException)
        {
            await ReplaceAsync(meeting.Id, decision, null, cancellationToken);
            throw;
        }

        var done = decision with { Pending = false };
        await ReplaceAsync(meeting.Id, decision, done, cancellationToken);
        return done;
    }

    /// <summary>
    /// The decision's change to the case, safe to redo: the case step carries the decision's id, so a step that already
    /// took it is not taken again (a refused step is looked at once more: another host's redo may have just taken it);
    /// the plan approval and the register's end are writes that repeat to the same row.
    /// </summary>
    private async Task ApplyAsync(Meeting meeting, MeetingDecision decision, CancellationToken cancellationToken)
    {
        if (await casePath.LastMeetingDecisionAsync(decision.CaseId, cancellationToken) != decision.Id
            && await StepAsync(meeting, decision, cancellationToken) is { } refused
            && await casePath.LastMeetingDecisionAsync(decision.CaseId, cancellationToken) != decision.Id)
        {
            throw refused;
        }

        if (decision.Kind == DecisionKind.Closure)
        {
            await register.EndedAsync(decision.CaseId, CaseEnd.Closed, decision.RecordedAt, cancellationToken);
        }
    }

    /// <summary>Takes the decision's step on the case path; the refusal when the case does not take it.</summary>
    private async Task<CaseRuleException?> StepAsync(Meeting meeting, MeetingDecision decision, CancellationToken cancellationToken)
    {
        var caseId = decision.CaseId;
        var values = new Dictionary<string, JsonNode?>
        {
            [CaseProcess.Variables.MeetingDecision] = new JsonObject
            {
                ["id"] = decision.Id, ["meetingId"] = meeting.Id, ["kind"] = decision.Kind, ["planVersion"] = decision.PlanVersion, ["note"] = decision.Note,
            },
        };
        switch (decision.Kind)
        {
            case DecisionKind.PlanApproval:
                await plans.ApprovePlanAsync(caseId, decision.PlanVersion!.Value, new PlanApproval(meeting.Id, meeting.Date, decision.RecordedBy), cancellationToken);
                await casePath.CompleteOpenTaskAsync(caseId, [CaseProcess.Nodes.MeetingJusou], values, decision.RecordedBy, cancellationToken);
                return null;
            case DecisionKind.SupportDecision:
                await casePath.CompleteOpenTaskAsync(caseId, [CaseProcess.Nodes.MeetingJusou, CaseProcess.Nodes.MeetingShien], values, decision.RecordedBy, cancellationToken);
                return null;
            case DecisionKind.MonitoringResult:
                values["monitoringResult"] = decision.Note;
                return await casePath.CompleteOpenTaskAsync(caseId, [CaseProcess.Nodes.Monitoring], values, decision.RecordedBy, cancellationToken)
                    ? null
                    : new CaseRuleException("kind", "The case has no open monitoring review.");
            default:
                return await casePath.CloseAsync(caseId, decision.Note!, decision.RecordedBy, values, cancellationToken)
                    ? null
                    : new CaseRuleException("caseId", "The case has ended already.");
        }
    }

    /// <summary>Puts <paramref name="replacement"/> (none: nothing) in place of a decision on the meeting's current record.</summary>
    private Task<Meeting> ReplaceAsync(string meetingId, MeetingDecision decision, MeetingDecision? replacement, CancellationToken cancellationToken) => ChangeAsync(
        meetingId,
        current => current.Decisions.Any(d => d.Id == decision.Id)
            ? current with { Decisions = [.. current.Decisions.Where(d => d.Id != decision.Id || replacement is not null).Select(d => d.Id == decision.Id ? replacement! : d)] }
            : current,
        cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the meeting's current record and writes it (unless it returns the record
    /// itself: nothing to change). The change checks what it needs on the record it is given, so when another write came
    /// first it is re-applied, checks and all, on the newer record, up to <see cref="MaxAttempts"/> times.
    /// </summary>
    private async Task<Meeting> ChangeAsync(string meetingId, Func<Meeting, Meeting> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await meetings.FindMeetingAsync(meetingId, cancellationToken) ?? throw NotFound(meetingId);
            var changed = change(current);
            if (ReferenceEquals(changed, current))
            {
                return current;
            }

            if (await meetings.UpdateMeetingAsync(changed, cancellationToken))
            {
                return changed with { Revision = current.Revision + 1 };
            }

            if (attempt == MaxAttempts)
            {
                throw new ConcurrencyConflictException($"Meeting '{meetingId}' was changed by others {MaxAttempts} times while this change was being written; try again.");
            }
        }
    }

    /// <summary>The meeting, for its coordinators and active members; anyone else gets "not found".</summary>
    private static Meeting Visible(Meeting meeting, Caller caller) => CaseAccess.MaySeeMeeting(caller, meeting) ? meeting : throw NotFound(meeting.Id);

    /// <summary>The meeting, for a coordinator or a member who acknowledged the duty.</summary>
    private static void Acknowledged(Meeting meeting, Caller caller)
    {
        Visible(meeting, caller);
        if (!caller.Roles.Contains(StaffRoles.Coordinator) && meeting.ActiveMember(caller.Id)?.AcknowledgedAt is null)
        {
            throw new AcknowledgementRequiredException(meeting.Id, "Acknowledge the secrecy duty (守秘義務) of the meeting first.");
        }
    }

    private static void RequireCoordinator(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.Roles.Contains(StaffRoles.Coordinator))
        {
            throw new CaseNotFoundException("Only coordinators hold meetings.");
        }
    }

    private static void Required(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 4000)
        {
            throw new CaseInputException(field, "Required, at most 4,000 characters.");
        }
    }

    private static CaseNotFoundException NotFound(string meetingId) => new($"No meeting '{meetingId}'.");
}
