using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Engine.Execution;
using Tsunagu.Host.Security;
using Tsunagu.Rules.Dmn;

namespace Tsunagu.Host.Endpoints;

/// <summary>Administration: redeploying a pack's routing rules without a restart.</summary>
public static class AdminEndpoints
{
    private static readonly SemaphoreSlim DeployGate = new(1, 1);

    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/admin/packs/{municipality}/routing", DeployRoutingAsync)
            .WithName("DeployRouting")
            .WithSummary("Deploy a new version of a pack's routing rules (routing.dmn, as the designer saves it)")
            .Accepts<string>("application/xml")
            .RequireAuthorization(Policies.Admin)
            .AddEndpointFilter(new AuditFilter("routing.deploy"));
    }

    /// <summary>
    /// The DMN must parse and compile without problems; then it replaces the pack's routing.dmn (the next routing uses it)
    /// and, for the pack the host serves, the decision business-rule tasks evaluate. Earlier cases keep the version they recorded.
    /// </summary>
    private static async Task<IResult> DeployRoutingAsync(
        string municipality, HttpRequest request, SamplePackCatalog catalog, SamplePack served, DmnDecisionService decisions, CancellationToken cancellationToken)
    {
        if (!catalog.Contains(municipality))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"There is no pack '{municipality}'.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        var model = DmnModel.Load(buffer);
        if (model.Problems.Count > 0 || !model.DecisionNames.Contains(SamplePack.RoutingDecision))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The routing model was refused.",
                detail: model.Problems.Count > 0 ? string.Join(" | ", model.Problems) : $"It has no decision '{SamplePack.RoutingDecision}'.");
        }

        var path = Path.Combine(catalog.Root, municipality, SamplePack.RoutingFileName);
        var staged = $"{path}.{Guid.NewGuid():N}.new";
        await File.WriteAllBytesAsync(staged, buffer.ToArray(), cancellationToken);

        // The file (read by routing) and the deployed model (read by business-rule tasks) change together.
        await DeployGate.WaitAsync(cancellationToken);
        try
        {
            File.Move(staged, path, overwrite: true);
            if (municipality == served.Municipality.Id)
            {
                decisions.Deploy(CaseProcess.RoutingModel, model);
            }
        }
        finally
        {
            DeployGate.Release();
        }

        return Results.Ok(new { municipality, decisionVersion = model.VersionHash });
    }
}
