using Tsunagu.Cases.Routing;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary><c>POST /api/routing/evaluate</c>: the same routing as <c>tsunagu route</c>, over HTTP.</summary>
public static class RoutingEndpoints
{
    public static void MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/routing/evaluate", (JsonBody input, RoutingService routing) =>
            {
                using (input)
                {
                    return Results.Text(routing.Route(input.Root).ToJson(), "application/json; charset=utf-8");
                }
            })
            .WithName("EvaluateRouting")
            .WithSummary("紹介先判定: which institutions receive a referral, whether 多機関協働 is needed, and which meeting")
            .Accepts<RoutingRequest>("application/json")
            .CaseData("routing.evaluate", "紹介先判定");
    }
}
