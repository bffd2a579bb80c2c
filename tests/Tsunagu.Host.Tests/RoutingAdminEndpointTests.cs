using System.Net;
using System.Text;

namespace Tsunagu.Host.Tests;

/// <summary>An administrator lists the deployed versions of the served pack's routing rules and rolls back to one.</summary>
[TestClass]
public sealed class RoutingAdminEndpointTests
{
    private const string Versions = "/api/admin/packs/matsudo/routing/versions";
    private const string Rollback = "/api/admin/packs/matsudo/routing/rollback";

    [TestMethod]
    public async Task RollbackRouting_EarlierVersion_ListedAndServedAgain()
    {
        using var host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-rollback").FullName);
        using var admin = TsunaguHost.Client(host, "matsudo-admin");
        var original = await File.ReadAllTextAsync(Path.Combine(Cases.Tests.Packs.Samples.PackRoot, "matsudo", "routing.dmn"));
        var (_, shipped) = await TsunaguHost.SendAsync(admin, HttpMethod.Get, Versions);
        Assert.IsEmpty(shipped.GetProperty("versions").EnumerateArray(), "no version is kept before the first deployment");
        var first = shipped.GetProperty("current").GetString()!;

        using var content = new StringContent(original.Replace("\"松戸市自立相談支援センター\"", "\"松戸市自立相談支援センター（改定）\"", StringComparison.Ordinal), Encoding.UTF8, "application/xml");
        using var deployed = await admin.PutAsync(new Uri("/api/admin/packs/matsudo/routing", UriKind.Relative), content);
        Assert.AreEqual(HttpStatusCode.OK, deployed.StatusCode);
        var (status, listed) = await TsunaguHost.SendAsync(admin, HttpMethod.Get, Versions);

        Assert.AreEqual(HttpStatusCode.OK, status, listed.ToString());
        var hashes = listed.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("versionHash").GetString()).ToList();
        CollectionAssert.AreEqual(new[] { first, listed.GetProperty("current").GetString() }, hashes, "the shipped version, then the deployed one");
        Assert.AreNotEqual(first, listed.GetProperty("current").GetString());

        var (rolledBack, body) = await TsunaguHost.SendAsync(admin, HttpMethod.Post, Rollback, $$"""{ "versionHash": "{{first}}" }""");

        Assert.AreEqual(HttpStatusCode.OK, rolledBack, body.ToString());
        Assert.AreEqual(first, body.GetProperty("decisionVersion").GetString());
        using var worker = TsunaguHost.Client(host);
        var (_, routed) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/routing/evaluate", RoutingRedeployTests.Poverty);
        Assert.AreEqual("松戸市自立相談支援センター", routed.GetProperty("referrals")[0].GetProperty("institution").GetString());
        Assert.AreEqual(first, routed.GetProperty("decisionVersion").GetString());
    }

    [TestMethod]
    [DataRow("""{ "versionHash": "sha256:0000" }""", HttpStatusCode.UnprocessableEntity, null)]
    [DataRow("""{ }""", HttpStatusCode.BadRequest, "versionHash")]
    [DataRow("""{ "versionHash": "sha256:0000", "force": true }""", HttpStatusCode.BadRequest, "force")]
    [DataRow("""{ "versionHash": 7 }""", HttpStatusCode.BadRequest, "versionHash")]
    public async Task RollbackRouting_BadRequest_IsRefusedNamingTheField(string json, HttpStatusCode expected, string? field)
    {
        using var admin = TsunaguHost.Client("matsudo-admin");

        var (status, body) = await TsunaguHost.SendAsync(admin, HttpMethod.Post, Rollback, json);

        Assert.AreEqual(expected, status, body.ToString());
        if (field is not null)
        {
            Assert.AreEqual(field, body.GetProperty("field").GetString());
        }
    }

    [TestMethod]
    [DataRow("GET", "/api/admin/packs/ichikawa/routing/versions", "matsudo-admin", HttpStatusCode.NotFound)]
    [DataRow("POST", "/api/admin/packs/ichikawa/routing/rollback", "matsudo-admin", HttpStatusCode.NotFound)]
    [DataRow("GET", "/api/admin/packs/nowhere/routing/versions", "matsudo-admin", HttpStatusCode.NotFound)]
    [DataRow("GET", Versions, TsunaguHost.Caseworker, HttpStatusCode.Forbidden)]
    [DataRow("POST", Rollback, "multi-agency-caseworker", HttpStatusCode.Forbidden)]
    public async Task RoutingAdmin_NotTheServedPackOrNotAnAdmin_IsRefused(string method, string path, string user, HttpStatusCode expected)
    {
        using var client = TsunaguHost.Client(user);

        var (status, _) = await TsunaguHost.SendAsync(client, new HttpMethod(method), path, method == "POST" ? """{ "versionHash": "sha256:0000" }""" : null);

        Assert.AreEqual(expected, status);
    }
}
