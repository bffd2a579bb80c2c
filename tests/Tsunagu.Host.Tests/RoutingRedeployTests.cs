using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tsunagu.Engine;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Host.Tests;

/// <summary>An administrator redeploys the routing table: the next routing and the next case use it, without a restart; earlier cases keep their version.</summary>
[TestClass]
public sealed class RoutingRedeployTests
{
    private const string Centre = "\"松戸市自立相談支援センター\"";
    private const string Renamed = "\"松戸市自立相談支援センター（改定）\"";
    internal const string Poverty = """{ "municipality": "matsudo", "person": { "age": 40, "disability": "none", "concerns": ["poverty"] }, "household": [], "consent": "unknown" }""";

    [TestMethod]
    public async Task DeployRouting_EditedTable_NextRoutingAndCaseUseItWhileEarlierCaseKeepsItsVersion()
    {
        var original = await File.ReadAllTextAsync(Path.Combine(Cases.Tests.Packs.Samples.PackRoot, "matsudo", "routing.dmn"));
        using var admin = TsunaguHost.Client("matsudo-admin");
        using var worker = TsunaguHost.Client();
        try
        {
            var first = await StartCaseAsync(worker);
            var before = await RoutingVersionAsync(first);

            using var refused = await PutAsync(worker, original.Replace(Centre, Renamed, StringComparison.Ordinal));
            Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode, "only administrators deploy rules");
            using var deployed = await PutAsync(admin, original.Replace(Centre, Renamed, StringComparison.Ordinal));
            Assert.AreEqual(HttpStatusCode.OK, deployed.StatusCode, await deployed.Content.ReadAsStringAsync());
            var version = (await deployed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisionVersion").GetString();

            var routed = TsunaguHost.Route(Poverty);
            Assert.AreEqual("松戸市自立相談支援センター（改定）", routed.Referrals.Single().Institution);
            Assert.AreEqual(version, routed.DecisionVersion);
            Assert.AreNotEqual(before, version);

            var second = await StartCaseAsync(worker);
            Assert.AreEqual(version, await RoutingVersionAsync(second));
            Assert.AreEqual(before, await RoutingVersionAsync(first), "an earlier case keeps the version it was routed with");
        }
        finally
        {
            using var restored = await PutAsync(admin, original);
        }
    }

    [TestMethod]
    public async Task DeployRouting_BrokenModel_Is4xxAndKeepsTheOldRules()
    {
        using var admin = TsunaguHost.Client("matsudo-admin");
        var before = TsunaguHost.Route(Poverty).DecisionVersion;

        using var malformed = await PutAsync(admin, "<definitions");
        using var noDecision = await PutAsync(admin, """<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="n"/>""");

        Assert.AreEqual(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, noDecision.StatusCode);
        Assert.AreEqual(before, TsunaguHost.Route(Poverty).DecisionVersion);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string dmn)
    {
        using var content = new StringContent(dmn, Encoding.UTF8, "application/xml");
        return await client.PutAsync(new Uri("/api/admin/packs/matsudo/routing", UriKind.Relative), content);
    }

    private static async Task<Guid> StartCaseAsync(HttpClient client)
    {
        using var content = new StringContent($$"""{ "window": "松戸市自立相談支援センター", "consultation": {{Poverty}} }""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/cases", UriKind.Relative), content);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetGuid();
    }

    /// <summary>The routing model version the case's business-rule task recorded.</summary>
    private static async Task<string?> RoutingVersionAsync(Guid instance)
    {
        var history = await TsunaguHost.Service<ProcessEngine>().GetHistoryAsync(instance);
        return history.Single(h => h.Kind == HistoryKind.DecisionEvaluated).Data!["version"]!.GetValue<string>();
    }
}
