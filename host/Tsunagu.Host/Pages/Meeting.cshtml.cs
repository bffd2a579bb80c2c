using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>
/// A meeting for its members and coordinators: a member who has not yet acknowledged the secrecy duty (守秘義務) sees
/// only that step; afterwards the members, the cases discussed and the 情報提供依頼.
/// </summary>
[AuditedPage("meeting.read", "会議の閲覧")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class MeetingModel(MeetingService meetings) : TsunaguPage
{
    public Meeting Meeting { get; private set; } = null!;

    /// <summary>The caller is a member who must acknowledge before the meeting's cases open.</summary>
    public bool AcknowledgementDue => Meeting.ActiveMember(Caller.Id) is { AcknowledgedAt: null };

    public async Task OnGetAsync(string meetingId, CancellationToken cancellationToken) =>
        Meeting = await meetings.GetAsync(meetingId, Caller, cancellationToken);

    public async Task<IActionResult> OnPostAcknowledgeAsync(string meetingId, CancellationToken cancellationToken)
    {
        await meetings.AcknowledgeAsync(meetingId, Caller, cancellationToken);
        return Done("守秘義務の確認を記録しました。");
    }
}
