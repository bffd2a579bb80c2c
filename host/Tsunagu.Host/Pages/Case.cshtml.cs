using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Notes;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Plans;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Routing;
using Tsunagu.Engine;
using Tsunagu.Engine.Runtime;
using Tsunagu.Host.Security;
using Tsunagu.Rules.Dmn.Model;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Host.Pages;

/// <summary>
/// A case: the person, the timeline, the routing decision with its full explanation and the re-routing the rules
/// propose, consent, the 支援プラン with its versions, the notes (経過記録), the monitoring schedule, open tasks and
/// meetings. A case the caller may not see is the 404 page, as a missing one; the domain decides who may change what.
/// </summary>
[AuditedPage("case.read", "ケースの閲覧")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class CaseModel(
    CaseFiles files, ProcessEngine engine, PackCatalog catalog, ServedPack served, PlanService plans, NoteService notes, CaseRerouting rerouting,
    CaseLifecycle lifecycle, IAccountStore accounts, TimeProvider time) : TsunaguPage
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> NodeNames = new(() =>
        XDocument.Parse(ShippedWorkflows.Get("case-path.bpmn")).Descendants()
            .Where(e => e.Attribute("id") is not null && e.Attribute("name") is not null)
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("name")!.Value, StringComparer.Ordinal));

    private IReadOnlyDictionary<string, string> names = new Dictionary<string, string>(StringComparer.Ordinal);

    public CaseView View { get; private set; } = null!;

    /// <summary>The referrals the routing decided, each with the rules that made it.</summary>
    public IReadOnlyList<Referral>? Referrals { get; private set; }

    /// <summary>Every rule that fired in the routing, in order.</summary>
    public IReadOnlyList<RoutingTraceEntry> Trace { get; private set; } = [];

    public bool MultiAgency { get; private set; }

    public string? MeetingKind { get; private set; }

    /// <summary>The routing table's version hash the case's referrals come from.</summary>
    public string? TableHash { get; private set; }

    /// <summary>The routing table's version number in this installation, when it is one it deployed.</summary>
    public int? TableVersion { get; private set; }

    public IReadOnlyList<HistoryEvent> Timeline { get; private set; } = [];

    /// <summary>Every plan version as the caller may read it, oldest first.</summary>
    public IReadOnlyList<SupportPlan> Plans { get; private set; } = [];

    /// <summary>The plan version shown: the one asked for, else the current one.</summary>
    public SupportPlan? ShownPlan { get; private set; }

    public IReadOnlyList<CaseNote> Notes { get; private set; } = [];

    public string? MonitoringDue { get; private set; }

    public string? MonitoringInterval { get; private set; }

    public string? ReminderBefore { get; private set; }

    /// <summary>When the last reminder before a monitoring review went out, if one did.</summary>
    public string? LastReminder { get; private set; }

    /// <summary>What the rules propose for the case now, or for the change the coordinator asked about; null for others.</summary>
    public ReroutingProposal? Proposal { get; private set; }

    /// <summary>The new concern the proposal is for, when the coordinator asked about one.</summary>
    public (string Subject, string Concern)? ProposedConcern { get; private set; }

    /// <summary>The input a refused form sent, shown again with the message next to the field at fault.</summary>
    public PlanForm? PlanInput { get; private set; }

    public NoteForm? NoteInput { get; private set; }

    /// <summary>Messages for the fields at fault, by form field name (e.g. <c>note.text</c>).</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Why a plan was not saved though its fields were fine (someone saved a version meanwhile).</summary>
    public string? PlanConflict { get; private set; }

    public bool Coordinator => Caller.Roles.Contains(StaffRoles.Coordinator);

    public bool Active => View.Status == nameof(InstanceStatus.Active);

    public SamplePack Pack => served.Current;

    /// <summary>Names a plan may give: every institution and every group of the pack.</summary>
    public IReadOnlyList<string> InstitutionNames =>
        [.. Pack.Institutions.Select(i => i.Name).Concat(Pack.Institutions.Select(i => i.Group).OfType<string>()).Distinct(StringComparer.Ordinal)];

    /// <summary>Places of 参加支援: institutions of the participation and community categories.</summary>
    public IReadOnlyList<string> Places =>
        [.. Pack.Institutions.Where(i => i.Category is InstitutionCategory.Participation or InstitutionCategory.Community).Select(i => i.Name)];

    public IReadOnlyList<StaffAccount> Staff { get; private set; } = [];

    /// <summary>Today in Japan, the day a new note is about unless changed.</summary>
    public string Today => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Display.Tokyo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// What a routing table row is about (its DMN description, e.g. 自立相談支援（1号ニ）), read from the served tables
    /// only when the case was routed by them: another version's row of the same id may say something else.
    /// </summary>
    public string? RowDescription(RoutingTraceEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var routing = Pack.Routing;
        return entry.Table is null || routing.VersionHash != TableHash
            ? null
            : routing.Definitions.Decisions.Where(d => d.Name == entry.Table).Select(d => d.Expression).OfType<DecisionTable>()
                .SelectMany(t => t.Rules).FirstOrDefault(r => r.Id == entry.Rule)?.Description;
    }

    public static string NodeName(string? nodeId) => nodeId is not null && NodeNames.Value.TryGetValue(nodeId, out var name) ? name : nodeId ?? "";

    /// <summary>A member of staff by name; the engine acting on its own (timers, messages) is システム.</summary>
    public string Name(string? staffId) => staffId switch
    {
        null => "—",
        "system" => "システム",
        _ => names.GetValueOrDefault(staffId, staffId),
    };

    public static string ConsentLabel(string? consent) => consent switch
    {
        CaseProcess.Consent.Granted => "同意あり",
        CaseProcess.Consent.NotGranted => "同意なし",
        CaseProcess.Consent.Withdrawn => "同意撤回",
        _ => "未確認",
    };

    public static string EventLabel(HistoryKind kind) => kind switch
    {
        HistoryKind.InstanceStarted => "受付",
        HistoryKind.InstanceCompleted => "終了",
        HistoryKind.TaskCreated => "タスク発生",
        HistoryKind.TaskClaimed => "引受",
        HistoryKind.TaskReassigned => "担当変更",
        HistoryKind.TaskCompleted => "タスク完了",
        HistoryKind.DecisionEvaluated => "判定",
        HistoryKind.EventCaught => "出来事",
        HistoryKind.IncidentCreated => "障害",
        _ => kind.ToString(),
    };

    private static readonly HashSet<HistoryKind> Shown =
    [
        HistoryKind.InstanceStarted, HistoryKind.InstanceCompleted, HistoryKind.TaskCreated, HistoryKind.TaskClaimed, HistoryKind.TaskReassigned,
        HistoryKind.TaskCompleted, HistoryKind.DecisionEvaluated, HistoryKind.EventCaught, HistoryKind.IncidentCreated,
    ];

    /// <summary>Shows the case; <paramref name="plan"/> picks an earlier plan version, <paramref name="subject"/> and <paramref name="concern"/> ask what the rules propose for a new concern.</summary>
    public async Task OnGetAsync(string caseId, int? plan, string? subject, string? concern, CancellationToken cancellationToken)
    {
        ProposedConcern = !string.IsNullOrEmpty(subject) && !string.IsNullOrEmpty(concern) ? (subject, concern) : null;
        await LoadAsync(caseId, plan, cancellationToken);
    }

    public async Task<IActionResult> OnPostConsentAsync(string caseId, string status, string? evidence, CancellationToken cancellationToken)
    {
        await files.RecordConsentAsync(caseId, new ConsentChange(status, [], string.IsNullOrWhiteSpace(evidence) ? null : evidence), Caller, cancellationToken);
        return Done($"同意の状態を「{ConsentLabel(status)}」として記録しました。");
    }

    public async Task<IActionResult> OnPostPlanAsync(string caseId, [FromForm(Name = "plan")] PlanForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            var saved = await plans.SaveAsync(caseId, form.ToContent(), form.BasedOn, Caller, cancellationToken);
            return Done($"支援プラン第{saved.Version}版を保存しました。");
        }
        catch (StaleVersionException stale)
        {
            PlanConflict = $"この支援プランは、開いている間に他の人が更新しました（現在は第{stale.Current}版）。最新の版を確かめてから、もう一度保存してください。";
        }
        catch (CasesException refused) when (refused is CaseInputException or CaseRuleException && refused.Field is not null)
        {
            FieldErrors["plan." + refused.Field] = FieldMessage(refused.Field, refused.Message);
        }

        PlanInput = form;
        await LoadAsync(caseId, null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(string caseId, [FromForm(Name = "note")] NoteForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            await notes.AddAsync(caseId, form.ToNote(), Caller, cancellationToken);
            return Done($"経過記録（{form.Kind}）を追加しました。");
        }
        catch (CaseInputException refused) when (refused.Field is not null)
        {
            FieldErrors["note." + refused.Field] = FieldMessage(refused.Field, refused.Message);
        }

        NoteInput = form;
        await LoadAsync(caseId, null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostIntervalAsync(string caseId, int? count, string? unit, CancellationToken cancellationToken)
    {
        if (!Coordinator)
        {
            return Forbid();
        }

        var interval = string.Create(CultureInfo.InvariantCulture, $"P{count}{unit}");
        await lifecycle.ChangeMonitoringIntervalAsync(caseId, interval, Caller, cancellationToken);
        return Done($"モニタリングの間隔を{Labels.Period(interval)}にしました。次の周期から適用されます。");
    }

    /// <summary>Accepts what the rules propose: for the case as it is, or for the new concern reviewed, with the routing version reviewed.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(string caseId, string? subject, string? concern, string? decisionVersion, CancellationToken cancellationToken)
    {
        if (!Coordinator)
        {
            return Forbid();
        }

        var change = !string.IsNullOrEmpty(subject) && !string.IsNullOrEmpty(concern) ? new CaseChange { NewConcern = (subject, concern) } : new CaseChange();
        await rerouting.AcceptAsync(caseId, change, decisionVersion, Caller, cancellationToken);
        TempData[NoticeKey] = "規則の提案を承認し、紹介先を更新しました。";
        return Redirect($"/cases/{Uri.EscapeDataString(caseId)}");
    }

    private async Task LoadAsync(string caseId, int? planVersion, CancellationToken cancellationToken)
    {
        View = await files.GetAsync(caseId, Caller, cancellationToken);
        Staff = await accounts.ListAsync(cancellationToken);
        names = Staff.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        if (View.Routing is JsonObject routing)
        {
            var result = routing.Deserialize<RoutedCase>(JsonSerializerOptions.Web);
            Referrals = result?.Referrals ?? [];
            Trace = result?.Trace ?? [];
            MultiAgency = result?.MultiAgency == true;
            MeetingKind = result?.Meeting;
            TableHash = result?.DecisionVersion;
        }

        if (await files.FactsAsync(caseId, cancellationToken) is { } found)
        {
            var history = await engine.GetHistoryAsync(found.Instance.Id, cancellationToken);
            Timeline = [.. history.Where(e => Shown.Contains(e.Kind))];
            TableHash ??= history.LastOrDefault(e => e is { Kind: HistoryKind.DecisionEvaluated, NodeId: CaseProcess.Nodes.Routing })?.Data?["version"]?.GetValue<string>();
            var variables = found.Instance.Variables;
            MonitoringDue = Text(variables.GetValueOrDefault(V.MonitoringDue));
            MonitoringInterval = Text(variables.GetValueOrDefault(V.MonitoringInterval));
            ReminderBefore = Text(variables.GetValueOrDefault(V.ReminderBefore));
            LastReminder = Text(variables.GetValueOrDefault(V.MonitoringReminder)?["at"]);
        }

        TableVersion = catalog.RoutingVersions(served.Id).FirstOrDefault(v => v.VersionHash == TableHash)?.Number;
        Plans = await plans.VersionsAsync(caseId, Caller, cancellationToken);
        ShownPlan = Plans.FirstOrDefault(p => p.Version == planVersion) ?? (Plans.Count > 0 ? Plans[^1] : null);
        Notes = await notes.ListAsync(caseId, Caller, cancellationToken);
        if (Coordinator && Active)
        {
            var change = ProposedConcern is { } added ? new CaseChange { NewConcern = added } : new CaseChange();
            try
            {
                Proposal = await rerouting.ProposeAsync(caseId, change, Caller, cancellationToken);
            }
            catch (CaseInputException refused) when (ProposedConcern is not null)
            {
                FieldErrors["newConcern"] = FieldMessage(refused.Field ?? "newConcern", refused.Message);
                ProposedConcern = null;
                Proposal = await rerouting.ProposeAsync(caseId, new CaseChange(), Caller, cancellationToken);
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>What to do about a refused field, in Japanese; the domain's words when the field is not one the pages know.</summary>
    private static string FieldMessage(string field, string fallback) => field[(field.LastIndexOf('.') + 1)..] switch
    {
        "text" => "支援・メモには内容を書いてください（4,000字以内）。",
        "occurredOn" => "日付は今日までの日を入れてください。",
        "method" => "方法（訪問・電話・手紙）を選んでください。",
        "reached" => "会えたかどうかを選んでください。",
        "place" => "参加先を選んでください。",
        "companion" => "付き添いは在籍している職員を選んでください。",
        "lead" => "主担当の機関を選んでください。",
        "goals" => "目標を書いてください（4,000字以内）。",
        "periodFrom" or "periodTo" => "期間の終わりは始まりより後の日にしてください。",
        "reviewOn" => "見直し日は期間内の日にしてください。",
        "roles" => "役割分担を1件以上（30件まで）入れてください。",
        "institution" => "機関を選んでください。",
        "kind" => "役割の種類を選んでください。",
        "task" => "役割の内容を書いてください（1,000字以内）。",
        "subject" => "困りごとのある人を選んでください。",
        "concern" => "困りごとを選んでください。",
        _ => fallback,
    };

    /// <summary>The routing a case records, as the page reads it.</summary>
    private sealed record RoutedCase(IReadOnlyList<Referral>? Referrals, IReadOnlyList<RoutingTraceEntry>? Trace, bool MultiAgency, string? Meeting, string? DecisionVersion);
}

/// <summary>The plan form: dates as the browser sends them (yyyy-MM-dd); an unreadable date is refused for its field.</summary>
public sealed class PlanForm
{
    public int? BasedOn { get; set; }

    public string? Lead { get; set; }

    public string? Goals { get; set; }

    public string? PeriodFrom { get; set; }

    public string? PeriodTo { get; set; }

    public string? ReviewOn { get; set; }

    /// <summary>The role rows; rows left empty are not part of the plan.</summary>
    public IList<RoleRow> Roles { get; init; } = [];

    public PlanContent ToContent() => new(
        Lead ?? "", Goals ?? "", Day(PeriodFrom, "periodFrom"), Day(PeriodTo, "periodTo"), Day(ReviewOn, "reviewOn"),
        [.. Roles.Where(r => !string.IsNullOrWhiteSpace(r.Institution) || !string.IsNullOrWhiteSpace(r.Task)).Select(r => new PlanRole(r.Institution ?? "", r.Kind ?? "", r.Task ?? ""))]);

    internal static DateOnly Day(string? text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw new CaseInputException(field, "A date (yyyy-MM-dd).");
}

public sealed class RoleRow
{
    public string? Institution { get; set; }

    public string? Kind { get; set; }

    public string? Task { get; set; }
}

/// <summary>One kind's note form: each kind posts only its own fields.</summary>
public sealed class NoteForm
{
    public string Kind { get; set; } = "";

    public string? OccurredOn { get; set; }

    public string? Text { get; set; }

    public string? Method { get; set; }

    public string? Reached { get; set; }

    public string? Place { get; set; }

    public string? Companion { get; set; }

    public NewNote ToNote() => new(
        Kind, PlanForm.Day(OccurredOn, "occurredOn"), string.IsNullOrWhiteSpace(Text) ? null : Text, Method,
        Reached switch { "yes" => true, "no" => false, _ => null }, Place, string.IsNullOrEmpty(Companion) ? null : Companion);
}
