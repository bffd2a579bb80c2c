using System.Text.Json;
using Tsunagu.Cases.Routing;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary><c>POST /api/routing/evaluate</c>: the same routing as <c>tsunagu route</c>, over HTTP.</summary>
public static class RoutingEndpoints
{
    public static void MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/routing/evaluate", (JsonElement input, RoutingService routing) =>
                Results.Text(routing.Route(input).ToJson(), "application/json; charset=utf-8"))
            .WithName("EvaluateRouting")
            .WithSummary("紹介先判定: which institutions receive a referral, whether 多機関協働 is needed, and which meeting")
            .CaseData("routing.evaluate");
    }
}
