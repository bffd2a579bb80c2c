using Tsunagu.Cases.Packs;
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
            .AddEndpointFilter(new AuditFilter("routing.deploy"));
    }

    /// <summary>
    /// The pack catalog checks the model as it checks a pack on load and then serves it: the next routing and the next
    /// business-rule task use it. Earlier cases keep the version they recorded.
    /// </summary>
    private static async Task<IResult> DeployRoutingAsync(string municipality, HttpRequest request, PackCatalog catalog, CancellationToken cancellationToken)
    {
        if (!catalog.Contains(municipality))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"There is no pack '{municipality}'.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var pack = catalog.DeployRouting(municipality, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        return Results.Ok(new DeployedRouting(municipality, pack.Routing.VersionHash));
    }

    public sealed record DeployedRouting(string Municipality, string DecisionVersion);
}
