using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Engine.Validation;
using Tsunagu.Host.Endpoints;
using Tsunagu.Host.Security;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Host.Pages;

/// <summary>
/// The designer for the served pack: the routing tables in dmn-js with 試算 and deployment as a new version, and the
/// case path in bpmn-js with Tsunagu's properties, the server's validation shown on the elements, a draft, deployment
/// as a new version, the version history and a diff of two versions. The scripts post XML with the antiforgery token;
/// answers are JSON, refusals 422 with the reasons (and the element each concerns).
/// </summary>
[Authorize(Policy = Policies.Admin)]
[AuditedPage("designer", "プロセス・ルーティング規則の設計")]
public sealed class DesignerModel(PackCatalog catalog, ServedPack served, RoutingTrial trial, ProcessDesigns designs) : TsunaguPage
{
    public string RoutingXml { get; private set; } = "";

    public string ProcessXml { get; private set; } = "";

    public IReadOnlyList<RoutingVersion> Versions { get; private set; } = [];

    public IReadOnlyList<ProcessVersion> ProcessVersions { get; private set; } = [];

    /// <summary>The draft the editor opened, or null when it opened the latest deployed version.</summary>
    public ProcessDraft? Draft { get; private set; }

    public string MunicipalityName => served.Current.Municipality.Name;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        RoutingXml = Encoding.UTF8.GetString(catalog.RoutingDocument(served.Id));
        Versions = catalog.RoutingVersions(served.Id);
        Draft = await designs.DraftAsync(CaseProcess.Key, cancellationToken);
        ProcessXml = Draft?.Xml ?? await designs.VersionXmlAsync(CaseProcess.Key, null, cancellationToken);
        ProcessVersions = await designs.VersionsAsync(CaseProcess.Key, cancellationToken);
    }

    /// <summary>Saves the editor's model as the case path's draft; the problems deployment would find come back with it.</summary>
    public async Task<IActionResult> OnPostSaveDraftAsync(CancellationToken cancellationToken)
    {
        var xml = await XmlBody.ReadAsync(Request, cancellationToken);
        return await RefusedOrAsync(async () =>
        {
            var (draft, problems) = await designs.SaveDraftAsync(CaseProcess.Key, xml, Caller.Id, cancellationToken);
            return new JsonResult(new ProcessDesignEndpoints.DraftSaved(draft.ProcessKey, draft.SavedBy, draft.SavedAt, problems));
        });
    }

    /// <summary>Deploys the saved draft of the case path as a new version.</summary>
    public async Task<IActionResult> OnPostDeployProcessAsync(CancellationToken cancellationToken) =>
        await RefusedOrAsync(async () => new JsonResult(await designs.DeployDraftAsync(CaseProcess.Key, Caller.Id, cancellationToken)));

    /// <summary>The model of one deployed version of the case path, for the diff.</summary>
    public async Task<IActionResult> OnGetProcessVersionAsync(int version, CancellationToken cancellationToken) =>
        Content(await designs.VersionXmlAsync(CaseProcess.Key, version, cancellationToken), "application/xml; charset=utf-8");

    /// <summary>試算 of the posted draft over the last <paramref name="cases"/> cases.</summary>
    public async Task<IActionResult> OnPostTrialAsync(int cases, CancellationToken cancellationToken)
    {
        var draft = await XmlBody.ReadBytesAsync(Request, cancellationToken);
        return await RefusedOrAsync(async () => new JsonResult(await trial.RunAsync(new MemoryStream(draft, writable: false), cases, cancellationToken)));
    }

    /// <summary>Deploys the posted routing model as a new version (the same checks as the API's deployment).</summary>
    public async Task<IActionResult> OnPostDeployAsync(CancellationToken cancellationToken)
    {
        var draft = await XmlBody.ReadBytesAsync(Request, cancellationToken);
        return await RefusedOrAsync(() =>
        {
            var pack = catalog.DeployRouting(served.Id, draft);
            var version = catalog.RoutingVersions(served.Id).Last(v => v.VersionHash == pack.Routing.VersionHash);
            return Task.FromResult<IActionResult>(new JsonResult(version));
        });
    }

    /// <summary>Checks the posted case path as deploying it from the designer would; each error names its element when it has one.</summary>
    public async Task<IActionResult> OnPostValidateProcessAsync(CancellationToken cancellationToken)
    {
        var xml = await XmlBody.ReadAsync(Request, cancellationToken);
        IReadOnlyList<DesignerError> errors;
        try
        {
            errors = [.. ProcessDesigns.Problems(CaseProcess.Key, xml).Select(e => new DesignerError(e.ElementId, $"{e.Code} {e.Message}"))];
        }
        catch (ModelParseException e)
        {
            errors = [new DesignerError(e.ElementId, e.Message)];
        }

        return errors.Count == 0 ? new JsonResult(errors) : Refused(errors);
    }

    /// <summary>
    /// A model refused (unreadable, rules refused, reference cases routed otherwise, a process deployment would refuse)
    /// is a 422 with the reasons, each on its element when it names one.
    /// </summary>
    private static async Task<IActionResult> RefusedOrAsync(Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (BpmnDeploymentException e)
        {
            return Refused(e.Errors.Count == 0 ? [new DesignerError(null, e.Message)] : [.. e.Errors.Select(r => new DesignerError(r.ElementId, $"{r.Code} {r.Message}"))]);
        }
        catch (Exception e) when (e is CasesException or ModelParseException)
        {
            return Refused([new DesignerError((e as ModelParseException)?.ElementId, e.Message)]);
        }
    }

    private static JsonResult Refused(IReadOnlyList<DesignerError> errors) => new(errors) { StatusCode = StatusCodes.Status422UnprocessableEntity };

    public sealed record DesignerError(string? ElementId, string Message);
}
