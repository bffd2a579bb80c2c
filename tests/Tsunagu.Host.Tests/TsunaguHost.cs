using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Tsunagu.Cases.Routing;

namespace Tsunagu.Host.Tests;

/// <summary>One running host for the suite (matsudo pack, a known demo password, a temporary data folder), set up through configuration only.</summary>
internal static class TsunaguHost
{
    public const string Password = "vignette-password";
    public const string Caseworker = "jiritsu-caseworker";

    private static readonly Lazy<WebApplicationFactory<Program>> Host = new(() => Start(Directory.CreateTempSubdirectory("tsunagu-host").FullName));

    /// <summary>A host over <paramref name="dataDirectory"/> with extra settings; the caller disposes it.</summary>
    public static WebApplicationFactory<Program> Start(string dataDirectory, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Tsunagu:DataDirectory", dataDirectory);
            builder.UseSetting("Tsunagu:DemoPassword", Password);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    public static HttpClient Client(string user = Caseworker, string password = Password) => Client(Host.Value, user, password);

    public static HttpClient Client(WebApplicationFactory<Program> host, string user = Caseworker, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(host);
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    public static Security.IAuditLog Audit() => Service<Security.IAuditLog>();

    public static T Service<T>()
        where T : class => (T)Host.Value.Services.GetService(typeof(T))!;

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
}
