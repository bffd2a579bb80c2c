using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Routing;
using Tsunagu.Engine;
using Tsunagu.Engine.Runtime;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>
/// A case: the person, the timeline, the routing decision with the rules that fired and the table version, consent
/// with grant and withdraw, open tasks and meetings. A case the caller may not see is the 404 page, as a missing one.
/// </summary>
[AuditedPage("case.read", "ケースの閲覧")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class CaseModel(CaseFiles files, ProcessEngine engine, PackCatalog catalog, ServedPack served) : TsunaguPage
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> NodeNames = new(() =>
        XDocument.Parse(ShippedWorkflows.Get("case-path.bpmn")).Descendants()
            .Where(e => e.Attribute("id") is not null && e.Attribute("name") is not null)
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("name")!.Value, StringComparer.Ordinal));

    public CaseView View { get; private set; } = null!;

    /// <summary>The referrals the routing decided, each with the rules that made it.</summary>
    public IReadOnlyList<Referral>? Referrals { get; private set; }

    public bool MultiAgency { get; private set; }

    public string? MeetingKind { get; private set; }

    /// <summary>The routing table's version hash as the routing task recorded it.</summary>
    public string? TableHash { get; private set; }

    /// <summary>The routing table's version number in this installation, when it is one it deployed.</summary>
    public int? TableVersion { get; private set; }

    public IReadOnlyList<HistoryEvent> Timeline { get; private set; } = [];

    public static string NodeName(string? nodeId) => nodeId is not null && NodeNames.Value.TryGetValue(nodeId, out var name) ? name : nodeId ?? "";

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

    public async Task OnGetAsync(string caseId, CancellationToken cancellationToken)
    {
        View = await files.GetAsync(caseId, Caller, cancellationToken);
        if (View.Routing is JsonObject routing)
        {
            Referrals = routing["referrals"].Deserialize<IReadOnlyList<Referral>>(JsonSerializerOptions.Web) ?? [];
            MultiAgency = routing["multiAgency"]?.GetValue<bool>() == true;
            MeetingKind = routing["meeting"]?.GetValue<string>();
        }

        if (await files.FactsAsync(caseId, cancellationToken) is { } found)
        {
            var history = await engine.GetHistoryAsync(found.Instance.Id, cancellationToken);
            Timeline = [.. history.Where(e => Shown.Contains(e.Kind))];
            TableHash = history.LastOrDefault(e => e is { Kind: HistoryKind.DecisionEvaluated, NodeId: CaseProcess.Nodes.Routing })?.Data?["version"]?.GetValue<string>();
            TableVersion = catalog.RoutingVersions(served.Id).FirstOrDefault(v => v.VersionHash == TableHash)?.Number;
        }
    }

    public async Task<IActionResult> OnPostConsentAsync(string caseId, string status, string? evidence, CancellationToken cancellationToken)
    {
        await files.RecordConsentAsync(caseId, new ConsentChange(status, [], string.IsNullOrWhiteSpace(evidence) ? null : evidence), Caller, cancellationToken);
        return Done($"同意の状態を「{ConsentLabel(status)}」として記録しました。");
    }
}
