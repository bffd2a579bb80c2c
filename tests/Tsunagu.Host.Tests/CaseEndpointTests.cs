using System.Net;
using System.Text;
using System.Text.Json;

namespace Tsunagu.Host.Tests;

/// <summary>Cases over HTTP: intake, the inbox a caseworker sees, completing a task, and the indicators.</summary>
[TestClass]
public sealed class CaseEndpointTests
{
    private const string PovertyIntake = """
        { "window": "松戸市自立相談支援センター",
          "consultation": { "municipality": "matsudo", "person": { "age": 40, "disability": "none", "concerns": ["poverty"] }, "household": [], "consent": "unknown" } }
        """;


    [TestMethod]
    public async Task PostCase_PovertyOnly_OffersTaskToTheCentreWhoseCaseworkerAcceptsIt()
    {
        using var worker = TsunaguHost.Client("jiritsu-caseworker");
        using var other = TsunaguHost.Client("ikiiki-kogane-caseworker");

        var (created, started) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", PovertyIntake);
        Assert.AreEqual(HttpStatusCode.Created, created);
        var caseId = started.GetProperty("caseId").GetString();

        var (_, inbox) = await TsunaguHost.SendAsync(worker, HttpMethod.Get, "/api/tasks");
        var task = inbox.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId);
        Assert.AreEqual("jiritsu-caseworker", task.GetProperty("assignee").GetString());
        var (_, othersInbox) = await TsunaguHost.SendAsync(other, HttpMethod.Get, "/api/tasks");
        Assert.IsFalse(othersInbox.EnumerateArray().Any(t => t.GetProperty("caseId").GetString() == caseId));

        var taskId = task.GetProperty("id").GetString();
        var (refused, _) = await TsunaguHost.SendAsync(other, HttpMethod.Post, $"/api/tasks/{taskId}/referral", """{ "outcome": "accepted" }""");
        Assert.AreEqual(HttpStatusCode.NotFound, refused, "another institution's caseworker must not even see the task");
        var (done, _) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{taskId}/referral", """{ "outcome": "accepted" }""");
        Assert.AreEqual(HttpStatusCode.NoContent, done);

        var (_, after) = await TsunaguHost.SendAsync(worker, HttpMethod.Get, "/api/tasks");
        Assert.IsFalse(after.EnumerateArray().Any(t => t.GetProperty("id").GetString() == taskId));
    }

    [TestMethod]
    public async Task GetIndicators_AfterAnIntake_CountsItByWindowForSupervisorsOnly()
    {
        using var worker = TsunaguHost.Client("jiritsu-caseworker");
        using var supervisor = TsunaguHost.Client("jiritsu-supervisor");
        await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", PovertyIntake);

        var (refused, _) = await TsunaguHost.SendAsync(worker, HttpMethod.Get, "/api/indicators");
        var (status, indicators) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Get, "/api/indicators");

        Assert.AreEqual(HttpStatusCode.Forbidden, refused);
        Assert.AreEqual(HttpStatusCode.OK, status);
        var intakes = indicators.GetProperty("intakes").EnumerateArray().Where(i => i.GetProperty("window").GetString() == "松戸市自立相談支援センター");
        Assert.IsGreaterThanOrEqualTo(1, intakes.Sum(i => i.GetProperty("count").GetInt32()));
    }

    [TestMethod]
    public async Task PostCase_InvalidArea_Is400AndStartsNothing()
    {
        using var worker = TsunaguHost.Client("jiritsu-caseworker");
        var (before, _) = (await TsunaguHost.SendAsync(worker, HttpMethod.Get, "/api/tasks"));

        var (status, problem) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", PovertyIntake.Replace("\"age\": 40", "\"age\": 40, \"area\": \"月面\"", StringComparison.Ordinal));

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "person.area");
        Assert.AreEqual(HttpStatusCode.OK, before);
    }

    private static async Task<(string CaseId, string TaskId)> StartPovertyCaseAsync(HttpClient worker)
    {
        var (_, started) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", PovertyIntake);
        var caseId = started.GetProperty("caseId").GetString()!;
        var (_, inbox) = await TsunaguHost.SendAsync(worker, HttpMethod.Get, "/api/tasks");
        return (caseId, inbox.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId).GetProperty("id").GetString()!);
    }

    [TestMethod]
    public async Task CompleteTask_FormSetsConsent_Is400AndTheTaskStaysOpen()
    {
        using var worker = TsunaguHost.Client("jiritsu-caseworker");
        var (_, taskId) = await StartPovertyCaseAsync(worker);

        var (status, problem) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{taskId}/complete", """{ "consent": "granted" }""");

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "consent");
        var (_, inbox) = await TsunaguHost.SendAsync(worker, HttpMethod.Get, "/api/tasks");
        Assert.IsTrue(inbox.EnumerateArray().Any(t => t.GetProperty("id").GetString() == taskId));
    }

    [TestMethod]
    public async Task CompleteTask_AssignedToAColleague_IsNotFound()
    {
        using var worker = TsunaguHost.Client("jiritsu-caseworker");
        using var colleague = TsunaguHost.Client("jiritsu-supervisor");
        var (_, taskId) = await StartPovertyCaseAsync(worker);

        var (status, _) = await TsunaguHost.SendAsync(colleague, HttpMethod.Post, $"/api/tasks/{taskId}/complete", "{}");

        Assert.AreEqual(HttpStatusCode.NotFound, status);
    }

    [TestMethod]
    [DataRow("\"municipality\": \"matsudo\"", "\"municipality\": \"ichikawa\"", "consultation.municipality")]
    [DataRow("\"window\": \"松戸市自立相談支援センター\"", "\"window\": \"どこか\"", "window")]
    public async Task PostCase_OtherMunicipalityOrUnknownWindow_Is400NamingTheField(string from, string to, string field)
    {
        using var worker = TsunaguHost.Client("jiritsu-caseworker");

        var (status, problem) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", PovertyIntake.Replace(from, to, StringComparison.Ordinal));

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
    }

    [TestMethod]
    [DataRow("ikiiki-kogane-caseworker", HttpStatusCode.UnprocessableEntity)]
    [DataRow("multi-agency-caseworker", HttpStatusCode.Created)]
    public async Task PostCase_AtAnotherInstitutionsWindow_OnlyCoordinatorsMay(string user, HttpStatusCode expected)
    {
        using var client = TsunaguHost.Client(user);

        var (status, body) = await TsunaguHost.SendAsync(client, HttpMethod.Post, "/api/cases", PovertyIntake);

        Assert.AreEqual(expected, status);
        if (expected == HttpStatusCode.UnprocessableEntity)
        {
            Assert.AreEqual("window", body.GetProperty("field").GetString());
        }
    }

    [TestMethod]
    public async Task PostCase_NullHousehold_StartsTheCase()
    {
        using var worker = TsunaguHost.Client("jiritsu-caseworker");

        var (status, _) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", PovertyIntake.Replace("\"household\": []", "\"household\": null", StringComparison.Ordinal));

        Assert.AreEqual(HttpStatusCode.Created, status);
    }
}
