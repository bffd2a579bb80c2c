using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Privacy;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>管理: accounts, the served pack's institutions, meeting membership, the audit chain check and "who saw this case".</summary>
[Authorize(Policy = Policies.Admin)]
[AuditedPage("admin.read", "管理：アカウント・監査")]
public sealed class AdminModel(AccountService accounts, IAccountStore accountStore, IMeetingStore meetings, IAuditStore audit, ServedPack served) : TsunaguPage
{
    /// <summary>How many meetings the membership list shows (the latest dates).</summary>
    private const int MeetingsShown = 50;

    /// <summary>How many audit entries "who saw this case" lists.</summary>
    private const int AuditShown = 500;

    [BindProperty(SupportsGet = true)]
    public string? CaseId { get; set; }

    public IReadOnlyList<StaffAccount> Accounts { get; private set; } = [];

    public SamplePack Pack { get; private set; } = null!;

    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];

    /// <summary>The audit entries of <see cref="CaseId"/>, newest first; null when no case was asked for.</summary>
    public IReadOnlyList<AuditEntry>? CaseAudit { get; private set; }

    /// <summary>The result of the audit chain check, when it was asked for.</summary>
    public (AuditEntry? Broken, long Checked)? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnGetVerifyAsync(CancellationToken cancellationToken)
    {
        Verification = await AuditVerifier.VerifyAsync(audit, cancellationToken);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(
        string id, string name, string? institution, string? area, string[] roles, string password, CancellationToken cancellationToken)
    {
        await accounts.CreateAsync(
            new StaffAccount { Id = id.Trim(), Name = name.Trim(), Institution = Blank(institution), Area = Blank(area), Roles = roles }, password, cancellationToken);
        return Done($"アカウント {id.Trim()} を作成しました。");
    }

    public async Task<IActionResult> OnPostDisableAsync(string accountId, bool disabled, CancellationToken cancellationToken)
    {
        await accounts.SetDisabledAsync(accountId, disabled, cancellationToken);
        return Done(disabled ? $"アカウント {accountId} を無効にしました。" : $"アカウント {accountId} を有効にしました。");
    }

    public async Task<IActionResult> OnPostPasswordAsync(string accountId, string password, CancellationToken cancellationToken)
    {
        await accounts.ResetPasswordAsync(accountId, password, cancellationToken);
        return Done($"アカウント {accountId} のパスワードを再設定し、ロックを解除しました。");
    }

    /// <summary>An audit entry's outcome (the HTTP status it ended with) in words.</summary>
    public static string OutcomeLabel(int status) => status switch
    {
        < 300 => "許可",
        401 or 403 => "拒否",
        404 => "該当なし（または権限なし）",
        _ => $"エラー（{status}）",
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Accounts = [.. (await accountStore.ListAsync(cancellationToken)).OrderBy(a => a.Id, StringComparer.Ordinal)];
        Pack = served.Current;
        Meetings = await meetings.RecentMeetingsAsync(MeetingsShown, cancellationToken);
        if (Blank(CaseId) is { } caseId)
        {
            CaseAudit = [.. (await audit.ReadAuditAsync(0, int.MaxValue, caseId, cancellationToken)).Reverse().Take(AuditShown)];
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The account's name for a staff id, or the id when there is no such account.</summary>
    public string NameOf(string staffId) => Accounts.FirstOrDefault(a => a.Id == staffId)?.Name ?? staffId;
}
