using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases;
using Tsunagu.Cases.Casework;
using Tsunagu.Engine;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>
/// 受付箱: tasks assigned to me, offered to me or to my institution, with their due dates. Filter and sort are in the
/// address (a link keeps them); the rows refresh by themselves (<c>?handler=Rows</c>), so new tasks appear without a
/// reload. A task is completed with its own form (by its form key); values the form refuses come back next to their
/// fields and nothing is completed.
/// </summary>
[Authorize(Policy = Policies.CaseData)]
[AuditedPage("task.list", "受付箱")]
public sealed class InboxModel(CaseDesk desk, ProcessEngine engine, TaskForms forms, TaskDueDates dueDates) : TsunaguPage
{
    /// <summary>Posted form values are named with this prefix, apart from the page's own fields.</summary>
    public const string ValuePrefix = "value.";

    public IReadOnlyList<TaskRecord> Tasks { get; private set; } = [];

    /// <summary>The names of the tasks in my inbox, for the task filter.</summary>
    public IReadOnlyList<string> TaskNames { get; private set; } = [];

    public IReadOnlyDictionary<Guid, TaskDue> Due { get; private set; } = new Dictionary<Guid, TaskDue>();

    [BindProperty(SupportsGet = true)]
    public string? Filter { get; set; }

    [BindProperty(SupportsGet = true, Name = "task")]
    public string? TaskName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Scope { get; set; } = "all";

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "created";

    /// <summary>The task whose form came back refused, its values and the reason per field.</summary>
    public Guid? RefusedTask { get; private set; }

    public IReadOnlyDictionary<string, string?> RefusedValues { get; private set; } = new Dictionary<string, string?>();

    public IReadOnlyDictionary<string, string> FieldErrors { get; private set; } = new Dictionary<string, string>();

    public static IReadOnlyList<(string Value, string Label)> Sorts { get; } =
        [("created", "受付の古い順"), ("newest", "受付の新しい順"), ("due", "期限の近い順"), ("case", "ケース番号順"), ("name", "タスク名順")];

    public static IReadOnlyList<(string Value, string Label)> Scopes { get; } = [("all", "すべて"), ("mine", "自分が担当"), ("institution", "所属機関宛て（未引受）")];

    public string RowsAddress => $"/inbox?handler=Rows&filter={Uri.EscapeDataString(Filter ?? "")}&task={Uri.EscapeDataString(TaskName ?? "")}&scope={Uri.EscapeDataString(Scope)}&sort={Uri.EscapeDataString(Sort)}";

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

    public async Task<IActionResult> OnPostCompleteAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var task = await desk.VisibleTaskAsync(taskId, Caller, cancellationToken);
        var posted = Request.Form.Where(f => f.Key.StartsWith(ValuePrefix, StringComparison.Ordinal))
            .ToDictionary(f => f.Key[ValuePrefix.Length..], f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        Dictionary<string, System.Text.Json.Nodes.JsonNode?> values;
        try
        {
            values = forms.Read(TaskForms.For(task), posted);
        }
        catch (TaskFormException refused)
        {
            (RefusedTask, RefusedValues, FieldErrors) = (task.Id, posted, refused.Errors);
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (task.NodeId == CaseProcess.Nodes.Referral)
        {
            // A referral is answered, not merely completed: completing it here accepts it (support starts here).
            await desk.DecideReferralAsync(task.Id, CaseProcess.ReferralOutcome.Accepted, (string?)values.Values.FirstOrDefault(), Caller, cancellationToken);
        }
        else
        {
            await desk.CompleteAsync(task.Id, values, Caller, cancellationToken);
        }

        return Done($"「{task.Name}」（{task.BusinessKey}）を完了しました。");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // The page filters and sorts in the browser's view of one large page.
        var inbox = (await desk.InboxAsync(Caller, null, Paging.MaxLimit, cancellationToken)).Items;
        TaskNames = [.. inbox.Select(t => t.Name).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Due = dueDates.For(inbox);
        var tasks = inbox.Where(t => Scope switch
        {
            "mine" => t.Assignee == Caller.Id,
            "institution" => t.Assignee is null,
            _ => true,
        });
        if (!string.IsNullOrWhiteSpace(TaskName))
        {
            tasks = tasks.Where(t => t.Name == TaskName);
        }

        if (!string.IsNullOrWhiteSpace(Filter))
        {
            tasks = tasks.Where(t => new[] { t.Name, t.BusinessKey, t.AssignmentReason }.Concat(t.CandidateInstitutions)
                .Any(f => f?.Contains(Filter.Trim(), StringComparison.OrdinalIgnoreCase) == true));
        }

        Tasks = [.. Sort switch
        {
            "newest" => tasks.OrderByDescending(t => t.CreatedAt),
            "due" => tasks.OrderBy(t => Due.TryGetValue(t.Id, out var due) ? due.At : DateTimeOffset.MaxValue).ThenBy(t => t.CreatedAt),
            "case" => tasks.OrderBy(t => t.BusinessKey, StringComparer.Ordinal),
            "name" => tasks.OrderBy(t => t.Name, StringComparer.Ordinal),
            _ => tasks.OrderBy(t => t.CreatedAt),
        }];
    }
}
