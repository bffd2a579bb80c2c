using System.Net;
using System.Text.Json;
using static Tsunagu.Host.Tests.PrivacyTests;

namespace Tsunagu.Host.Tests;

/// <summary>Referral acceptance and decline, the coordinator's review of a decline, and escalation to 多機関協働 over HTTP.</summary>
[TestClass]
public sealed class ReferralEndpointTests
{
    private const string Worker = "jiritsu-caseworker";
    private const string Coordinator = "multi-agency-caseworker";

    private const string PovertyIntake = """
        { "window": "松戸市自立相談支援センター",
          "consultation": { "municipality": "matsudo", "person": { "age": 40, "disability": "none", "concerns": ["poverty"] }, "household": [], "consent": "granted" } }
        """;

    private static async Task<(string CaseId, string TaskId)> StartAsync(HttpClient worker)
    {
        var (_, started) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", PovertyIntake);
        var caseId = started.GetProperty("caseId").GetString()!;
        return (caseId, await TaskOfAsync(worker, caseId, "referral"));
    }

    private static async Task<string> TaskOfAsync(HttpClient client, string caseId, string node)
    {
        var (_, inbox) = await TsunaguHost.SendAsync(client, HttpMethod.Get, "/api/tasks");
        return inbox.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId && t.GetProperty("node").GetString() == node).GetProperty("id").GetString()!;
    }

    private static async Task<List<string>> KindsAsync(HttpClient client, string caseId)
    {
        var (_, timeline) = await TsunaguHost.SendAsync(client, HttpMethod.Get, $"/api/cases/{caseId}/timeline");
        return [.. timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];
    }

    [TestMethod]
    public async Task DecideReferral_Declined_GoesToTheCoordinatorAndTheTimelineShowsTheReason()
    {
        using var worker = TsunaguHost.Client(Worker);
        using var coordinator = TsunaguHost.Client(Coordinator);
        var (caseId, taskId) = await StartAsync(worker);

        var (status, _) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{taskId}/referral", """{ "outcome": "declined", "reason": "対象外（就労中）" }""");

        Assert.AreEqual(HttpStatusCode.NoContent, status);
        await TaskOfAsync(coordinator, caseId, "referral-review");
        var (_, timeline) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/timeline");
        var declined = timeline.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "referral-declined");
        Assert.AreEqual("松戸市自立相談支援センター: 対象外（就労中）", declined.GetProperty("detail").GetString());
        Assert.AreEqual(Worker, declined.GetProperty("actor").GetString());
    }

    [TestMethod]
    public async Task Escalate_AcceptedCase_OpensTriageForTheCoordinatorAndCaseStaysActive()
    {
        using var worker = TsunaguHost.Client(Worker);
        using var coordinator = TsunaguHost.Client(Coordinator);
        var (caseId, taskId) = await StartAsync(worker);
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, (await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/cases/{caseId}/escalation", """{ "reason": "早すぎる" }""")).Status);
        await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{taskId}/referral", """{ "outcome": "accepted" }""");

        var (status, _) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/cases/{caseId}/escalation", """{ "reason": "世帯に複合課題（8050）" }""");

        Assert.AreEqual(HttpStatusCode.NoContent, status);
        await TaskOfAsync(coordinator, caseId, "triage");
        var (_, view) = await TsunaguHost.SendAsync(worker, HttpMethod.Get, $"/api/cases/{caseId}");
        Assert.AreEqual("Active", view.GetProperty("status").GetString());
        var kinds = await KindsAsync(worker, caseId);
        Assert.IsLessThan(kinds.IndexOf("escalation"), kinds.IndexOf("referral-accepted"));
    }

    [TestMethod]
    [DataRow("""{ "outcome": "maybe" }""", HttpStatusCode.BadRequest, "outcome")]
    [DataRow("""{ "outcome": "declined" }""", HttpStatusCode.BadRequest, "reason")]
    [DataRow("""{ "outcome": "declined", "reason": " " }""", HttpStatusCode.BadRequest, "reason")]
    [DataRow("""{ "reason": "x" }""", HttpStatusCode.BadRequest, "outcome")]
    [DataRow("""{ "outcome": "accepted", "note": "x" }""", HttpStatusCode.BadRequest, "note")]
    [DataRow("""{ "outcome": 1 }""", HttpStatusCode.BadRequest, "outcome")]
    public async Task DecideReferral_BadBody_IsRefusedNamingTheFieldAndTheTaskStaysOpen(string body, HttpStatusCode expected, string field)
    {
        using var worker = TsunaguHost.Client(Worker);
        var (caseId, taskId) = await StartAsync(worker);

        var (status, problem) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{taskId}/referral", body);

        Assert.AreEqual(expected, status, problem.ToString());
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
        Assert.AreEqual(taskId, await TaskOfAsync(worker, caseId, "referral"));
    }

    [TestMethod]
    public async Task DecideReferral_TaskThatIsNoReferral_Is422AndCompleteOnAReferralIs422()
    {
        using var worker = TsunaguHost.Client(Worker);
        using var coordinator = TsunaguHost.Client(Coordinator);
        var (caseId, taskId) = await StartAsync(worker);

        var (asForm, formProblem) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{taskId}/complete", "{}");
        await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{taskId}/referral", """{ "outcome": "declined", "reason": "対象外" }""");
        var review = await TaskOfAsync(coordinator, caseId, "referral-review");
        var (asReferral, referralProblem) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/tasks/{review}/referral", """{ "outcome": "accepted" }""");

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, asForm);
        Assert.AreEqual("taskId", formProblem.GetProperty("field").GetString());
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, asReferral);
        Assert.AreEqual("taskId", referralProblem.GetProperty("field").GetString());
    }

    [TestMethod]
    public async Task DecideReferral_OtherInstitutionOrUnknownTask_Is404()
    {
        using var worker = TsunaguHost.Client(Worker);
        using var other = TsunaguHost.Client("ikiiki-kogane-caseworker");
        var (_, taskId) = await StartAsync(worker);

        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(other, HttpMethod.Post, $"/api/tasks/{taskId}/referral", """{ "outcome": "accepted" }""")).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{Guid.NewGuid()}/referral", """{ "outcome": "accepted" }""")).Status);
    }

    [TestMethod]
    [DataRow("""{ }""", "reason")]
    [DataRow("""{ "reason": "" }""", "reason")]
    [DataRow("""{ "reason": 5 }""", "reason")]
    public async Task Escalate_BadBody_Is400NamingReason(string body, string field)
    {
        using var worker = TsunaguHost.Client(Worker);
        var (caseId, _) = await StartAsync(worker);

        var (status, problem) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/cases/{caseId}/escalation", body);

        Assert.AreEqual(HttpStatusCode.BadRequest, status, problem.ToString());
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
    }

    [TestMethod]
    public async Task Escalate_CaseTheCallerMayNotSee_Is404()
    {
        using var worker = TsunaguHost.Client(Worker);
        using var stranger = TsunaguHost.Client("ikiiki-kogane-caseworker");
        var (caseId, _) = await StartAsync(worker);

        var (status, _) = await TsunaguHost.SendAsync(stranger, HttpMethod.Post, $"/api/cases/{caseId}/escalation", JsonSerializer.Serialize(new { reason = "x" }));

        Assert.AreEqual(HttpStatusCode.NotFound, status);
    }
}
