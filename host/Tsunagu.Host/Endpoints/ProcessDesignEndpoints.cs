using Tsunagu.Cases;
using Tsunagu.Cases.Casework;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>The designer's API for deployed processes: a draft per process key, deployment as a new version, and the history of versions.</summary>
public static class ProcessDesignEndpoints
{
    public static void MapProcessDesignEndpoints(this IEndpointRouteBuilder app)
    {
        var processes = app.MapGroup("/api/admin/processes/{key}").RequireAuthorization(Policies.Admin);
        processes.MapGet("/draft", DraftAsync)
            .WithName("ProcessDraft")
            .WithSummary("The saved draft of a process (404 when none is saved)")
            .Produces<DraftView>()
            .Audited("process.draft.read", "プロセスの下書きの閲覧");
        processes.MapPut("/draft", SaveDraftAsync)
            .WithName("SaveProcessDraft")
            .WithSummary("Save a draft (BPMN XML); what deployment would refuse is listed, not refused")
            .Accepts<string>("application/xml")
            .Produces<DraftSaved>()
            .Audited("process.draft.save", "プロセスの下書きの保存");
        processes.MapPost("/deploy", DeployAsync)
            .WithName("DeployProcessDraft")
            .WithSummary("Deploy the saved draft as a new version (refused: 422 with the errors per element); running cases stay on their version")
            .Produces<ProcessVersion>()
            .Audited("process.deploy", "プロセスの配備");
        processes.MapGet("/versions", VersionsAsync)
            .WithName("ProcessVersions")
            .WithSummary("Every deployed version of a process, oldest first: when, by whom, hash")
            .Produces<IReadOnlyList<ProcessVersion>>()
            .Audited("process.versions", "プロセスの版の一覧");
        processes.MapGet("/versions/{version:int}", VersionXmlAsync)
            .WithName("ProcessVersionXml")
            .WithSummary("The BPMN XML of one deployed version")
            .Produces<string>(contentType: "application/xml")
            .Audited("process.version.read", "プロセスの版の閲覧");
    }

    private static async Task<IResult> DraftAsync(string key, ProcessDesigns designs, CancellationToken cancellationToken)
    {
        var draft = await designs.DraftAsync(key, cancellationToken) ?? throw new CaseNotFoundException($"There is no draft of '{key}'.");
        return Results.Ok(new DraftView(draft.ProcessKey, draft.Xml, draft.SavedBy, draft.SavedAt));
    }

    private static async Task<IResult> SaveDraftAsync(string key, HttpContext context, ProcessDesigns designs, CancellationToken cancellationToken)
    {
        var xml = await XmlBody.ReadAsync(context.Request, cancellationToken);
        var (draft, problems) = await designs.SaveDraftAsync(key, xml, context.User.Caller().Id, cancellationToken);
        return Results.Ok(new DraftSaved(draft.ProcessKey, draft.SavedBy, draft.SavedAt, problems));
    }

    private static async Task<IResult> DeployAsync(string key, HttpContext context, ProcessDesigns designs, CancellationToken cancellationToken) =>
        Results.Ok(await designs.DeployDraftAsync(key, context.User.Caller().Id, cancellationToken));

    private static async Task<IResult> VersionsAsync(string key, ProcessDesigns designs, CancellationToken cancellationToken) =>
        Results.Ok(await designs.VersionsAsync(key, cancellationToken));

    private static async Task<IResult> VersionXmlAsync(string key, int version, ProcessDesigns designs, CancellationToken cancellationToken) =>
        Results.Text(await designs.VersionXmlAsync(key, version, cancellationToken), "application/xml; charset=utf-8");

    public sealed record DraftView(string ProcessKey, string Xml, string SavedBy, DateTimeOffset SavedAt);

    public sealed record DraftSaved(string ProcessKey, string SavedBy, DateTimeOffset SavedAt, IReadOnlyList<ProcessProblem> Problems);
}
