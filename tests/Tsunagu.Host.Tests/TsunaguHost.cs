using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Tests;

/// <summary>One running host for the suite (matsudo pack, a known demo password, a temporary data folder), set up through configuration only.</summary>
internal static class TsunaguHost
{
    public const string Password = "vignette-password";
    public const string Caseworker = "jiritsu-caseworker";

    private static readonly Lazy<WebApplicationFactory<Program>> Host = new(() => Start(Directory.CreateTempSubdirectory("tsunagu-host").FullName));
    private static readonly ConcurrentDictionary<(WebApplicationFactory<Program>, string), string> Tokens = new();

    public static WebApplicationFactory<Program> Shared => Host.Value;

    /// <summary>
    /// A host over <paramref name="dataDirectory"/> with extra settings; the caller disposes it. Rate limits are lifted
    /// unless a setting sets them, as the suite signs in many accounts from one address.
    /// </summary>
    public static WebApplicationFactory<Program> Start(string dataDirectory, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Tsunagu:DataDirectory", dataDirectory);
            builder.UseSetting("Tsunagu:DemoPassword", Password);
            builder.UseSetting("Tsunagu:TokenRequestsPerMinute", "1000000");
            builder.UseSetting("Tsunagu:ApiRequestsPerMinute", "1000000");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    /// <summary>A client signed in as <paramref name="user"/> with a bearer token (one sign-in per host and user).</summary>
    public static HttpClient Client(string user = Caseworker) => Client(Host.Value, user);

    public static HttpClient Client(WebApplicationFactory<Program> host, string user = Caseworker)
    {
        ArgumentNullException.ThrowIfNull(host);
        var client = host.CreateClient();
        var token = Tokens.GetOrAdd((host, user), key => SignIn(key.Item1, key.Item2));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// POST /api/auth/token as is; the caller checks the answer. A host serving several municipalities is told the one
    /// whose pack lists <paramref name="user"/> (the shipped packs share no staff id).
    /// </summary>
    public static HttpResponseMessage RequestToken(WebApplicationFactory<Program> host, string user, string password)
    {
        ArgumentNullException.ThrowIfNull(host);
        var shells = host.Services.GetRequiredService<TenantShells>();
        return shells.Several
            ? RequestToken(host, new { userName = user, password, municipality = shells.All.Single(s => s.Services.GetRequiredService<ServedPack>().Current.Staff.Any(m => m.Id == user)).Id })
            : RequestToken(host, new { userName = user, password });
    }

    /// <summary>POST /api/auth/token with <paramref name="body"/>.</summary>
    public static HttpResponseMessage RequestToken(WebApplicationFactory<Program> host, object body)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var client = host.CreateClient();
        return client.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), body).GetAwaiter().GetResult();
    }

    public static T Service<T>()
        where T : class => (T)Host.Value.Services.GetService(typeof(T))!;

    /// <summary>The latest audit entries, newest last.</summary>
    public static IReadOnlyList<AuditEntry> Audit(WebApplicationFactory<Program>? host = null, string? caseId = null)
    {
        var store = (IAuditStore)(host ?? Host.Value).Services.GetService(typeof(IAuditStore))!;
        return store.ReadAuditAsync(0, int.MaxValue, caseId, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Sends a request with an optional JSON body; the status and the parsed body (default when empty).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static HttpResponseMessage Post(HttpClient client, string json, string path = "/api/routing/evaluate")
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return client.PostAsync(new Uri(path, UriKind.Relative), content).GetAwaiter().GetResult();
    }

    public static RoutingResult Route(string json)
    {
        using var client = Client();
        using var response = Post(client, json);
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.IsTrue(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return RoutingResult.FromJson(body);
    }

    private static string SignIn(WebApplicationFactory<Program> host, string user)
    {
        using var response = RequestToken(host, user, Password);
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"sign-in of {user}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }
}
