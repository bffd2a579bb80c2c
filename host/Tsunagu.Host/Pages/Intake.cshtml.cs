using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>相談受付: records a consultation at a window and starts the case; the routing then decides the referrals.</summary>
[Authorize(Policy = Policies.CaseData)]
[AuditedPage("case.start", "相談受付")]
public sealed class IntakeModel(CaseDesk desk, ServedPack served) : TsunaguPage
{
    public static IReadOnlyList<(string Code, string Label)> Disabilities { get; } =
        [("none", "なし"), ("physical", "身体"), ("intellectual", "知的"), ("mental", "精神"), ("developmental", "発達")];

    public static IReadOnlyList<(string Code, string Label)> Consents { get; } =
        [("unknown", "未確認"), ("granted", "同意あり"), ("not-granted", "同意なし")];

    public SamplePack Pack => served.Current;

    public string Window => Caller.Institution;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(
        string? window, int? age, string? area, string? disability, string[]? concerns, string? consent, CancellationToken cancellationToken)
    {
        var person = new JsonObject { ["age"] = age, ["disability"] = disability ?? "none", ["concerns"] = new JsonArray([.. (concerns ?? []).Select(c => (JsonNode?)c)]) };
        if (!string.IsNullOrEmpty(area))
        {
            person["area"] = area;
        }

        var consultation = new JsonObject { ["municipality"] = Pack.Municipality.Id, ["person"] = person.DeepClone(), ["household"] = new JsonArray(), ["consent"] = consent ?? "unknown" };
        var request = RoutingRequestReader.Read(JsonSerializer.SerializeToElement(consultation));
        var handle = await desk.StartCaseAsync(request, person, [], string.IsNullOrEmpty(window) ? null : window, null, null, Caller, null, cancellationToken);
        TempData[NoticeKey] = "相談を受け付けました。";
        return Redirect($"/cases/{Uri.EscapeDataString(handle.CaseId)}");
    }
}
