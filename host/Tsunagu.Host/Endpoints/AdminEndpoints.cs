using System.Globalization;
using Tsunagu.Cases;
using Tsunagu.Cases.Packs;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>Administration: redeploying a pack's routing rules without a restart.</summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/admin/packs/{municipality}/routing", DeployRoutingAsync)
            .WithName("DeployRouting")
            .WithSummary("Deploy a new version of a pack's routing rules (routing.dmn, as the designer saves it)")
            .Accepts<string>("application/xml")
            .Produces<DeployedRouting>()
            .RequireAuthorization(Policies.Admin)
            .Audited("routing.deploy", "ルーティング規則の配備");
        app.MapGet("/api/admin/audit", ReadAuditAsync)
            .WithName("ReadAudit")
            .WithSummary("The audit trail in sequence order, or who read or changed one case (?caseId=); pages: after=<sequence>, limit 1-1000 (default 200), Link rel=next")
            .Produces<IReadOnlyList<AuditEntryView>>()
            .RequireAuthorization(Policies.Admin)
            .Audited("audit.read", "監査：閲覧・変更の記録");
        app.MapGet("/api/admin/audit/verify", VerifyAuditAsync)
            .WithName("VerifyAudit")
            .WithSummary("Checks the audit hash chain; names the first broken entry")
            .Produces<AuditVerification>()
            .RequireAuthorization(Policies.Admin)
            .Audited("audit.verify", "監査：改ざん検査");
    }

    /// <summary>
    /// The pack catalog checks the model as it checks a pack on load and then serves it: the next routing and the next
    /// business-rule task use it. Earlier cases keep the version they recorded.
    /// </summary>
    private static async Task<IResult> DeployRoutingAsync(
        string municipality, HttpRequest request, PackCatalog catalog, ServedPack served, CancellationToken cancellationToken)
    {
        RoutingAdminEndpoints.Served(municipality, catalog, served);
        var pack = catalog.DeployRouting(municipality, await XmlBody.ReadBytesAsync(request, cancellationToken));
        return Results.Ok(new DeployedRouting(municipality, pack.Routing.VersionHash));
    }

    /// <summary>The chain in sequence order; the cursor is the sequence number itself (after=, as before paging had a next link).</summary>
    private static async Task<IResult> ReadAuditAsync(string? caseId, long? after, int? limit, IAuditStore audit, HttpContext context, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit, otherwise: 200, max: 1000);
        var page = Paging.Of(await audit.ReadAuditAsync(after ?? 0, size + 1, caseId, cancellationToken), size, e => e.Sequence.ToString(CultureInfo.InvariantCulture));
        return PageResults.InSequence(context, page, e => new AuditEntryView(
            e.Sequence, e.Record.At, e.Record.Actor, e.Record.Roles, e.Record.Action, e.Record.CaseId, e.Record.MeetingId, e.Record.Outcome, e.Record.Purpose, e.Hash));
    }

    private static async Task<IResult> VerifyAuditAsync(IAuditStore audit, CancellationToken cancellationToken)
    {
        var (broken, checkedCount) = await AuditVerifier.VerifyAsync(audit, cancellationToken);
        return Results.Ok(new AuditVerification(broken is null, checkedCount, broken?.Sequence));
    }

    public sealed record DeployedRouting(string Municipality, string DecisionVersion);

    public sealed record AuditEntryView(
        long Sequence, DateTimeOffset At, string Actor, string Roles, string Action, string? CaseId, string? MeetingId, int Outcome, string Purpose, string Hash);

    public sealed record AuditVerification(bool Intact, long Checked, long? FirstBroken);
}
