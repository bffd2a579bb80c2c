using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using static Tsunagu.Host.Tests.EightyFiftyEndToEndTests;
using static Tsunagu.Host.Tests.PrivacyTests;

namespace Tsunagu.Host.Tests;

/// <summary>A 市川 case through the API alone: ひきこもり to 多機関協働, 参加支援 at がじゅまる+ and フリースペース たき火 (with 付き添い), 終結 by a meeting.</summary>
[TestClass]
public sealed class IchikawaEndToEndTests
{
    private const string Coordinator = "yorisoi-caseworker";
    private const string Gajumaru = "gajumaru-caseworker";
    private const string Takibi = "takibi-caseworker";

    [TestMethod]
    public async Task Hikikomori_ThroughGajumaruAndTakibi_IsSupportedAndClosedByAMeeting()
    {
        using WebApplicationFactory<Program> host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-ichikawa").FullName, ("Tsunagu:Pack", "ichikawa"));
        await RunHikikomoriAsync(host);
    }

    /// <summary>The whole 市川 case on <paramref name="host"/>, asserting each step and 市川's indicators (this case alone).</summary>
    internal static async Task RunHikikomoriAsync(WebApplicationFactory<Program> host)
    {
        using var coordinator = TsunaguHost.Client(host, Coordinator);
        using var gajumaru = TsunaguHost.Client(host, Gajumaru);
        using var takibi = TsunaguHost.Client(host, Takibi);
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var caseId = (await OkAsync(coordinator, HttpMethod.Post, "/api/cases", """
            { "route": "家族", "person": { "name": "市川 四郎", "kana": "イチカワ シロウ", "birthDate": "1991-10-10", "address": "市川市八幡1-1" },
              "consultation": { "municipality": "ichikawa", "person": { "age": 34, "concerns": ["hikikomori"] }, "household": [], "consent": "granted" } }
            """)).GetProperty("caseId").GetString()!;
        await OkAsync(coordinator, HttpMethod.Post, $"/api/tasks/{await TaskAsync(coordinator, caseId, "triage")}/complete", """{ "triage": "多機関協働" }""");
        await OkAsync(coordinator, HttpMethod.Post, $"/api/tasks/{await TaskAsync(coordinator, caseId, "assessment")}/complete", """{ "assessment": "10年のひきこもり、外出の意欲あり" }""");
        var (saved, plan, etag) = await PutPlanAsync(coordinator, caseId, """
            { "lead": "がじゅまる+", "goals": "居場所につながり、月2回外出する", "periodFrom": "2026-01-01", "periodTo": "2027-06-30", "reviewOn": "2027-03-31",
              "roles": [
                { "institution": "がじゅまる+", "kind": "アウトリーチ", "task": "自宅訪問" },
                { "institution": "がじゅまる+", "kind": "参加支援", "task": "居場所での伴走" },
                { "institution": "フリースペース たき火", "kind": "参加支援", "task": "月2回の参加（付き添いあり）" } ] }
            """, null);
        Assert.AreEqual(HttpStatusCode.OK, saved, plan.ToString());

        var meeting = JsonSerializer.Serialize(new { kind = "重層的支援会議", date = today, caseIds = new[] { caseId }, members = new[] { Coordinator, Gajumaru } });
        var meetingId = (await OkAsync(coordinator, HttpMethod.Post, "/api/meetings", meeting)).GetProperty("meetingId").GetString();
        await OkAsync(coordinator, HttpMethod.Post, $"/api/meetings/{meetingId}/decisions", $$"""{ "caseId": "{{caseId}}", "kind": "プラン承認", "planVersion": 1 }""");

        await TaskAsync(gajumaru, caseId, "participation");
        await TaskAsync(takibi, caseId, "participation");
        await OkAsync(gajumaru, HttpMethod.Post, $"/api/cases/{caseId}/notes", $$"""{ "kind": "アウトリーチ", "occurredOn": "{{today}}", "method": "訪問", "reached": true }""");
        await OkAsync(gajumaru, HttpMethod.Post, $"/api/cases/{caseId}/notes", $$"""{ "kind": "参加支援", "occurredOn": "{{today}}", "place": "がじゅまる+" }""");
        await OkAsync(takibi, HttpMethod.Post, $"/api/cases/{caseId}/notes", $$"""{ "kind": "参加支援", "occurredOn": "{{today}}", "place": "フリースペース たき火", "companion": "{{Gajumaru}}" }""");
        var takibiPart = await OkAsync(takibi, HttpMethod.Get, $"/api/cases/{caseId}/plan");
        Assert.AreEqual("月2回の参加（付き添いあり）", takibiPart.GetProperty("content").GetProperty("roles").EnumerateArray().Single().GetProperty("task").GetString());
        Assert.AreEqual("\"1\"", etag);

        await OkAsync(coordinator, HttpMethod.Post, $"/api/meetings/{meetingId}/decisions", $$"""{ "caseId": "{{caseId}}", "kind": "終結判断", "note": "たき火に定着、就労準備へ" }""");

        Assert.AreEqual("Terminated", (await OkAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}")).GetProperty("status").GetString());
        var timeline = (await OkAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/timeline")).EnumerateArray().ToList();
        StringAssert.Contains(timeline.Single(e => e.GetProperty("kind").GetString() == "note" && e.GetProperty("detail").GetString()!.Contains("フリースペース たき火", StringComparison.Ordinal))
            .GetProperty("detail").GetString(), $"付き添い {Gajumaru}");
        using var admin = TsunaguHost.Client(host, "ichikawa-admin");
        var cells = (await OkAsync(admin, HttpMethod.Get, $"/api/indicators/report?from={today}&to={today}")).GetProperty("cells").EnumerateArray()
            .ToDictionary(c => $"{c.GetProperty("indicator").GetString()}/{c.GetProperty("key").GetString()}", c => c.GetProperty("count").GetInt32());
        Assert.AreEqual(1, cells["participation.sessions/がじゅまる+"]);
        Assert.AreEqual(1, cells["participation.sessions/フリースペース たき火"]);
        Assert.AreEqual(1, cells["participation.participants/all"]);
        Assert.AreEqual(1, cells["case.closed/all"]);
        Assert.AreEqual(1, cells["intake.window/福祉よりそい相談窓口"]);
    }
}
