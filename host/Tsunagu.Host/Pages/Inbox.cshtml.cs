using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases.Casework;
using Tsunagu.Engine;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>
/// 受付箱: tasks assigned to me, offered to me or to my institution. Filter and sort are in the address (a link keeps
/// them); the rows refresh by themselves (<c>?handler=Rows</c>), so new tasks appear without a reload.
/// </summary>
[Authorize(Policy = Policies.CaseData)]
[AuditedPage("task.list", "受付箱")]
public sealed class InboxModel(CaseDesk desk, ProcessEngine engine) : TsunaguPage
{
    /// <summary>The form field every task's form has today; tasks with their own forms add theirs here.</summary>
    public const string ResultField = "対応結果";

    public IReadOnlyList<TaskRecord> Tasks { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Filter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "created";

    public static IReadOnlyList<(string Value, string Label)> Sorts { get; } = [("created", "受付の古い順"), ("newest", "受付の新しい順"), ("case", "ケース番号順"), ("name", "タスク名順")];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetRowsAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Partial("_InboxRows", this);
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var task = await desk.VisibleTaskAsync(taskId, Caller, cancellationToken);
        await engine.ClaimTaskAsync(task.Id, Caller.Id, Caller.Id, "受付箱で引き受け", cancellationToken);
        return Done($"「{task.Name}」を引き受けました。");
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid taskId, string? result, CancellationToken cancellationToken)
    {
        var task = await desk.VisibleTaskAsync(taskId, Caller, cancellationToken);
        if (task.NodeId == CaseProcess.Nodes.Referral)
        {
            // A referral is answered, not merely completed: completing it here accepts it (support starts here).
            await desk.DecideReferralAsync(task.Id, CaseProcess.ReferralOutcome.Accepted, result, Caller, cancellationToken);
        }
        else
        {
            await desk.CompleteAsync(task.Id, new Dictionary<string, JsonNode?> { [ResultField] = result ?? "" }, Caller, cancellationToken);
        }

        return Done($"「{task.Name}」（{task.BusinessKey}）を完了しました。");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var tasks = (await desk.InboxAsync(Caller, cancellationToken)).AsEnumerable();
        if (!string.IsNullOrWhiteSpace(Filter))
        {
            tasks = tasks.Where(t => new[] { t.Name, t.BusinessKey, t.AssignmentReason }.Any(f => f?.Contains(Filter.Trim(), StringComparison.OrdinalIgnoreCase) == true));
        }

        Tasks = [.. Sort switch
        {
            "newest" => tasks.OrderByDescending(t => t.CreatedAt),
            "case" => tasks.OrderBy(t => t.BusinessKey, StringComparer.Ordinal),
            "name" => tasks.OrderBy(t => t.Name, StringComparer.Ordinal),
            _ => tasks.OrderBy(t => t.CreatedAt),
        }];
    }
}
