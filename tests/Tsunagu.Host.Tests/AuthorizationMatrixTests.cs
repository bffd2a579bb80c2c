using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Tests;

/// <summary>
/// Every endpoint the application maps declares who may call it, and every API endpoint answers each role as its policy
/// says: anonymous 401, a role the policy does not admit 403, an admitted role anything but 401/403 (the domain may
/// still refuse: 404 for what it hides, 400/422 for the dummy input).
/// </summary>
[TestClass]
public sealed class AuthorizationMatrixTests
{
    /// <summary>A demo account per role (the 松戸 pack).</summary>
    private static readonly Dictionary<string, string> Accounts = new(StringComparer.Ordinal)
    {
        ["caseworker"] = "jiritsu-caseworker",
        ["coordinator"] = "multi-agency-caseworker",
        ["supervisor"] = "jiritsu-supervisor",
        ["admin"] = "matsudo-admin",
    };

    /// <summary>The roles each policy admits (<see cref="Policies"/>); the coordinator account is also a caseworker.</summary>
    private static readonly Dictionary<string, string[]> Admitted = new(StringComparer.Ordinal)
    {
        [Policies.SignedIn] = ["caseworker", "coordinator", "supervisor", "admin"],
        [Policies.CaseData] = ["caseworker", "coordinator", "supervisor", "admin"],
        [Policies.Coordination] = ["coordinator"],
        [Policies.Supervision] = ["supervisor", "admin"],
        [Policies.Admin] = ["admin"],
    };

    private static IReadOnlyList<RouteEndpoint> Endpoints()
    {
        _ = TsunaguHost.Shared.CreateClient();
        return [.. TsunaguHost.Shared.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];
    }

    [TestMethod]
    public void Endpoints_Every_DeclaresAPolicyOrAnonymous()
    {
        var undeclared = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();

        Assert.IsGreaterThan(30, Endpoints().Count, "the app maps its endpoints");
        Assert.IsEmpty(undeclared, "no policy declared: " + string.Join(", ", undeclared));
    }

    [TestMethod]
    public async Task ApiEndpoints_ByRole_AnswerAsTheirPolicySays()
    {
        var failures = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true))
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is [var first, ..] ? first : "GET";
            var path = Fill(endpoint.RoutePattern.RawText!);
            var contentType = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes is [var accepted, ..] ? accepted : "application/json";
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);

            using (var client = TsunaguHost.Shared.CreateClient())
            {
                var status = await SendAsync(client, method, path, contentType);
                if (!anonymous && status != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{method} {path} anonymous: {(int)status}, expected 401");
                }
            }

            if (anonymous || policy is null)
            {
                continue;
            }

            foreach (var (role, account) in Accounts)
            {
                using var client = TsunaguHost.Client(account);
                var status = await SendAsync(client, method, path, contentType);
                var admitted = Admitted[policy].Contains(role);
                if (admitted ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{method} {path} ({policy}) as {role}: {(int)status}, expected {(admitted ? "admitted" : "403")}");
                }
            }
        }

        Assert.IsEmpty(failures, string.Join("\n", failures));
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path, string contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent(contentType.EndsWith("json", StringComparison.Ordinal) ? "{}" : "<definitions/>", Encoding.UTF8, contentType);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Route values that name nothing: a guid for guid routes, a number for int routes, a plausible id otherwise.</summary>
    private static string Fill(string pattern) => System.Text.RegularExpressions.Regex.Replace(
        pattern, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[2].Value switch
        {
            var c when c.Contains("guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            var c when c.Contains("int", StringComparison.Ordinal) => "1",
            _ => m.Groups[1].Value == "municipality" ? "matsudo" : "none",
        });
}
