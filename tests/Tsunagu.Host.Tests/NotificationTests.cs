using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Engine;
using Tsunagu.Host.Composition;
using static Tsunagu.Host.Tests.EightyFiftyEndToEndTests;
using static Tsunagu.Host.Tests.PrivacyTests;

namespace Tsunagu.Host.Tests;

/// <summary>Notifications reach a person: referrals, plan changes and monitoring reminders, read in the API and sent by mail once.</summary>
[TestClass]
public sealed class NotificationTests
{
    private const string Coordinator = "multi-agency-caseworker";

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> host, string user)
    {
        using var response = TsunaguHost.RequestToken(host, user, TsunaguHost.Password);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<List<JsonElement>> MineAsync(HttpClient client, string query = "")
    {
        var (status, body) = await TsunaguHost.SendAsync(client, HttpMethod.Get, $"/api/notifications{query}");
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        return [.. body.EnumerateArray()];
    }

    [TestMethod]
    public async Task MonitoringReminder_OnTheCaseClock_ReachesTheHolderInTheApiAndByMailOnce()
    {
        await using var smtp = new SmtpReceiver();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var data = Directory.CreateTempSubdirectory("tsunagu-mail").FullName;
        await using var host = TsunaguHost.Start(
                data,
                ("Tsunagu:Smtp:Host", "127.0.0.1"),
                ("Tsunagu:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Tsunagu:Smtp:AddressFormat", "{0}@city.example"))
            .WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                // The test drains the outbox itself, so what it counts is not racing the background round.
                s.Remove(s.Single(d => d.ImplementationType == typeof(MailOutboxService)));
            }));
        using var intake = await SignInAsync(host, "ikiiki-kogane-caseworker");
        using var coordinator = await SignInAsync(host, Coordinator);
        var (_, started) = await TsunaguHost.SendAsync(intake, HttpMethod.Post, "/api/cases", """
            { "window": "小金高齢者いきいき安心センター",
              "consultation": { "municipality": "matsudo", "person": { "age": 82, "area": "小金", "concerns": ["dementia"] },
                "household": [ { "relation": "son", "age": 52, "concerns": ["hikikomori"] } ], "consent": "granted" } }
            """);
        var caseId = started.GetProperty("caseId").GetString()!;
        foreach (var node in new[] { "triage", "assessment" })
        {
            await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/tasks/{await TaskAsync(coordinator, caseId, node)}/complete", "{}");
        }

        await PutPlanAsync(coordinator, caseId, PlanMeetingNoteTests.Plan, null);
        await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/tasks/{await TaskAsync(coordinator, caseId, "meeting-jusou")}/complete", "{}");
        await TaskAsync(coordinator, caseId, "monitoring");

        clock.Advance(TimeSpan.FromDays(90 - 7 + 1));
        var engine = host.Services.GetRequiredService<ProcessEngine>();
        await engine.RunDueJobsAsync();
        await engine.RunDueJobsAsync();
        using var coordinatorLater = await SignInAsync(host, Coordinator);

        var reminders = (await MineAsync(coordinatorLater)).Where(n => n.GetProperty("caseId").GetString() == caseId && n.GetProperty("kind").GetString() == "monitoring-reminder").ToList();
        Assert.HasCount(1, reminders, "one reminder, although the due jobs ran twice");
        using var station = await SignInAsync(host, "tsunagaru-station-caseworker");
        Assert.IsTrue((await MineAsync(station)).Any(n => n.GetProperty("kind").GetString() == "plan-changed" && n.GetProperty("caseId").GetString() == caseId), "an institution with a role is told about the plan");

        var outbox = host.Services.GetRequiredService<MailOutbox>();
        var sent = await outbox.DrainAsync(CancellationToken.None);
        Assert.AreEqual(0, await outbox.DrainAsync(CancellationToken.None), "a second round sends nothing again");
        Assert.IsGreaterThan(0, sent);
        Assert.HasCount(sent, smtp.Messages);
        Assert.AreEqual(1, smtp.Messages.Count(m => IsReminder(m, $"{Coordinator}@city.example", caseId)));

        var id = reminders[0].GetProperty("id").GetString();
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(station, HttpMethod.Post, $"/api/notifications/{id}/read")).Status, "only the recipient marks it read");
        Assert.AreEqual(HttpStatusCode.NoContent, (await TsunaguHost.SendAsync(coordinatorLater, HttpMethod.Post, $"/api/notifications/{id}/read")).Status);
        Assert.IsFalse((await MineAsync(coordinatorLater, "?unread=true")).Any(n => n.GetProperty("id").GetString() == id));
    }

    /// <summary>Whether a received message is a monitoring reminder to <paramref name="to"/> about <paramref name="caseId"/>.</summary>
    private static bool IsReminder(string raw, string to, string caseId)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw));
        using var message = MimeKit.MimeMessage.Load(stream);
        return message.To.Mailboxes.Any(m => m.Address == to) && (message.Subject ?? "").Contains("モニタリング期限が近づいています", StringComparison.Ordinal)
            && (message.TextBody ?? "").Contains(caseId, StringComparison.Ordinal);
    }

    [TestMethod]
    public async Task NewReferral_NotifiesTheReferredCaseworker()
    {
        using var worker = TsunaguHost.Client("jiritsu-caseworker");
        var (_, started) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", """
            { "window": "松戸市自立相談支援センター",
              "consultation": { "municipality": "matsudo", "person": { "age": 40, "concerns": ["poverty"] }, "household": [], "consent": "unknown" } }
            """);
        var caseId = started.GetProperty("caseId").GetString();

        var referral = (await MineAsync(worker)).Single(n => n.GetProperty("caseId").GetString() == caseId);

        Assert.AreEqual("referral", referral.GetProperty("kind").GetString());
        Assert.AreEqual(JsonValueKind.Null, referral.GetProperty("readAt").ValueKind);
    }

    [TestMethod]
    public async Task MarkRead_UnknownNotification_Is404()
    {
        using var worker = TsunaguHost.Client("jiritsu-caseworker");

        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/notifications/no-such/read")).Status);
    }
}
