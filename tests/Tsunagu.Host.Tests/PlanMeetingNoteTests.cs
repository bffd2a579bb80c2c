using System.Net;
using System.Text.Json;
using static Tsunagu.Host.Tests.EightyFiftyEndToEndTests;
using static Tsunagu.Host.Tests.PrivacyTests;

namespace Tsunagu.Host.Tests;

/// <summary>Plan versions and If-Match, meeting records and decisions, and the contact log: refusals and who may do what.</summary>
[TestClass]
public sealed class PlanMeetingNoteTests
{
    private const string Coordinator = "multi-agency-caseworker";
    /// <summary>A small valid plan: one 参加支援 role at つながるステーション.</summary>
    internal const string Plan = """
        { "lead": "地域包括ケア推進課", "goals": "外出の回復", "periodFrom": "2026-01-01", "periodTo": "2026-06-30", "reviewOn": "2026-03-31",
          "roles": [ { "institution": "まつどDEつながるステーション", "kind": "参加支援", "task": "居場所" } ] }
        """;

    private static HttpClient Client() => TsunaguHost.Client(Coordinator);

    [TestMethod]
    public async Task SavePlan_IfMatchMissingStaleOrMalformed_Is428Then412Then400AndKeepsTheCurrentVersion()
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = Client();
        var (first, _, etag) = await PutPlanAsync(coordinator, caseId, Plan, null);
        Assert.AreEqual(HttpStatusCode.OK, first);

        // Another plan: the same one again without a version is the first save retried (PlanRecoveryTests).
        var changed = Plan.Replace("外出の回復", "就労体験", StringComparison.Ordinal);
        Assert.AreEqual(HttpStatusCode.PreconditionRequired, (await PutPlanAsync(coordinator, caseId, changed, null)).Status);
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, (await PutPlanAsync(coordinator, caseId, changed, "\"7\"")).Status);
        var (malformed, problem, _) = await PutPlanAsync(coordinator, caseId, changed, "W/\"1\"");
        Assert.AreEqual(HttpStatusCode.BadRequest, malformed);
        Assert.AreEqual("If-Match", problem.GetProperty("field").GetString());

        Assert.AreEqual(1, (await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/plan/versions")).Body.GetArrayLength());
        Assert.AreEqual(HttpStatusCode.OK, (await PutPlanAsync(coordinator, caseId, changed, etag)).Status);
    }

    [TestMethod]
    [DataRow("\"lead\": \"地域包括ケア推進課\"", "\"lead\": \"どこか\"", "lead")]
    [DataRow("\"goals\": \"外出の回復\"", "\"goals\": \"\"", "goals")]
    [DataRow("\"periodTo\": \"2026-06-30\"", "\"periodTo\": \"2025-06-30\"", "periodTo")]
    [DataRow("\"reviewOn\": \"2026-03-31\"", "\"reviewOn\": \"2027-03-31\"", "reviewOn")]
    [DataRow("\"kind\": \"参加支援\"", "\"kind\": \"遊び\"", "roles[0].kind")]
    [DataRow("\"institution\": \"まつどDEつながるステーション\"", "\"institution\": \"どこか\"", "roles[0].institution")]
    [DataRow("\"task\": \"居場所\"", "\"task\": \" \"", "roles[0].task")]
    [DataRow("\"goals\": \"外出の回復\",", "", "goals")]
    [DataRow("\"reviewOn\": \"2026-03-31\"", "\"reviewOn\": \"3/31\"", "reviewOn")]
    public async Task SavePlan_BadContent_Is400NamingTheFieldAndSavesNothing(string from, string to, string field)
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = Client();

        var (status, problem, _) = await PutPlanAsync(coordinator, caseId, Plan.Replace(from, to, StringComparison.Ordinal), null);

        Assert.AreEqual(HttpStatusCode.BadRequest, status, problem.ToString());
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/plan")).Status, "no plan yet");
    }

    [TestMethod]
    public async Task SavePlan_ByACaseworkerOrForAMissingCase_IsRefused()
    {
        var caseId = await StartEightyFiftyAsync();
        using var caseworker = TsunaguHost.Client("ikiiki-kogane-caseworker");
        using var coordinator = Client();

        Assert.AreEqual(HttpStatusCode.Forbidden, (await PutPlanAsync(caseworker, caseId, Plan, null)).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await PutPlanAsync(coordinator, "no-such-case", Plan, null)).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(TsunaguHost.Client("jiritsu-caseworker"), HttpMethod.Get, $"/api/cases/{caseId}/plan")).Status);
    }

    [TestMethod]
    public async Task Decide_PlanApprovalInASupportMeetingOrOfAStaleVersion_Is422()
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = Client();
        await PutPlanAsync(coordinator, caseId, Plan, null);
        var shien = await CreateMeetingAsync(coordinator, "支援会議", caseId, Coordinator);
        var jusou = await CreateMeetingAsync(coordinator, "重層的支援会議", caseId, Coordinator);

        var (inShien, p1) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/meetings/{shien}/decisions", $$"""{ "caseId": "{{caseId}}", "kind": "プラン承認", "planVersion": 1 }""");
        var (stale, p2) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/meetings/{jusou}/decisions", $$"""{ "caseId": "{{caseId}}", "kind": "プラン承認", "planVersion": 2 }""");

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, inShien);
        Assert.AreEqual("kind", p1.GetProperty("field").GetString());
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, stale);
        Assert.AreEqual("planVersion", p2.GetProperty("field").GetString());
        var (_, plan) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/plan");
        Assert.AreEqual(JsonValueKind.Null, plan.GetProperty("approval").ValueKind);
        var (_, meeting) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/meetings/{jusou}");
        Assert.AreEqual(0, meeting.GetProperty("decisions").GetArrayLength());
    }

    [TestMethod]
    [DataRow("""{ "caseId": "CASE", "kind": "雑談" }""", HttpStatusCode.BadRequest, "kind")]
    [DataRow("""{ "caseId": "CASE", "kind": "終結判断" }""", HttpStatusCode.BadRequest, "note")]
    [DataRow("""{ "caseId": "CASE", "kind": "モニタリング結果", "note": "" }""", HttpStatusCode.BadRequest, "note")]
    [DataRow("""{ "caseId": "other", "kind": "支援決定" }""", HttpStatusCode.UnprocessableEntity, "caseId")]
    [DataRow("""{ "caseId": "CASE", "kind": "モニタリング結果", "note": "順調" }""", HttpStatusCode.UnprocessableEntity, "kind")]
    [DataRow("""{ "kind": "支援決定" }""", HttpStatusCode.BadRequest, "caseId")]
    public async Task Decide_BadDecision_IsRefusedNamingTheFieldAndTheCaseStaysOpen(string body, HttpStatusCode expected, string field)
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = Client();
        var meetingId = await CreateMeetingAsync(coordinator, "支援会議", caseId, Coordinator);

        var (status, problem) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/meetings/{meetingId}/decisions", body.Replace("CASE", caseId, StringComparison.Ordinal));

        Assert.AreEqual(expected, status, problem.ToString());
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
        Assert.AreEqual("Active", (await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}")).Body.GetProperty("status").GetString());
    }

    [TestMethod]
    public async Task Decide_ClosureBySomeoneNotCoordinating_Is403AndTheCaseStaysOpen()
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = Client();
        var meetingId = await CreateMeetingAsync(coordinator, "支援会議", caseId, "kikan-onpu-caseworker");
        using var member = TsunaguHost.Client("kikan-onpu-caseworker");

        var (status, _) = await TsunaguHost.SendAsync(member, HttpMethod.Post, $"/api/meetings/{meetingId}/decisions", $$"""{ "caseId": "{{caseId}}", "kind": "終結判断", "note": "x" }""");

        Assert.AreEqual(HttpStatusCode.Forbidden, status);
        Assert.AreEqual("Active", (await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}")).Body.GetProperty("status").GetString());
    }

    [TestMethod]
    [DataRow("""{ "attendance": [ { "staffId": "jiritsu-caseworker", "present": true } ], "minutes": "x" }""", "attendance[0].staffId")]
    [DataRow("""{ "attendance": [], "minutes": "" }""", "minutes")]
    [DataRow("""{ "attendance": [] }""", "minutes")]
    [DataRow("""{ "attendance": [ { "present": true } ], "minutes": "x" }""", "attendance[0].staffId")]
    public async Task RecordMeeting_BadRecord_Is400NamingTheField(string body, string field)
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = Client();
        var meetingId = await CreateMeetingAsync(coordinator, "支援会議", caseId, Coordinator);

        var (status, problem) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Put, $"/api/meetings/{meetingId}/record", body);

        Assert.AreEqual(HttpStatusCode.BadRequest, status, problem.ToString());
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
    }

    [TestMethod]
    [DataRow("""{ "kind": "雑談", "occurredOn": "2026-01-01" }""", "kind")]
    [DataRow("""{ "kind": "アウトリーチ", "occurredOn": "2026-01-01", "reached": true }""", "method")]
    [DataRow("""{ "kind": "アウトリーチ", "occurredOn": "2026-01-01", "method": "メール", "reached": true }""", "method")]
    [DataRow("""{ "kind": "アウトリーチ", "occurredOn": "2026-01-01", "method": "訪問" }""", "reached")]
    [DataRow("""{ "kind": "参加支援", "occurredOn": "2026-01-01", "place": "どこか" }""", "place")]
    [DataRow("""{ "kind": "参加支援", "occurredOn": "2026-01-01", "place": "まつどDEつながるステーション", "companion": "nobody" }""", "companion")]
    [DataRow("""{ "kind": "メモ", "occurredOn": "2026-01-01" }""", "text")]
    [DataRow("""{ "kind": "メモ", "occurredOn": "2026-01-01", "text": "x", "method": "訪問" }""", "method")]
    [DataRow("""{ "kind": "メモ", "occurredOn": "2999-01-01", "text": "x" }""", "occurredOn")]
    [DataRow("""{ "kind": "メモ", "text": "x" }""", "occurredOn")]
    public async Task AddNote_BadNote_Is400NamingTheFieldAndAddsNothing(string body, string field)
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = Client();

        var (status, problem) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/notes", body);

        Assert.AreEqual(HttpStatusCode.BadRequest, status, problem.ToString());
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
        Assert.AreEqual(0, (await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/notes")).Body.GetArrayLength());
    }

    [TestMethod]
    public async Task AddNote_CaseTheCallerMayNotSee_Is404()
    {
        var caseId = await StartEightyFiftyAsync();
        using var stranger = TsunaguHost.Client("jiritsu-caseworker");

        var (status, _) = await TsunaguHost.SendAsync(stranger, HttpMethod.Post, $"/api/cases/{caseId}/notes", JsonSerializer.Serialize(new { kind = "メモ", occurredOn = "2026-01-01", text = "x" }));

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(stranger, HttpMethod.Get, $"/api/cases/{caseId}/notes")).Status);
    }
}
