using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using static Tsunagu.Host.Tests.EightyFiftyEndToEndTests;

namespace Tsunagu.Host.Tests;

/// <summary>
/// The host serving on PostgreSQL (a schema of its own in the database TSUNAGU_POSTGRES names; skipped without one):
/// the whole case path with people, plans, notes, notifications, meetings and indicators, the audit chain intact at
/// the end; and two hosts on one database serving each other's cases.
/// </summary>
[TestClass]
public sealed class PostgreSqlHostTests
{
    private static WebApplicationFactory<Program> StartOn(string connectionString) =>
        TsunaguHost.Start(
            Directory.CreateTempSubdirectory("tsunagu-pg-host").FullName, ("Tsunagu:Store", "postgresql"), ("Tsunagu:ConnectionString", connectionString));

    [TestMethod]
    public async Task EightyFifty_OnPostgreSql_RunsToClosureWithNotificationsIndicatorsAndAnIntactAuditChain()
    {
        var connectionString = await PostgreSqlSchema.CreateAsync();
        await using var host = StartOn(connectionString);

        var caseId = await RunEightyFiftyAsync(host);

        Assert.AreEqual(1, await StoreSelectionTests.CountAsync(connectionString, "SELECT count(*) FROM case_people WHERE case_id = @value", caseId), "the person is in PostgreSQL");
        Assert.AreEqual(0, await StoreSelectionTests.CountAsync(connectionString, "SELECT count(*) FROM case_people WHERE case_id = @value", caseId, "ichikawa"), "another tenant's session sees none of it");

        using var station = TsunaguHost.Client(host, "tsunagaru-station-caseworker");
        var notices = (await OkAsync(station, HttpMethod.Get, "/api/notifications")).EnumerateArray().Where(n => n.GetProperty("caseId").GetString() == caseId).ToList();
        Assert.AreEqual(2, notices.Count(n => n.GetProperty("kind").GetString() == "plan-changed"), "one per plan version");
        await OkAsync(station, HttpMethod.Post, $"/api/notifications/{notices[0].GetProperty("id").GetString()}/read");
        Assert.AreEqual(1, (await OkAsync(station, HttpMethod.Get, "/api/notifications?unread=true")).EnumerateArray().Count(n => n.GetProperty("caseId").GetString() == caseId));

        using var intake = TsunaguHost.Client(host, "ikiiki-kogane-caseworker");
        var found = (await OkAsync(intake, HttpMethod.Get, "/api/people?q=" + Uri.EscapeDataString("コガネ"))).EnumerateArray().Single();
        Assert.AreEqual(caseId, found.GetProperty("caseIds").EnumerateArray().Single().GetString());

        using var supervisor = TsunaguHost.Client(host, "jiritsu-supervisor");
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cells = (await OkAsync(supervisor, HttpMethod.Get, $"/api/indicators/report?from=2026-01-01&to={today}")).GetProperty("cells").EnumerateArray()
            .Select(c => $"{c.GetProperty("indicator").GetString()}|{c.GetProperty("key").GetString()}|{c.GetProperty("count").GetInt32()}").ToList();
        foreach (var cell in new[]
        {
            "intake.window|小金高齢者いきいき安心センター|1", "intake.route|家族|1", "intake.area|小金|1", "multi-agency.opened|all|1", "plan.made|all|1", "plan.versions|all|2",
            "meeting.held|重層的支援会議|2", "outreach.contacts|会えた|1", "outreach.contacts|会えず|1", "participation.sessions|まつどDEつながるステーション|1", "case.closed|all|1",
        })
        {
            CollectionAssert.Contains(cells, cell);
        }

        using var admin = TsunaguHost.Client(host, "matsudo-admin");
        var verified = await OkAsync(admin, HttpMethod.Get, "/api/admin/audit/verify");
        Assert.IsTrue(verified.GetProperty("intact").GetBoolean(), verified.ToString());
        Assert.IsTrue(TsunaguHost.Audit(host, caseId).Count > 10, "the case's reads and changes are audited");
    }

    [TestMethod]
    public async Task TwoHosts_IntakesAtOnceOnBoth_EveryCaseRegisteredAndTheAuditChainIntact()
    {
        var connectionString = await PostgreSqlSchema.CreateAsync();
        await using var first = StartOn(connectionString);
        await using var second = StartOn(connectionString);
        using var onFirst = TsunaguHost.Client(first, "jiritsu-caseworker");
        using var onSecond = TsunaguHost.Client(second, "jiritsu-caseworker");

        var started = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => OkAsync(i % 2 == 0 ? onFirst : onSecond, HttpMethod.Post, "/api/cases", $$"""
            { "window": "松戸市自立相談支援センター", "route": "本人",
              "person": { "name": "同時 {{(char)('ア' + (2 * i))}}", "kana": "ドウジ {{(char)('ア' + (2 * i))}}", "birthDate": "1980-02-03" },
              "consultation": { "municipality": "matsudo", "person": { "age": 45, "concerns": ["poverty"] }, "household": [], "consent": "granted" } }
            """)));

        var caseIds = started.Select(b => b.GetProperty("caseId").GetString()!).ToArray();
        Assert.AreEqual(12, await StoreSelectionTests.CountAsync(connectionString, "SELECT count(*) FROM case_register WHERE case_id = ANY(@value)", caseIds));
        Assert.AreEqual(12, await StoreSelectionTests.CountAsync(connectionString, "SELECT count(*) FROM case_people WHERE case_id = ANY(@value)", caseIds));
        using var admin = TsunaguHost.Client(first, "matsudo-admin");
        Assert.IsTrue((await OkAsync(admin, HttpMethod.Get, "/api/admin/audit/verify")).GetProperty("intact").GetBoolean());
    }

    [TestMethod]
    public async Task TwoHosts_OnePostgreSqlDatabase_EachServesTheOthersCases()
    {
        var connectionString = await PostgreSqlSchema.CreateAsync();
        await using var first = StartOn(connectionString);
        await using var second = StartOn(connectionString);
        using var intakeOnFirst = TsunaguHost.Client(first, "jiritsu-caseworker");
        using var workerOnSecond = TsunaguHost.Client(second, "jiritsu-caseworker");
        const string Poverty = """
            { "window": "松戸市自立相談支援センター", "route": "本人",
              "person": { "name": "二台 太郎", "kana": "ニダイ タロウ", "birthDate": "1980-02-03" },
              "consultation": { "municipality": "matsudo", "person": { "age": 45, "concerns": ["poverty"] }, "household": [], "consent": "granted" } }
            """;

        var caseId = (await OkAsync(intakeOnFirst, HttpMethod.Post, "/api/cases", Poverty)).GetProperty("caseId").GetString()!;
        var onSecond = await OkAsync(workerOnSecond, HttpMethod.Get, $"/api/cases/{caseId}");
        var referral = await TaskAsync(workerOnSecond, caseId, "referral");
        var (status, problem) = await TsunaguHost.SendAsync(workerOnSecond, HttpMethod.Post, $"/api/tasks/{referral}/referral", """{ "outcome": "accepted" }""");
        var found = (await OkAsync(workerOnSecond, HttpMethod.Get, "/api/people?q=" + Uri.EscapeDataString("ニダイ"))).EnumerateArray().Single();
        var onFirst = await OkAsync(intakeOnFirst, HttpMethod.Get, $"/api/cases/{caseId}");

        Assert.AreEqual(JsonValueKind.Object, onSecond.GetProperty("routing").ValueKind);
        Assert.AreEqual(HttpStatusCode.NoContent, status, problem.ToString());
        Assert.AreEqual(caseId, found.GetProperty("caseIds").EnumerateArray().Single().GetString());
        Assert.IsFalse(onFirst.GetProperty("tasks").EnumerateArray().Any(t => t.GetProperty("id").GetString() == referral), "the first host sees the second's decision");
        using var admin = TsunaguHost.Client(second, "matsudo-admin");
        Assert.IsTrue((await OkAsync(admin, HttpMethod.Get, "/api/admin/audit/verify")).GetProperty("intact").GetBoolean());
        Assert.AreEqual(1, await StoreSelectionTests.CountAsync(connectionString, "SELECT count(*) FROM case_register WHERE case_id = @value", caseId));
    }
}
