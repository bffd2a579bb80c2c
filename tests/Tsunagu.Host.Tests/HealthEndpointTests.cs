using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tsunagu.Host.Tests;

[TestClass]
public sealed class HealthEndpointTests
{
    private static WebApplicationFactory<Program> _factory = null!;

    [ClassInitialize]
    public static void Start(TestContext context) => _factory = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-health").FullName);

    [ClassCleanup]
    public static void Stop() => _factory.Dispose();

    [TestMethod]
    public async Task GetHealthReady_Running_ReportsStoreAndSchedulerHealthy()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.AreEqual("Healthy", body.RootElement.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
        Assert.AreEqual("Healthy", body.RootElement.GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString());
    }

    [TestMethod]
    public async Task GetHealthLive_Running_ReturnsOk()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [TestMethod]
    public async Task GetHealthReady_DataFolderNotWritable_Is503NamingTheStoreAndApiAndPagesRefuse()
    {
        // A regular file where the data folder should be: no folder can be created there, even by root.
        var blocked = Path.Combine(Directory.CreateTempSubdirectory("tsunagu-blocked").FullName, "data");
        await File.WriteAllTextAsync(blocked, "not a folder");
        using var host = TsunaguHost.Start(blocked);
        using var client = host.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var api = await client.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        using var page = await client.GetAsync(new Uri("/inbox", UriKind.Relative));

        var report = await ready.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, ready.StatusCode, report);
        using var body = JsonDocument.Parse(report);
        var store = body.RootElement.GetProperty("checks").GetProperty("store");
        Assert.AreEqual("Unhealthy", store.GetProperty("status").GetString());
        StringAssert.Contains(store.GetProperty("description").GetString(), blocked);
        Assert.AreEqual(HttpStatusCode.OK, live.StatusCode, "the process itself is alive");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.AreEqual("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, page.StatusCode, "no page is served to an account that cannot be checked");
    }

    [TestMethod]
    public async Task GetUnknownPath_SignedIn_ReturnsProblemDetails404AndAnonymous401()
    {
        using var client = TsunaguHost.Client(_factory);
        using var anonymous = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        using var refused = await anonymous.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual(HttpStatusCode.Unauthorized, refused.StatusCode, "nothing is revealed before sign-in");
    }

    [TestMethod]
    public async Task GetOpenApi_Running_DescribesTheApi()
    {
        using var client = _factory.CreateClient();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        StringAssert.Contains(document, "/api/cases");
    }
}
