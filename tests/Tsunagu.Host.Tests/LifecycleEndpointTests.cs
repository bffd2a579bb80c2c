using System.Net;
using System.Text.Json;
using static Tsunagu.Host.Tests.PrivacyTests;

namespace Tsunagu.Host.Tests;

/// <summary>Close, suspend, reopen, the monitoring interval, and claim/unclaim/reassign with a reason, over HTTP.</summary>
[TestClass]
public sealed class LifecycleEndpointTests
{
    private const string Coordinator = "multi-agency-caseworker";
    private const string Worker = "jiritsu-caseworker";
    private const string Supervisor = "jiritsu-supervisor";

    private static readonly string[] AssignmentKinds = ["task-reassigned", "task-unclaimed", "task-claimed"];

    private const string PovertyIntake = """
        { "window": "松戸市自立相談支援センター", "person": { "name": "八柱 三郎", "kana": "ヤバシラ サブロウ" },
          "consultation": { "municipality": "matsudo", "person": { "age": 40, "concerns": ["poverty"] }, "household": [], "consent": "unknown" } }
        """;

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, string caseId) =>
        [.. (await TsunaguHost.SendAsync(client, HttpMethod.Get, $"/api/cases/{caseId}/timeline")).Body.EnumerateArray()];

    private static async Task<(string CaseId, JsonElement Task)> StartPovertyAsync()
    {
        using var worker = TsunaguHost.Client(Worker);
        var (_, started) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", PovertyIntake);
        var caseId = started.GetProperty("caseId").GetString()!;
        return (caseId, await InboxTaskAsync(worker, caseId));
    }

    private static async Task<JsonElement> InboxTaskAsync(HttpClient client, string caseId)
    {
        var (_, inbox) = await TsunaguHost.SendAsync(client, HttpMethod.Get, "/api/tasks");
        return inbox.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId);
    }

    [TestMethod]
    public async Task Close_WithEvaluation_EndsTheCaseOnceAndTheTimelineShowsIt()
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);

        var (closed, _) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/close", """{ "evaluation": "地域の見守りへ移行" }""");
        var (again, problem) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/close", """{ "evaluation": "再度" }""");

        Assert.AreEqual(HttpStatusCode.NoContent, closed);
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, again);
        Assert.AreEqual("caseId", problem.GetProperty("field").GetString());
        var timeline = await TimelineAsync(coordinator, caseId);
        Assert.AreEqual("終結", timeline.Single(e => e.GetProperty("kind").GetString() == "judgement").GetProperty("detail").GetString());
        Assert.AreEqual("ended", timeline[^1].GetProperty("kind").GetString());
    }

    [TestMethod]
    public async Task SuspendThenReopen_NewCaseForTheSamePersonThatNamesTheOldOne()
    {
        var (caseId, _) = await StartPovertyAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);
        var (openReopen, _) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/reopen", """{ "reason": "早すぎる" }""");

        Assert.AreEqual(HttpStatusCode.NoContent, (await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/suspend", """{ "reason": "転居" }""")).Status);
        var (status, reopened) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/reopen", """{ "reason": "市内に戻り再相談" }""");

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, openReopen, "an open case is not reopened");
        Assert.AreEqual(HttpStatusCode.Created, status, reopened.ToString());
        var newId = reopened.GetProperty("caseId").GetString()!;
        Assert.AreEqual(caseId, reopened.GetProperty("reopenedFrom").GetString());
        var (_, before) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}");
        var (_, after) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{newId}");
        Assert.AreEqual(before.GetProperty("subject").GetProperty("person").GetProperty("id").GetString(), after.GetProperty("subject").GetProperty("person").GetProperty("id").GetString());
        Assert.AreEqual("Active", after.GetProperty("status").GetString());
        StringAssert.Contains((await TimelineAsync(coordinator, newId))[0].GetProperty("detail").GetString(), $"再開: {caseId} (市内に戻り再相談)");
        Assert.AreEqual("中断", (await TimelineAsync(coordinator, caseId)).Single(e => e.GetProperty("kind").GetString() == "judgement").GetProperty("detail").GetString());
    }

    [TestMethod]
    public async Task ChangeMonitoringInterval_Valid_IsRecordedAndBadOrEndedIsRefused()
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);

        var (changed, _) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Put, $"/api/cases/{caseId}/monitoring-interval", """{ "interval": "P1M" }""");
        var (bad, problem) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Put, $"/api/cases/{caseId}/monitoring-interval", """{ "interval": "3 months" }""");
        await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/close", """{ "evaluation": "終結" }""");
        var (ended, _) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Put, $"/api/cases/{caseId}/monitoring-interval", """{ "interval": "P2M" }""");

        Assert.AreEqual(HttpStatusCode.NoContent, changed);
        Assert.AreEqual(HttpStatusCode.BadRequest, bad);
        Assert.AreEqual("interval", problem.GetProperty("field").GetString());
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, ended);
        CollectionAssert.Contains((await TimelineAsync(coordinator, caseId)).Select(e => e.GetProperty("kind").GetString()).ToList(), "interval-changed");
    }

    [TestMethod]
    [DataRow("close", """{ }""", "evaluation")]
    [DataRow("close", """{ "evaluation": " " }""", "evaluation")]
    [DataRow("suspend", """{ "reason": "" }""", "reason")]
    [DataRow("suspend", """{ "reason": "x", "extra": 1 }""", "extra")]
    [DataRow("reopen", """{ }""", "reason")]
    public async Task Lifecycle_BadBody_Is400NamingTheFieldAndTheCaseStaysOpen(string command, string body, string field)
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);

        var (status, problem) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/{command}", body);

        Assert.AreEqual(HttpStatusCode.BadRequest, status, problem.ToString());
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
        Assert.AreEqual("Active", (await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}")).Body.GetProperty("status").GetString());
    }

    [TestMethod]
    public async Task Close_ByACaseworkerOrForAMissingCase_IsRefused()
    {
        var caseId = await StartEightyFiftyAsync();
        using var caseworker = TsunaguHost.Client("ikiiki-kogane-caseworker");
        using var coordinator = TsunaguHost.Client(Coordinator);

        Assert.AreEqual(HttpStatusCode.Forbidden, (await TsunaguHost.SendAsync(caseworker, HttpMethod.Post, $"/api/cases/{caseId}/close", """{ "evaluation": "x" }""")).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, "/api/cases/no-such-case/close", """{ "evaluation": "x" }""")).Status);
    }

    [TestMethod]
    public async Task ReassignUnclaimClaim_BySupervisor_MoveTheTaskWithTheReasonRecorded()
    {
        var (caseId, task) = await StartPovertyAsync();
        var taskId = task.GetProperty("id").GetString();
        using var supervisor = TsunaguHost.Client(Supervisor);
        using var worker = TsunaguHost.Client(Worker);

        var (reassigned, p1) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Post, $"/api/tasks/{taskId}/reassign", $$"""{ "userId": "{{Supervisor}}", "reason": "担当者休暇" }""");
        Assert.AreEqual(HttpStatusCode.NoContent, reassigned, p1.ToString());
        var held = await InboxTaskAsync(supervisor, caseId);
        Assert.AreEqual(Supervisor, held.GetProperty("assignee").GetString());
        Assert.AreEqual("担当者休暇", held.GetProperty("assignmentReason").GetString());

        Assert.AreEqual(HttpStatusCode.NoContent, (await TsunaguHost.SendAsync(supervisor, HttpMethod.Post, $"/api/tasks/{taskId}/unclaim", """{ "reason": "復帰" }""")).Status);
        Assert.AreEqual(HttpStatusCode.NoContent, (await TsunaguHost.SendAsync(supervisor, HttpMethod.Post, $"/api/tasks/{taskId}/claim", $$"""{ "userId": "{{Worker}}", "reason": "元の担当へ" }""")).Status);

        Assert.AreEqual(Worker, (await InboxTaskAsync(worker, caseId)).GetProperty("assignee").GetString());
        var kinds = (await TimelineAsync(worker, caseId)).Select(e => e.GetProperty("kind").GetString()).ToList();
        CollectionAssert.IsSubsetOf(AssignmentKinds, kinds);
    }

    [TestMethod]
    public async Task Reassign_ByCaseworkerOrOtherInstitutionsSupervisor_Is404AndToAnOutsider422()
    {
        var (_, task) = await StartPovertyAsync();
        var taskId = task.GetProperty("id").GetString();
        using var worker = TsunaguHost.Client(Worker);
        using var otherSupervisor = TsunaguHost.Client("ikiiki-kogane-supervisor");
        using var supervisor = TsunaguHost.Client(Supervisor);
        var body = $$"""{ "userId": "{{Supervisor}}", "reason": "x" }""";

        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{taskId}/reassign", body)).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(otherSupervisor, HttpMethod.Post, $"/api/tasks/{taskId}/reassign", body)).Status);
        var (outsider, problem) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Post, $"/api/tasks/{taskId}/reassign", """{ "userId": "ikiiki-kogane-caseworker", "reason": "x" }""");
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, outsider);
        Assert.AreEqual("userId", problem.GetProperty("field").GetString());
        Assert.AreEqual(Worker, (await InboxTaskAsync(worker, task.GetProperty("caseId").GetString()!)).GetProperty("assignee").GetString());
    }

    [TestMethod]
    [DataRow("reassign", """{ "userId": "jiritsu-supervisor" }""", "reason")]
    [DataRow("reassign", """{ "reason": "x" }""", "userId")]
    [DataRow("claim", """{ "reason": "" }""", "reason")]
    [DataRow("unclaim", """{ "reason": 3 }""", "reason")]
    public async Task TaskAssignment_BadBody_Is400NamingTheField(string command, string body, string field)
    {
        var (_, task) = await StartPovertyAsync();
        using var supervisor = TsunaguHost.Client(Supervisor);

        var (status, problem) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Post, $"/api/tasks/{task.GetProperty("id").GetString()}/{command}", body);

        Assert.AreEqual(HttpStatusCode.BadRequest, status, problem.ToString());
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
    }
}
