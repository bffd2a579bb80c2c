using System.Net;
using System.Text;
using System.Text.Json;

namespace Tsunagu.Host.Tests;

/// <summary>Who may see a case and a meeting, consent and the secrecy duty taking effect on the next request, and the audit of it all.</summary>
[TestClass]
public sealed class PrivacyTests
{
    private const string Coordinator = "multi-agency-caseworker";
    private const string Intake = "ikiiki-kogane-caseworker";
    private const string ReferredCore = "kikan-coco-caseworker";
    private const string Unrelated = "jiritsu-caseworker";

    internal static readonly string EightyFiftyConsultation = """
        { "municipality": "matsudo",
          "person": { "age": 82, "area": "小金", "livesAlone": false, "disability": "none", "concerns": ["dementia"] },
          "household": [ { "relation": "son", "age": 52, "disability": "none", "concerns": ["hikikomori"] } ],
          "consent": "granted" }
        """;

    internal static readonly string EightyFifty = $$"""{ "window": "小金高齢者いきいき安心センター", "consultation": {{EightyFiftyConsultation}} }""";


    internal static async Task<string> StartEightyFiftyAsync()
    {
        using var intake = TsunaguHost.Client(Intake);
        var (status, body) = await TsunaguHost.SendAsync(intake, HttpMethod.Post, "/api/cases", EightyFifty);
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        return body.GetProperty("caseId").GetString()!;
    }

    private static async Task<HttpStatusCode> ReadCaseAsync(string user, string caseId)
    {
        using var client = TsunaguHost.Client(user);
        return (await TsunaguHost.SendAsync(client, HttpMethod.Get, $"/api/cases/{caseId}")).Status;
    }

    [TestMethod]
    public async Task GetCase_ByRole_OnlyThoseWithAReasonSeeIt()
    {
        var caseId = await StartEightyFiftyAsync();

        Assert.AreEqual(HttpStatusCode.OK, await ReadCaseAsync(Intake, caseId), "the caseworker who took the intake");
        Assert.AreEqual(HttpStatusCode.OK, await ReadCaseAsync(Coordinator, caseId), "a coordinator");
        Assert.AreEqual(HttpStatusCode.OK, await ReadCaseAsync(ReferredCore, caseId), "a member institution of the referred group, with consent");
        Assert.AreEqual(HttpStatusCode.NotFound, await ReadCaseAsync(Unrelated, caseId), "an unrelated caseworker");
        Assert.AreEqual(HttpStatusCode.NotFound, await ReadCaseAsync("ikiiki-mei1-supervisor", caseId), "a supervisor of an unrelated institution");
        Assert.AreEqual(HttpStatusCode.NotFound, await ReadCaseAsync(Unrelated, "no-such-case"), "a missing case looks the same");
    }

    [TestMethod]
    public async Task GetCase_Visible_ShowsPersonConsentHistoryReferralsAndTasks()
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);

        var (status, view) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}");

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual(82, view.GetProperty("person").GetProperty("age").GetInt32());
        Assert.AreEqual("granted", view.GetProperty("consent").GetString());
        Assert.AreEqual(Intake, view.GetProperty("consentHistory")[0].GetProperty("by").GetString());
        var referrals = view.GetProperty("routing").GetProperty("referrals").EnumerateArray().Select(r => r.GetProperty("institution").GetString()).ToList();
        CollectionAssert.Contains(referrals, "基幹相談支援センター");
        Assert.IsGreaterThan(0, view.GetProperty("tasks").GetArrayLength());
    }

    [TestMethod]
    public async Task PostConsent_Withdrawn_ReferredInstitutionLosesTheCaseOnItsNextRequest()
    {
        var caseId = await StartEightyFiftyAsync();
        Assert.AreEqual(HttpStatusCode.OK, await ReadCaseAsync(ReferredCore, caseId));
        using var coordinator = TsunaguHost.Client(Coordinator);

        var (status, _) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/consent",
            """{ "status": "withdrawn", "scope": [], "evidence": "電話で撤回の申出（本人）" }""");

        Assert.AreEqual(HttpStatusCode.NoContent, status);
        Assert.AreEqual(HttpStatusCode.NotFound, await ReadCaseAsync(ReferredCore, caseId));
        var (_, view) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}");
        Assert.AreEqual("withdrawn", view.GetProperty("consent").GetString());
        var last = view.GetProperty("consentHistory").EnumerateArray().Last();
        Assert.AreEqual(Coordinator, last.GetProperty("by").GetString());
        Assert.AreEqual("電話で撤回の申出（本人）", last.GetProperty("evidence").GetString());
    }

    [TestMethod]
    [DataRow("""{ "status": "maybe" }""", "status")]
    [DataRow("""{ "status": "granted", "scope": [""] }""", "scope")]
    [DataRow("""{ "scope": [] }""", "status")]
    [DataRow("""{ "status": 1 }""", "status")]
    public async Task PostConsent_BadBody_Is400NamingTheFieldAndChangesNothing(string body, string field)
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);

        var (status, problem) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/consent", body);

        Assert.AreEqual(HttpStatusCode.BadRequest, status, problem.ToString());
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
        var (_, view) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}");
        Assert.AreEqual(1, view.GetProperty("consentHistory").GetArrayLength());
    }

    [TestMethod]
    public async Task PostConsent_CaseTheCallerMayNotSee_Is404AndChangesNothing()
    {
        var caseId = await StartEightyFiftyAsync();
        using var stranger = TsunaguHost.Client(Unrelated);

        var (status, _) = await TsunaguHost.SendAsync(stranger, HttpMethod.Post, $"/api/cases/{caseId}/consent", """{ "status": "withdrawn", "scope": [] }""");

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        Assert.AreEqual(HttpStatusCode.OK, await ReadCaseAsync(ReferredCore, caseId), "consent still stands");
    }

    [TestMethod]
    public async Task GetCase_ReferredInstitutionDeclines_LosesTheCaseOnItsNextRequest()
    {
        using var coordinator = TsunaguHost.Client(Coordinator);
        var (created, started) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, "/api/cases", """
            { "window": "松戸市自立相談支援センター",
              "consultation": { "municipality": "matsudo", "person": { "age": 40, "disability": "none", "concerns": ["poverty"] }, "household": [], "consent": "granted" } }
            """);
        Assert.AreEqual(HttpStatusCode.Created, created, started.ToString());
        var caseId = started.GetProperty("caseId").GetString()!;
        Assert.AreEqual(HttpStatusCode.OK, await ReadCaseAsync("jiritsu-supervisor", caseId), "the referred centre sees the case while consent stands");
        using var centre = TsunaguHost.Client(Unrelated);
        var (_, inbox) = await TsunaguHost.SendAsync(centre, HttpMethod.Get, "/api/tasks");
        var taskId = inbox.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId).GetProperty("id").GetString();

        var (declined, problem) = await TsunaguHost.SendAsync(centre, HttpMethod.Post, $"/api/tasks/{taskId}/referral", """{ "outcome": "declined", "reason": "対象外（就労中）" }""");

        Assert.AreEqual(HttpStatusCode.NoContent, declined, problem.ToString());
        Assert.AreEqual(HttpStatusCode.NotFound, await ReadCaseAsync("jiritsu-supervisor", caseId));
        Assert.AreEqual(HttpStatusCode.OK, await ReadCaseAsync(Coordinator, caseId), "the coordinator re-routes it");
    }

    [TestMethod]
    public async Task Meeting_MemberAcknowledgesThenIsRemoved_AccessFollowsOnEachNextRequest()
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);
        using var member = TsunaguHost.Client(Unrelated);
        var meetingId = await CreateMeetingAsync(coordinator, "支援会議", caseId, Unrelated);

        var (before, problem) = await TsunaguHost.SendAsync(member, HttpMethod.Get, $"/api/cases/{caseId}");
        Assert.AreEqual(HttpStatusCode.Forbidden, before);
        StringAssert.Contains(problem.GetProperty("type").GetString(), "AcknowledgementRequired");
        Assert.AreEqual(HttpStatusCode.OK, (await TsunaguHost.SendAsync(member, HttpMethod.Get, $"/api/meetings/{meetingId}")).Status);

        var (acknowledged, meeting) = await TsunaguHost.SendAsync(member, HttpMethod.Post, $"/api/meetings/{meetingId}/acknowledgement");
        Assert.AreEqual(HttpStatusCode.OK, acknowledged);
        Assert.AreNotEqual(JsonValueKind.Null, meeting.GetProperty("members")[0].GetProperty("acknowledgedAt").ValueKind);
        Assert.AreEqual(HttpStatusCode.OK, (await TsunaguHost.SendAsync(member, HttpMethod.Get, $"/api/cases/{caseId}")).Status);

        Assert.AreEqual(HttpStatusCode.NoContent, (await TsunaguHost.SendAsync(coordinator, HttpMethod.Delete, $"/api/meetings/{meetingId}/members/{Unrelated}")).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(member, HttpMethod.Get, $"/api/cases/{caseId}")).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(member, HttpMethod.Get, $"/api/meetings/{meetingId}")).Status);
    }

    [TestMethod]
    public async Task Meeting_NonMember_SeesNeitherMeetingNorCase()
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);
        var meetingId = await CreateMeetingAsync(coordinator, "支援会議", caseId, ReferredCore);
        using var outsider = TsunaguHost.Client("ikiiki-mei1-caseworker");

        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(outsider, HttpMethod.Get, $"/api/meetings/{meetingId}")).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(outsider, HttpMethod.Post, $"/api/meetings/{meetingId}/acknowledgement")).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(outsider, HttpMethod.Get, $"/api/cases/{caseId}")).Status);
    }

    [TestMethod]
    public async Task CreateMeeting_JusouForACaseWithoutConsent_Is422NamingTheCase()
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);
        await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/consent", """{ "status": "withdrawn", "scope": [] }""");

        var (status, problem) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, "/api/meetings",
            $$"""{ "kind": "重層的支援会議", "date": "2026-12-10", "caseIds": ["{{caseId}}"], "members": ["{{ReferredCore}}"] }""");

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, status);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), caseId);
    }

    [TestMethod]
    [DataRow("""{ "kind": "会議", "date": "2026-12-10", "caseIds": ["x"], "members": ["x"] }""", HttpStatusCode.BadRequest, "kind")]
    [DataRow("""{ "kind": "支援会議", "date": "12/10", "caseIds": ["x"], "members": ["x"] }""", HttpStatusCode.BadRequest, "date")]
    [DataRow("""{ "kind": "支援会議", "date": "2026-12-10", "caseIds": [], "members": ["x"] }""", HttpStatusCode.BadRequest, "caseIds")]
    [DataRow("""{ "kind": "支援会議", "date": "2026-12-10", "caseIds": ["no-such-case"], "members": ["jiritsu-caseworker"] }""", HttpStatusCode.UnprocessableEntity, "caseIds")]
    public async Task CreateMeeting_BadRequest_IsRefusedNamingTheField(string body, HttpStatusCode expected, string field)
    {
        using var coordinator = TsunaguHost.Client(Coordinator);

        var (status, problem) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, "/api/meetings", body);

        Assert.AreEqual(expected, status, problem.ToString());
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
    }

    [TestMethod]
    public async Task CreateMeeting_ByACaseworker_Is403()
    {
        var caseId = await StartEightyFiftyAsync();
        using var caseworker = TsunaguHost.Client(Intake);

        var (status, _) = await TsunaguHost.SendAsync(caseworker, HttpMethod.Post, "/api/meetings",
            $$"""{ "kind": "支援会議", "date": "2026-12-10", "caseIds": ["{{caseId}}"], "members": ["{{Intake}}"] }""");

        Assert.AreEqual(HttpStatusCode.Forbidden, status);
    }

    [TestMethod]
    public async Task InformationRequest_AskedAndAnswered_BecomesPartOfTheMeetingRecord()
    {
        var caseId = await StartEightyFiftyAsync();
        using var coordinator = TsunaguHost.Client(Coordinator);
        var meetingId = await CreateMeetingAsync(coordinator, "支援会議", caseId, ReferredCore);

        var (asked, request) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/meetings/{meetingId}/information-requests",
            """{ "institution": "松戸市医師会", "request": "通院状況について" }""");
        var requestId = request.GetProperty("id").GetString();
        var (answered, _) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/meetings/{meetingId}/information-requests/{requestId}/answer",
            """{ "answer": "月1回通院中" }""");
        var (_, meeting) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/meetings/{meetingId}");

        Assert.AreEqual(HttpStatusCode.Created, asked);
        Assert.AreEqual(HttpStatusCode.OK, answered);
        var recorded = meeting.GetProperty("informationRequests").EnumerateArray().Single();
        Assert.AreEqual("月1回通院中", recorded.GetProperty("answer").GetString());
        Assert.AreEqual("松戸市医師会", recorded.GetProperty("institution").GetString());
    }

    [TestMethod]
    public async Task Audit_IntakeReadsAndRefusals_AreRecordedWithoutPersonalData()
    {
        var caseId = await StartEightyFiftyAsync();
        await ReadCaseAsync(Coordinator, caseId);
        await ReadCaseAsync(Unrelated, caseId);
        using var anonymous = TsunaguHost.Shared.CreateClient();
        await TsunaguHost.SendAsync(anonymous, HttpMethod.Get, $"/api/cases/{caseId}");
        using var admin = TsunaguHost.Client("matsudo-admin");

        var (status, entries) = await TsunaguHost.SendAsync(admin, HttpMethod.Get, $"/api/admin/audit?caseId={caseId}");

        Assert.AreEqual(HttpStatusCode.OK, status);
        var seen = entries.EnumerateArray().Select(e => (Actor: e.GetProperty("actor").GetString(), Action: e.GetProperty("action").GetString(), Outcome: e.GetProperty("outcome").GetInt32())).ToList();
        CollectionAssert.Contains(seen, (Intake, "case.start", 200));
        CollectionAssert.Contains(seen, (Coordinator, "case.read", 200));
        CollectionAssert.Contains(seen, (Unrelated, "case.read", 404));
        CollectionAssert.Contains(seen, ("anonymous", "case.read", 401));
        Assert.IsFalse(entries.ToString().Contains("dementia", StringComparison.Ordinal));
        Assert.IsTrue(entries.EnumerateArray().All(e => e.GetProperty("purpose").GetString()!.Length > 0));
    }

    [TestMethod]
    public async Task Audit_Intake_IsWrittenInTheSameTransactionAsTheCase()
    {
        var caseId = await StartEightyFiftyAsync();

        var intake = TsunaguHost.Audit(caseId: caseId).Where(e => e.Record.Action == "case.start").ToList();

        Assert.HasCount(1, intake, "one entry, carried by the instance commit");
        Assert.AreEqual(Intake, intake[0].Record.Actor);
    }

    internal static async Task<string> CreateMeetingAsync(HttpClient coordinator, string kind, string caseId, params string[] members)
    {
        var body = JsonSerializer.Serialize(new { kind, date = "2026-12-10", caseIds = new[] { caseId }, members });
        var (status, created) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, "/api/meetings", body);
        Assert.AreEqual(HttpStatusCode.Created, status, created.ToString());
        return created.GetProperty("meetingId").GetString()!;
    }
}
