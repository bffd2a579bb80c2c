using System.Net;
using System.Text.Json;

namespace Tsunagu.Host.Tests;

/// <summary>POST /api/routing/evaluate: who may call it, what bad input gets, and that calls are audited.</summary>
[TestClass]
public sealed class RoutingEndpointTests
{
    private const string Poverty = """{ "municipality": "matsudo", "person": { "age": 40, "disability": "none", "concerns": ["poverty"] }, "household": [], "consent": "unknown" }""";

    [TestMethod]
    public void Evaluate_WithoutCredentials_Is401WithChallenge()
    {
        using var client = TsunaguHost.Client();
        client.DefaultRequestHeaders.Authorization = null;

        using var response = TsunaguHost.Post(client, Poverty);

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.AreEqual("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [TestMethod]
    public void Evaluate_ForgedToken_Is401()
    {
        using var client = TsunaguHost.Client();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");

        using var response = TsunaguHost.Post(client, Poverty);

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    public void Evaluate_UnknownConcern_Is400ProblemNamingTheField()
    {
        using var client = TsunaguHost.Client();

        using var response = TsunaguHost.Post(client, Poverty.Replace("poverty", "lottery", StringComparison.Ordinal));

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), "person.concerns[0]");
    }

    [TestMethod]
    public void Evaluate_MalformedJson_Is400Problem()
    {
        using var client = TsunaguHost.Client();

        using var response = TsunaguHost.Post(client, "{ \"municipality\": ");

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [TestMethod]
    public void Evaluate_OversizeBody_IsRefusedWith413()
    {
        using var client = TsunaguHost.Client();
        var huge = Poverty.Replace("\"consent\"", $"\"padding\": \"{new string('x', 2 * 1024 * 1024)}\", \"consent\"", StringComparison.Ordinal);

        using var response = TsunaguHost.Post(client, huge);

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [TestMethod]
    public void Evaluate_Routed_RecordsAnAuditEntryWithoutPersonalData()
    {
        using var client = TsunaguHost.Client();
        using var response = TsunaguHost.Post(client, Poverty);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);

        var audit = TsunaguHost.Audit();

        var entry = audit.Last(e => e.Record.Action == "routing.evaluate" && e.Record.Outcome == 200).Record;
        Assert.AreEqual(TsunaguHost.Caseworker, entry.Actor);
        Assert.AreEqual("紹介先判定", entry.Purpose);
        Assert.IsFalse(JsonSerializer.Serialize(audit).Contains("poverty", StringComparison.Ordinal));
    }
}
