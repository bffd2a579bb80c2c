using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tsunagu.Host.Tests;

[TestClass]
public sealed class HealthEndpointTests
{
    private static WebApplicationFactory<Program> _factory = null!;

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        Environment.SetEnvironmentVariable("Tsunagu__DataDirectory", Directory.CreateTempSubdirectory("tsunagu-health").FullName);
        _factory = new WebApplicationFactory<Program>();
    }

    [ClassCleanup]
    public static void Stop() => _factory.Dispose();

    [TestMethod]
    public async Task GetHealth_Running_ReturnsOk()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual("ok", body.RootElement.GetProperty("status").GetString());
    }

    [TestMethod]
    public async Task GetUnknownPath_Running_ReturnsProblemDetails404()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [TestMethod]
    public async Task GetOpenApi_Running_DescribesHealth()
    {
        using var client = _factory.CreateClient();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        StringAssert.Contains(document, "/health");
    }
}
