using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Tsunagu.Cases.Routing;

namespace Tsunagu.Cases.Tests.Routing;

/// <summary>The running host (matsudo pack, demo password, a temporary data folder), routing over POST /api/routing/evaluate.</summary>
internal static class HttpRouting
{
    public const string Password = "vignette-password";
    public const string Caseworker = "jiritsu-caseworker";

    private static readonly Lazy<WebApplicationFactory<Program>> Host = new(Start);

    public static HttpClient Client(string user = Caseworker, string password = Password)
    {
        var client = Host.Value.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    public static Tsunagu.Host.Security.IAuditLog Audit() => Service<Tsunagu.Host.Security.IAuditLog>();

    public static T Service<T>()
        where T : class => (T)Host.Value.Services.GetService(typeof(T))!;

    public static HttpResponseMessage Post(HttpClient client, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return client.PostAsync(new Uri("/api/routing/evaluate", UriKind.Relative), content).GetAwaiter().GetResult();
    }

    public static RoutingResult Route(string json)
    {
        using var client = Client();
        using var response = Post(client, json);
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.IsTrue(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return RoutingResult.FromJson(body);
    }

    private static WebApplicationFactory<Program> Start()
    {
        // Read by the host's configuration before it builds (environment variables are, factory settings are not yet).
        Environment.SetEnvironmentVariable("Tsunagu__DataDirectory", Directory.CreateTempSubdirectory("tsunagu-host").FullName);
        Environment.SetEnvironmentVariable("Tsunagu__DemoPassword", Password);
        return new WebApplicationFactory<Program>();
    }
}
