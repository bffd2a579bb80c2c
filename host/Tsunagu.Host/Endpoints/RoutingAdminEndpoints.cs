using Tsunagu.Cases.Packs;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>The deployed versions of the served pack's routing rules, and a rollback to one of them.</summary>
public static class RoutingAdminEndpoints
{
    public static void MapRoutingAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/packs/{municipality}/routing/versions", Versions)
            .WithName("RoutingVersions")
            .WithSummary("Every deployed version of the pack's routing rules, oldest first, and the one in use")
            .Produces<RoutingVersions>()
            .RequireAuthorization(Policies.Admin)
            .Audited("routing.versions", "ルーティング規則の版の一覧");
        app.MapPost("/api/admin/packs/{municipality}/routing/rollback", Rollback)
            .WithName("RollbackRouting")
            .WithSummary("Deploy an earlier version again, through the same checks as a deployment (refused: 422)")
            .Accepts<RollbackRequest>("application/json")
            .Produces<AdminEndpoints.DeployedRouting>()
            .RequireAuthorization(Policies.Admin)
            .Audited("routing.rollback", "ルーティング規則の差し戻し");
    }

    private static IResult Versions(string municipality, PackCatalog catalog, ServedPack served)
    {
        Served(municipality, catalog, served);
        return Results.Ok(new RoutingVersions(
            municipality,
            catalog.Get(municipality).Routing.VersionHash,
            catalog.RoutingVersions(municipality)));
    }

    private static IResult Rollback(string municipality, JsonBody body, PackCatalog catalog, ServedPack served)
    {
        using (body)
        {
            var request = body.Read<RollbackRequest>();
            Served(municipality, catalog, served);
            var pack = catalog.RollbackRouting(municipality, request.VersionHash);
            return Results.Ok(new AdminEndpoints.DeployedRouting(municipality, pack.Routing.VersionHash));
        }
    }

    /// <summary>An administrator acts on the municipality this installation serves; another one's pack is not theirs to see.</summary>
    internal static void Served(string municipality, PackCatalog catalog, ServedPack served)
    {
        if (municipality != served.Id || !catalog.Contains(municipality))
        {
            throw new Cases.CaseNotFoundException($"There is no pack '{municipality}'.");
        }
    }

    public sealed record RollbackRequest(string VersionHash);

    /// <summary>The versions kept (empty until the first deployment over the shipped rules) and the version in use.</summary>
    public sealed record RoutingVersions(string Municipality, string Current, IReadOnlyList<RoutingVersion> Versions);
}
