using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using static Tsunagu.Host.Tests.PrivacyTests;

namespace Tsunagu.Host.Tests;

/// <summary>A whole 8050 case on the real 松戸 pack through the API alone: intake with the person to a meeting's 終結判断.</summary>
[TestClass]
public sealed class EightyFiftyEndToEndTests
{
    private const string Intake = "ikiiki-kogane-caseworker";
    private const string Coordinator = "multi-agency-caseworker";
    private const string Station = "tsunagaru-station-caseworker";

    private const string PlanV1 = """
        { "lead": "地域包括ケア推進課", "goals": "母の介護負担の軽減と本人の外出", "periodFrom": "2026-01-01", "periodTo": "2026-06-30", "reviewOn": "2026-03-31",
          "roles": [
            { "institution": "小金高齢者いきいき安心センター", "kind": "アウトリーチ", "task": "月1回の訪問" },
            { "institution": "まつどDEつながるステーション", "kind": "参加支援", "task": "居場所への参加" },
            { "institution": "小金基幹相談支援センター おんぷ", "kind": "相談支援", "task": "本人との面談" } ] }
        """;

    internal static async Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> PutPlanAsync(HttpClient client, string caseId, string json, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/cases/{caseId}/plan", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag?.Tag);
    }

    internal static async Task<string> TaskAsync(HttpClient client, string caseId, string node)
    {
        var (_, inbox) = await TsunaguHost.SendAsync(client, HttpMethod.Get, "/api/tasks");
        var task = inbox.EnumerateArray().SingleOrDefault(t => t.GetProperty("caseId").GetString() == caseId && t.GetProperty("node").GetString() == node);
        Assert.AreEqual(JsonValueKind.Object, task.ValueKind, $"an open {node} task in the inbox: {inbox}");
        return task.GetProperty("id").GetString()!;
    }

    private static async Task CompleteAsync(HttpClient client, string caseId, string node, string form = "{}")
    {
        var (status, problem) = await TsunaguHost.SendAsync(client, HttpMethod.Post, $"/api/tasks/{await TaskAsync(client, caseId, node)}/complete", form);
        Assert.AreEqual(HttpStatusCode.NoContent, status, problem.ToString());
    }

    /// <summary>Sends and asserts a 2xx answer, naming the call and the problem otherwise.</summary>
    internal static async Task<JsonElement> OkAsync(HttpClient client, HttpMethod method, string path, string? json = null)
    {
        var (status, body) = await TsunaguHost.SendAsync(client, method, path, json);
        Assert.IsTrue(status is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent, $"{method} {path}: {(int)status} {body}");
        return body;
    }

    [TestMethod]
    public async Task EightyFifty_ThroughTheApiAlone_RunsFromIntakeToAMeetingsClosure() => await RunEightyFiftyAsync(TsunaguHost.Shared);

    /// <summary>The whole case on <paramref name="host"/>, asserting each step; the case's id.</summary>
    internal static async Task<string> RunEightyFiftyAsync(WebApplicationFactory<Program> host)
    {
        using var intake = TsunaguHost.Client(host, Intake);
        using var coordinator = TsunaguHost.Client(host, Coordinator);
        using var station = TsunaguHost.Client(host, Station);

        var started = await OkAsync(intake, HttpMethod.Post, "/api/cases", """
            { "window": "小金高齢者いきいき安心センター", "route": "家族",
              "person": { "name": "小金 一郎", "kana": "コガネ イチロウ", "birthDate": "1944-05-01", "address": "松戸市小金3-1", "contact": "047-000-1111",
                          "household": [ { "relation": "子", "name": "小金 次郎", "kana": "コガネ ジロウ", "birthDate": "1974-08-01" } ] },
              "consultation": { "municipality": "matsudo",
                "person": { "age": 82, "area": "小金", "livesAlone": false, "disability": "none", "concerns": ["dementia"] },
                "household": [ { "relation": "son", "age": 52, "disability": "none", "concerns": ["hikikomori"] } ],
                "consent": "granted" } }
            """);
        var caseId = started.GetProperty("caseId").GetString()!;
        var view = await OkAsync(intake, HttpMethod.Get, $"/api/cases/{caseId}");
        Assert.IsTrue(view.GetProperty("routing").GetProperty("multiAgency").GetBoolean(), "8050 goes to 多機関協働");
        Assert.AreEqual("小金", view.GetProperty("subject").GetProperty("person").GetProperty("area").GetString());

        await CompleteAsync(coordinator, caseId, "triage", """{ "triage": "多機関協働として受理" }""");
        await CompleteAsync(coordinator, caseId, "assessment", """{ "assessment": "母の認知症進行、長男のひきこもり20年" }""");
        var (saved, plan1, etag1) = await PutPlanAsync(coordinator, caseId, PlanV1, null);
        Assert.AreEqual(HttpStatusCode.OK, saved, plan1.ToString());
        Assert.AreEqual("\"1\"", etag1);
        await TaskAsync(coordinator, caseId, "meeting-jusou");

        var meeting = JsonSerializer.Serialize(new { kind = "重層的支援会議", date = "2026-01-15", caseIds = new[] { caseId }, members = new[] { Coordinator, "kikan-onpu-caseworker" } });
        var meetingId = (await OkAsync(coordinator, HttpMethod.Post, "/api/meetings", meeting)).GetProperty("meetingId").GetString();
        await OkAsync(coordinator, HttpMethod.Put, $"/api/meetings/{meetingId}/record",
            $$"""{ "attendance": [ { "staffId": "{{Coordinator}}", "present": true }, { "staffId": "kikan-onpu-caseworker", "present": false } ], "minutes": "プラン案を協議" }""");
        await OkAsync(coordinator, HttpMethod.Post, $"/api/meetings/{meetingId}/decisions", $$"""{ "caseId": "{{caseId}}", "kind": "プラン承認", "planVersion": 1 }""");

        var approved = await OkAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/plan");
        Assert.AreEqual(meetingId, approved.GetProperty("approval").GetProperty("meetingId").GetString());
        await TaskAsync(intake, caseId, "outreach");
        await TaskAsync(station, caseId, "participation");
        await TaskAsync(coordinator, caseId, "monitoring");
        var (_, inbox) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, "/api/tasks");
        var monitoring = inbox.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId && t.GetProperty("node").GetString() == "monitoring");
        Assert.IsGreaterThan(DateTimeOffset.UtcNow.AddDays(7), monitoring.GetProperty("due").GetDateTimeOffset(), "the review is due at the case's next monitoring date");
        Assert.IsFalse(monitoring.GetProperty("overdue").GetBoolean());
        var (_, stationInbox) = await TsunaguHost.SendAsync(station, HttpMethod.Get, "/api/tasks");
        Assert.AreEqual(JsonValueKind.Null, stationInbox.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId).GetProperty("due").ValueKind, "参加支援 has no due date");
        var part = await OkAsync(station, HttpMethod.Get, $"/api/cases/{caseId}/plan");
        Assert.AreEqual("まつどDEつながるステーション", part.GetProperty("content").GetProperty("roles").EnumerateArray().Single().GetProperty("institution").GetString(), "a role-only institution reads its part");

        await OkAsync(intake, HttpMethod.Post, $"/api/cases/{caseId}/notes", """{ "kind": "アウトリーチ", "occurredOn": "2026-01-20", "method": "訪問", "reached": false, "text": "不在" }""");
        await OkAsync(intake, HttpMethod.Post, $"/api/cases/{caseId}/notes", """{ "kind": "アウトリーチ", "occurredOn": "2026-01-27", "method": "電話", "reached": true }""");
        await OkAsync(station, HttpMethod.Post, $"/api/cases/{caseId}/notes", $$"""{ "kind": "参加支援", "occurredOn": "2026-02-03", "place": "まつどDEつながるステーション", "companion": "{{Station}}" }""");

        var (stale, _, _) = await PutPlanAsync(coordinator, caseId, PlanV1.Replace("月1回の訪問", "週1回の訪問", StringComparison.Ordinal), "\"2\"");
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, stale);
        var (revised, _, etag2) = await PutPlanAsync(coordinator, caseId, PlanV1.Replace("月1回の訪問", "週1回の訪問", StringComparison.Ordinal), etag1);
        Assert.AreEqual(HttpStatusCode.OK, revised);
        Assert.AreEqual("\"2\"", etag2);
        Assert.AreEqual(2, (await OkAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/plan/versions")).GetArrayLength());

        var closing = JsonSerializer.Serialize(new { kind = "重層的支援会議", date = "2026-06-20", caseIds = new[] { caseId }, members = new[] { Coordinator } });
        var closingId = (await OkAsync(coordinator, HttpMethod.Post, "/api/meetings", closing)).GetProperty("meetingId").GetString();
        await OkAsync(coordinator, HttpMethod.Post, $"/api/meetings/{closingId}/decisions", $$"""{ "caseId": "{{caseId}}", "kind": "終結判断", "note": "長男が就労準備支援へ移行、母はデイサービス利用で安定" }""");

        var ended = await OkAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}");
        Assert.AreEqual("Terminated", ended.GetProperty("status").GetString());
        Assert.IsEmpty(ended.GetProperty("tasks").EnumerateArray().ToList());
        var kinds = (await OkAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/timeline")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        foreach (var kind in new[] { "intake", "routing", "plan", "meeting", "meeting-decision", "note", "judgement", "ended" })
        {
            CollectionAssert.Contains(kinds, kind);
        }

        Assert.AreEqual("ended", kinds.Where(k => k != "meeting").Last());
        return caseId;
    }
}
