using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Tsunagu.Pages.Tests;

/// <summary>A coordinator's monitoring review arrives in the open inbox with its due date and is completed with its own form.</summary>
[TestClass]
public sealed class InboxJourneyTests
{
    private const string Coordinator = "multi-agency-caseworker";

    private const string Plan = """
        { "lead": "地域包括ケア推進課", "goals": "母の介護負担の軽減と本人の外出", "periodFrom": "2026-01-01", "periodTo": "2026-06-30", "reviewOn": "2026-03-31",
          "roles": [ { "institution": "小金高齢者いきいき安心センター", "kind": "相談支援", "task": "本人との面談" } ] }
        """;

    public TestContext TestContext { get; set; } = null!;

    private static string JapanDate(int days) =>
        TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow().AddDays(days), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<string> TaskIdAsync(string caseId, string node) =>
        (await PagesHost.ApiAsync(Coordinator, HttpMethod.Get, "/api/tasks")).EnumerateArray()
            .Single(t => t.GetProperty("caseId").GetString() == caseId && t.GetProperty("node").GetString() == node).GetProperty("id").GetString()!;

    /// <summary>Takes an 8050 case through triage, assessment, plan and the meeting's approval, so its first monitoring review is open.</summary>
    private static async Task<string> CaseUnderMonitoringAsync()
    {
        var caseId = (await PagesHost.ApiAsync("ikiiki-kogane-caseworker", HttpMethod.Post, "/api/cases", """
            { "window": "小金高齢者いきいき安心センター",
              "consultation": { "municipality": "matsudo",
                "person": { "age": 82, "area": "小金", "livesAlone": false, "disability": "none", "concerns": ["dementia"] },
                "household": [ { "relation": "son", "age": 52, "disability": "none", "concerns": ["hikikomori"] } ],
                "consent": "granted" } }
            """)).GetProperty("caseId").GetString()!;
        await PagesHost.ApiAsync(Coordinator, HttpMethod.Post, $"/api/tasks/{await TaskIdAsync(caseId, "triage")}/complete", """{ "triage": "受理" }""");
        await PagesHost.ApiAsync(Coordinator, HttpMethod.Post, $"/api/tasks/{await TaskIdAsync(caseId, "assessment")}/complete", """{ "assessment": "母の認知症進行、長男のひきこもり" }""");
        await PagesHost.ApiAsync(Coordinator, HttpMethod.Put, $"/api/cases/{caseId}/plan", Plan);
        var meetingId = (await PagesHost.ApiAsync(Coordinator, HttpMethod.Post, "/api/meetings",
            JsonSerializer.Serialize(new { kind = "重層的支援会議", date = JapanDate(0), caseIds = new[] { caseId }, members = new[] { Coordinator } }))).GetProperty("meetingId").GetString();
        await PagesHost.ApiAsync(Coordinator, HttpMethod.Put, $"/api/meetings/{meetingId}/record",
            $$"""{ "attendance": [ { "staffId": "{{Coordinator}}", "present": true } ], "minutes": "プラン案を協議" }""");
        await PagesHost.ApiAsync(Coordinator, HttpMethod.Post, $"/api/meetings/{meetingId}/decisions", $$"""{ "caseId": "{{caseId}}", "kind": "プラン承認", "planVersion": 1 }""");
        return caseId;
    }

    [TestMethod]
    public async Task Inbox_MonitoringReviewArrives_ShowsItsDueDateAndCompletesWithItsForm()
    {
        var page = await PagesHost.SignInAsync(Coordinator);
        await page.GotoAsync("/inbox");
        await page.EvaluateAsync("() => window.__sameDocument = true");

        var caseId = await CaseUnderMonitoringAsync();

        var row = page.Locator("tr", new() { HasText = caseId }).Filter(new() { HasText = "モニタリング" });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.IsTrue(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the row came without a reload");
        await Assertions.Expect(row.Locator(".due time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}$"));
        await Assertions.Expect(row).Not.ToHaveClassAsync("overdue");
        await PagesHost.ScreenshotAsync(page, TestContext, "inbox-new-task");

        await row.GetByText("完了する").ClickAsync();
        await row.GetByLabel("実施日").FillAsync(JapanDate(2));
        await row.GetByLabel("状況の変化").SelectOptionAsync("改善");
        await row.GetByLabel("所見").FillAsync("長男が週1回外出するようになった。");
        await row.GetByRole(AriaRole.Button, new() { Name = "完了を記録" }).ClickAsync();

        row = page.Locator("tr", new() { HasText = caseId }).Filter(new() { HasText = "モニタリング" });
        await Assertions.Expect(row.Locator(".field-error")).ToHaveTextAsync("今日より後の日付は入力できません。");
        await Assertions.Expect(row.GetByLabel("実施日")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(row.GetByLabel("所見")).ToHaveValueAsync("長男が週1回外出するようになった。");
        await PagesHost.ScreenshotAsync(page, TestContext, "inbox-field-error");

        await row.GetByLabel("実施日").FillAsync(JapanDate(0));
        await row.GetByRole(AriaRole.Button, new() { Name = "完了を記録" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("を完了しました");
        await Assertions.Expect(page.Locator("tr", new() { HasText = caseId }).Filter(new() { HasText = "モニタリング" })).ToHaveCountAsync(0);
        var next = page.Locator("tr", new() { HasText = caseId }).Filter(new() { HasText = "継続/終結判断" });
        await Assertions.Expect(next).ToHaveCountAsync(1);
        await PagesHost.ScreenshotAsync(page, TestContext, "inbox-completed");

        await page.GetByLabel("タスク名").SelectOptionAsync("継続/終結判断");
        await page.GetByRole(AriaRole.Button, new() { Name = "表示" }).ClickAsync();
        await Assertions.Expect(page.Locator("#inbox-rows tbody tr")).Not.ToHaveCountAsync(0);
        Assert.AreEqual(await page.Locator("#inbox-rows tbody tr").CountAsync(), await page.Locator("#inbox-rows tbody tr", new() { HasText = "継続/終結判断" }).CountAsync(), "the task filter keeps only that task");
    }
}
