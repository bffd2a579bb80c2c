using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Engine;
using Tsunagu.Host.Security;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Host.Pages;

/// <summary>
/// The designer for the served pack: the routing tables in dmn-js with 試算 and deployment as a new version, and the
/// case path in bpmn-js with the server's validation shown on the elements. The scripts post XML with the antiforgery
/// token; answers are JSON, refusals 422 with the reasons (and the element each concerns).
/// </summary>
[Authorize(Policy = Policies.Admin)]
[AuditedPage("designer", "プロセス・ルーティング規則の設計")]
public sealed class DesignerModel(PackCatalog catalog, ServedPack served, RoutingTrial trial) : TsunaguPage
{
    public const string CaseProcessFile = "case-path.bpmn";

    public string RoutingXml { get; private set; } = "";

    public string ProcessXml { get; private set; } = "";

    public IReadOnlyList<RoutingVersion> Versions { get; private set; } = [];

    public string MunicipalityName => served.Current.Municipality.Name;

    public void OnGet()
    {
        RoutingXml = Encoding.UTF8.GetString(catalog.RoutingDocument(served.Id));
        ProcessXml = ShippedWorkflows.Get(CaseProcessFile);
        Versions = catalog.RoutingVersions(served.Id);
    }

    /// <summary>試算 of the posted draft over the last <paramref name="cases"/> cases.</summary>
    public async Task<IActionResult> OnPostTrialAsync(int cases, CancellationToken cancellationToken)
    {
        var draft = await BodyAsync(cancellationToken);
        return await RefusedOrAsync(async () => new JsonResult(await trial.RunAsync(new MemoryStream(draft, writable: false), cases, cancellationToken)));
    }

    /// <summary>Deploys the posted routing model as a new version (the same checks as the API's deployment).</summary>
    public async Task<IActionResult> OnPostDeployAsync(CancellationToken cancellationToken)
    {
        var draft = await BodyAsync(cancellationToken);
        return await RefusedOrAsync(() =>
        {
            var pack = catalog.DeployRouting(served.Id, draft);
            var version = catalog.RoutingVersions(served.Id).Last(v => v.VersionHash == pack.Routing.VersionHash);
            return Task.FromResult<IActionResult>(new JsonResult(version));
        });
    }

    /// <summary>Checks the posted process model as deployment would; each error names its element when it has one.</summary>
    public async Task<IActionResult> OnPostValidateProcessAsync(CancellationToken cancellationToken)
    {
        var xml = Encoding.UTF8.GetString(await BodyAsync(cancellationToken));
        IReadOnlyList<DesignerError> errors;
        try
        {
            errors = [.. ProcessEngine.Validate(xml).Select(e => new DesignerError(e.ElementId, $"{e.Code} {e.Message}"))];
        }
        catch (ModelParseException e)
        {
            errors = [new DesignerError(e.ElementId, e.Message)];
        }

        return new JsonResult(errors) { StatusCode = errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity };
    }

    private async Task<byte[]> BodyAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await Request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>A draft the pack refuses (unreadable DMN, rules refused, reference cases routed otherwise) is a 422 with the reason.</summary>
    private static async Task<IActionResult> RefusedOrAsync(Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is CasesException or ModelParseException)
        {
            return new JsonResult(new[] { new DesignerError((e as ModelParseException)?.ElementId, e.Message) }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }
    }

    public sealed record DesignerError(string? ElementId, string Message);
}
