using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using static Tsunagu.Host.Tests.EightyFiftyEndToEndTests;
using static Tsunagu.Host.Tests.PrivacyTests;

namespace Tsunagu.Host.Tests;

/// <summary>The indicators of a fresh installation match exactly the cases a test created through the API.</summary>
[TestClass]
public sealed class IndicatorReportTests
{
    private const string Jiritsu = "松戸市自立相談支援センター";
    private static readonly string Today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly string[] Members = ["multi-agency-caseworker"];

    private static WebApplicationFactory<Program>? host;
    private static JsonElement report;
    private static byte[] csv = [];

    private static string Poverty(string route) => $$"""
        { "window": "{{Jiritsu}}", "route": "{{route}}",
          "consultation": { "municipality": "matsudo", "person": { "age": 40, "concerns": ["poverty"] }, "household": [], "consent": "unknown" } }
        """;

    [ClassInitialize]
    public static async Task RunCasesAsync(TestContext context)
    {
        host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-indicators").FullName);
        using var worker = TsunaguHost.Client(host, "jiritsu-caseworker");
        using var kogane = TsunaguHost.Client(host, "ikiiki-kogane-caseworker");
        using var coordinator = TsunaguHost.Client(host, "multi-agency-caseworker");
        using var station = TsunaguHost.Client(host, "tsunagaru-station-caseworker");
        var poverty = new List<string>();
        foreach (var route in new[] { "本人", "本人", "家族" })
        {
            poverty.Add((await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", Poverty(route))).Body.GetProperty("caseId").GetString()!);
        }

        var (_, started) = await TsunaguHost.SendAsync(kogane, HttpMethod.Post, "/api/cases", """
            { "window": "小金高齢者いきいき安心センター", "route": "民生委員",
              "consultation": { "municipality": "matsudo", "person": { "age": 82, "area": "小金", "concerns": ["dementia"] },
                "household": [ { "relation": "son", "age": 52, "concerns": ["hikikomori"] } ], "consent": "granted" } }
            """);
        var eightyFifty = started.GetProperty("caseId").GetString()!;

        await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{await TaskAsync(worker, poverty[0], "referral")}/referral", """{ "outcome": "accepted" }""");
        await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{await TaskAsync(worker, poverty[1], "referral")}/referral", """{ "outcome": "declined", "reason": "対象外" }""");
        await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/tasks/{await TaskAsync(coordinator, poverty[1], "referral-review")}/complete", "{}");
        await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{poverty[1]}/close", """{ "evaluation": "他制度へ" }""");
        await PutPlanAsync(coordinator, eightyFifty, PlanMeetingNoteTests.Plan, null);
        var meeting = JsonSerializer.Serialize(new { kind = "重層的支援会議", date = Today, caseIds = new[] { eightyFifty }, members = Members });
        await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, "/api/meetings", meeting);
        await TsunaguHost.SendAsync(kogane, HttpMethod.Post, $"/api/cases/{eightyFifty}/notes", $$"""{ "kind": "アウトリーチ", "occurredOn": "{{Today}}", "method": "訪問", "reached": false }""");
        await TsunaguHost.SendAsync(kogane, HttpMethod.Post, $"/api/cases/{eightyFifty}/notes", $$"""{ "kind": "アウトリーチ", "occurredOn": "{{Today}}", "method": "電話", "reached": true }""");
        await TsunaguHost.SendAsync(station, HttpMethod.Post, $"/api/cases/{eightyFifty}/notes", $$"""{ "kind": "参加支援", "occurredOn": "{{Today}}", "place": "まつどDEつながるステーション" }""");

        using var supervisor = TsunaguHost.Client(host, "jiritsu-supervisor");
        var (status, body) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Get, $"/api/indicators/report?from={Today}&to={Today}");
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        report = body;
        using var response = await supervisor.GetAsync(new Uri($"/api/indicators/report?from={Today}&to={Today}&publication=true&format=csv", UriKind.Relative));
        csv = await response.Content.ReadAsByteArrayAsync();
    }

    [ClassCleanup]
    public static void StopHost() => host?.Dispose();

    private static int? Count(string indicator, string key) =>
        report.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("indicator").GetString() == indicator && c.GetProperty("key").GetString() == key)
            .Select(c => (int?)c.GetProperty("count").GetInt32()).SingleOrDefault();

    [TestMethod]
    [DataRow("intake.window", Jiritsu, 3)]
    [DataRow("intake.window", "小金高齢者いきいき安心センター", 1)]
    [DataRow("intake.route", "本人", 2)]
    [DataRow("intake.route", "民生委員", 1)]
    [DataRow("intake.area", "小金", 1)]
    [DataRow("intake.concern", "poverty", 3)]
    [DataRow("intake.concern", "hikikomori", 1)]
    [DataRow("referral.made", Jiritsu, 4)]
    [DataRow("referral.accepted", Jiritsu, 1)]
    [DataRow("referral.declined", Jiritsu, 1)]
    [DataRow("multi-agency.opened", "all", 1)]
    [DataRow("plan.made", "all", 1)]
    [DataRow("meeting.held", "重層的支援会議", 1)]
    [DataRow("participation.sessions", "まつどDEつながるステーション", 1)]
    [DataRow("participation.participants", "all", 1)]
    [DataRow("outreach.contacts", "会えた", 1)]
    [DataRow("outreach.contacts", "会えず", 1)]
    [DataRow("caseload.open", Jiritsu, 1)]
    [DataRow("case.closed", "all", 1)]
    public void Report_CasesRunThroughTheApi_CountsMatchWhatWasDone(string indicator, string key, int expected) =>
        Assert.AreEqual(expected, Count(indicator, key), $"{indicator} / {key}");

    [TestMethod]
    public void Report_IntakeByMonthAndFiscalYear_CountsAllFour()
    {
        var day = DateOnly.ParseExact(Today, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.AreEqual(4, Count("intake.month", Today[..7]));
        Assert.AreEqual(4, Count("intake.fiscal-year", $"{(day.Month < 4 ? day.Year - 1 : day.Year)}年度"));
    }

    [TestMethod]
    public void Csv_ForPublication_HasABomAndSuppressesCellsBelowThree()
    {
        CollectionAssert.AreEqual(Encoding.UTF8.GetPreamble(), csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n");
        Assert.AreEqual("indicator,key,count", lines[0]);
        CollectionAssert.Contains(lines, $"intake.window,{Jiritsu},3");
        CollectionAssert.Contains(lines, $"referral.accepted,{Jiritsu},<3");
        CollectionAssert.Contains(lines, "intake.route,本人,<3");
        Assert.IsFalse(lines.Any(l => l.EndsWith(",1", StringComparison.Ordinal) || l.EndsWith(",2", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("?to=2026-01-01", HttpStatusCode.BadRequest, "from")]
    [DataRow("?from=2026-01-01&to=2025-01-01", HttpStatusCode.BadRequest, "to")]
    [DataRow("?from=2026-01-01&to=2026-02-01&format=xml", HttpStatusCode.BadRequest, "format")]
    [DataRow("?from=01/01/2026&to=2026-02-01", HttpStatusCode.BadRequest, "from")]
    public async Task Report_BadQuery_Is400NamingTheField(string query, HttpStatusCode expected, string field)
    {
        using var supervisor = TsunaguHost.Client(host!, "jiritsu-supervisor");

        var (status, problem) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Get, $"/api/indicators/report{query}");

        Assert.AreEqual(expected, status);
        Assert.AreEqual(field, problem.GetProperty("field").GetString());
    }

    [TestMethod]
    public async Task Report_ByACaseworker_Is403()
    {
        using var worker = TsunaguHost.Client(host!, "jiritsu-caseworker");

        Assert.AreEqual(HttpStatusCode.Forbidden, (await TsunaguHost.SendAsync(worker, HttpMethod.Get, $"/api/indicators/report?from={Today}&to={Today}")).Status);
    }
}
