using System.Net;
using System.Text.Json;

namespace Tsunagu.Host.Tests;

/// <summary>Coordinators see and accept what the routing rules propose for a live case; a case they may not see is 404.</summary>
[TestClass]
public sealed class ReroutingEndpointTests
{
    private const string Coordinator = "multi-agency-caseworker";
    private const string AreaCentre = "本庁高齢者いきいき安心センター";
    private const string Dementia = """{ "newConcern": { "subject": "person", "concern": "dementia" } }""";

    private static readonly string Isolated = """
        { "window": "松戸市自立相談支援センター",
          "consultation": { "municipality": "matsudo",
            "person": { "age": 74, "area": "本庁", "disability": "none", "concerns": ["isolation"] },
            "household": [ { "relation": "daughter", "age": 45, "disability": "none", "concerns": [] } ],
            "consent": "granted" } }
        """;

    private static async Task<string> StartIsolatedAsync()
    {
        using var intake = TsunaguHost.Client();
        var (status, body) = await TsunaguHost.SendAsync(intake, HttpMethod.Post, "/api/cases", Isolated);
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        return body.GetProperty("caseId").GetString()!;
    }

    private static IEnumerable<(string Kind, string Institution)> Changes(JsonElement proposal) =>
        proposal.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("kind").GetString()!, c.GetProperty("institution").GetString()!));

    [TestMethod]
    public async Task AcceptRerouting_NewConcernOnALiveCase_CoordinatorSeesTheExplainedProposalAndTheCaseGetsTheReferral()
    {
        var caseId = await StartIsolatedAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);
        var (_, pending) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/rerouting/proposals");
        Assert.IsEmpty(pending.GetProperty("changes").EnumerateArray(), "nothing is pending right after intake");

        var (status, proposal) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/rerouting/proposals", Dementia);

        Assert.AreEqual(HttpStatusCode.OK, status, proposal.ToString());
        CollectionAssert.Contains(Changes(proposal).ToList(), ("new", AreaCentre));
        var centre = proposal.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("institution").GetString() == AreaCentre);
        CollectionAssert.Contains(centre.GetProperty("rules").EnumerateArray().Select(r => r.GetString()).ToList(), "elderly-by-area");
        Assert.IsGreaterThan(0, centre.GetProperty("reason").GetString()!.Length, "the change carries its reason");
        Assert.IsTrue(proposal.GetProperty("trace").EnumerateArray().Any(t => t.GetProperty("rule").GetString() == "Rule_01"), "explained by the row that fired");

        var (accepted, body) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/rerouting/accept",
            $$"""{ "change": {{Dementia}}, "decisionVersion": "{{proposal.GetProperty("decisionVersion").GetString()}}" }""");

        Assert.AreEqual(HttpStatusCode.OK, accepted, body.ToString());
        var (_, view) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}");
        var referrals = view.GetProperty("routing").GetProperty("referrals").EnumerateArray().Select(r => r.GetProperty("institution").GetString()).ToList();
        CollectionAssert.Contains(referrals, AreaCentre);
        Assert.AreEqual(Coordinator, view.GetProperty("routing").GetProperty("acceptedBy").GetString());
        var (_, after) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/rerouting/proposals");
        Assert.IsEmpty(after.GetProperty("changes").EnumerateArray(), "the accepted proposal is no longer pending");
    }

    [TestMethod]
    public async Task PendingRerouting_ConsentWithdrawn_ProposesTheMeetingWithoutConsent()
    {
        var caseId = await PrivacyTests.StartEightyFiftyAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);
        var (_, before) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/rerouting/proposals");
        Assert.IsEmpty(before.GetProperty("changes").EnumerateArray());

        var (withdrawn, _) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/consent", """{ "status": "withdrawn", "evidence": "電話で撤回の申出（本人）" }""");
        var (status, pending) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/rerouting/proposals");

        Assert.AreEqual(HttpStatusCode.NoContent, withdrawn);
        Assert.AreEqual(HttpStatusCode.OK, status, pending.ToString());
        Assert.AreEqual("支援会議", pending.GetProperty("meeting").GetString());
        Assert.AreEqual("meeting", pending.GetProperty("changes").EnumerateArray().Single().GetProperty("kind").GetString(), pending.ToString());
        var (accepted, body) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/rerouting/accept", "{}");
        Assert.AreEqual(HttpStatusCode.OK, accepted, body.ToString());
        var (_, view) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}");
        Assert.AreEqual("支援会議", view.GetProperty("routing").GetProperty("meeting").GetString());
    }

    [TestMethod]
    [DataRow("""{ "newConcern": { "subject": "person", "concern": "boredom" } }""", HttpStatusCode.BadRequest, "newConcern.concern")]
    [DataRow("""{ "newConcern": { "subject": "household[1]", "concern": "dementia" } }""", HttpStatusCode.BadRequest, "newConcern.subject")]
    [DataRow("""{ "newConcern": { "subject": "household[x]", "concern": "dementia" } }""", HttpStatusCode.BadRequest, "newConcern.subject")]
    [DataRow("""{ "newConcern": { "concern": "dementia" } }""", HttpStatusCode.BadRequest, "newConcern.subject")]
    [DataRow("""{ "consent": "perhaps" }""", HttpStatusCode.BadRequest, "consent")]
    [DataRow("""{ "mood": "good" }""", HttpStatusCode.BadRequest, "mood")]
    [DataRow("""[]""", HttpStatusCode.BadRequest, "body")]
    public async Task ProposeRerouting_BadChange_IsRefusedNamingTheField(string json, HttpStatusCode expected, string field)
    {
        var caseId = await StartIsolatedAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);

        var (status, body) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/rerouting/proposals", json);

        Assert.AreEqual(expected, status, body.ToString());
        Assert.AreEqual(field, body.GetProperty("field").GetString(), body.ToString());
    }

    [TestMethod]
    [DataRow("""{ "change": { "newConcern": { "subject": "person", "concern": "dementia" } }, "decisionVersion": "sha256:older" }""", "decisionVersion")]
    [DataRow("""{ }""", "change")]
    public async Task AcceptRerouting_StaleVersionOrNothingToAccept_Is422(string json, string field)
    {
        var caseId = await StartIsolatedAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);

        var (status, body) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/rerouting/accept", json);

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, status, body.ToString());
        Assert.AreEqual(field, body.GetProperty("field").GetString());
    }

    [TestMethod]
    [DataRow("GET", "proposals")]
    [DataRow("POST", "proposals")]
    [DataRow("POST", "accept")]
    public async Task Rerouting_MissingCaseOrNotACoordinator_IsNotFoundOrForbidden(string method, string action)
    {
        var caseId = await StartIsolatedAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);
        using var intake = TsunaguHost.Client();
        var json = method == "POST" ? Dementia.Replace("{ \"newConcern\"", action == "accept" ? "{ \"change\": { \"newConcern\"" : "{ \"newConcern\"", StringComparison.Ordinal) + (action == "accept" ? " }" : "") : null;

        var (missing, _) = await TsunaguHost.SendAsync(coordinator, new HttpMethod(method), $"/api/cases/no-such-case/rerouting/{action}", json);
        var (notCoordinator, _) = await TsunaguHost.SendAsync(intake, new HttpMethod(method), $"/api/cases/{caseId}/rerouting/{action}", json);

        Assert.AreEqual(HttpStatusCode.NotFound, missing, "a case that does not exist or may not be seen");
        Assert.AreEqual(HttpStatusCode.Forbidden, notCoordinator, "only coordinators re-route, even the intake caseworker");
    }
}
