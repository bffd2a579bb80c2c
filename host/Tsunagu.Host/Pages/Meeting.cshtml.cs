using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>
/// A meeting for its members and coordinators: a member who has not yet acknowledged the secrecy duty (守秘義務) sees
/// only that step; afterwards the members, the cases discussed, the 情報提供依頼, the minutes (議事録) and the
/// decisions (決定事項), which coordinators record.
/// </summary>
[AuditedPage("meeting.read", "会議の閲覧")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class MeetingModel(MeetingService meetings, IAccountStore accounts) : TsunaguPage
{
    private IReadOnlyDictionary<string, string> names = new Dictionary<string, string>(StringComparer.Ordinal);

    public Meeting Meeting { get; private set; } = null!;

    /// <summary>The caller is a member who must acknowledge before the meeting's cases open.</summary>
    public bool AcknowledgementDue => Meeting.ActiveMember(Caller.Id) is { AcknowledgedAt: null };

    /// <summary>Coordinators hold meetings: they record the minutes and the decisions.</summary>
    public bool Coordinator => Caller.Roles.Contains(StaffRoles.Coordinator);

    /// <summary>Messages for the fields at fault, by form field name.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public string? MinutesInput { get; private set; }

    public string? DecisionNoteInput { get; private set; }

    public string Name(string staffId) => names.GetValueOrDefault(staffId, staffId);

    public static IReadOnlyList<string> DecisionKinds { get; } = [DecisionKind.SupportDecision, DecisionKind.PlanApproval, DecisionKind.MonitoringResult, DecisionKind.Closure];

    public Task OnGetAsync(string meetingId, CancellationToken cancellationToken) => LoadAsync(meetingId, cancellationToken);

    public async Task<IActionResult> OnPostAcknowledgeAsync(string meetingId, CancellationToken cancellationToken)
    {
        await meetings.AcknowledgeAsync(meetingId, Caller, cancellationToken);
        return Done("守秘義務の確認を記録しました。");
    }

    /// <summary>The minutes and who attended: the members ticked present, the others absent.</summary>
    public async Task<IActionResult> OnPostRecordAsync(string meetingId, string? minutes, string[]? present, CancellationToken cancellationToken)
    {
        var meeting = await meetings.GetAsync(meetingId, Caller, cancellationToken);
        var attended = (present ?? []).ToHashSet(StringComparer.Ordinal);
        try
        {
            await meetings.RecordAsync(meetingId, [.. meeting.Members.Where(m => m.Active).Select(m => new Attendance(m.StaffId, attended.Contains(m.StaffId)))], minutes ?? "", Caller, cancellationToken);
            return Done("議事録を記録しました。");
        }
        catch (CaseInputException refused) when (refused.Field == "minutes")
        {
            FieldErrors["minutes"] = "議事録を書いてください（4,000字以内）。";
        }

        MinutesInput = minutes;
        await LoadAsync(meetingId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(string meetingId, string caseId, string kind, int? planVersion, string? note, CancellationToken cancellationToken)
    {
        try
        {
            await meetings.DecideAsync(meetingId, new NewDecision(caseId, kind, planVersion, string.IsNullOrWhiteSpace(note) ? null : note), Caller, cancellationToken);
            return Done($"決定事項（{kind}）を記録しました。");
        }
        catch (CaseInputException refused) when (refused.Field == "note")
        {
            FieldErrors["note"] = "モニタリング結果と終結判断には内容を書いてください（4,000字以内）。";
        }

        DecisionNoteInput = note;
        await LoadAsync(meetingId, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(string meetingId, CancellationToken cancellationToken)
    {
        Meeting = await meetings.GetAsync(meetingId, Caller, cancellationToken);
        names = (await accounts.ListAsync(cancellationToken)).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
    }
}
