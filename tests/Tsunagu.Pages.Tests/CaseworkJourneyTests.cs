using System.Text.Json;
using Microsoft.Playwright;

namespace Tsunagu.Pages.Tests;

/// <summary>Journeys 2 and 3: a caseworker works a task from the inbox; a 支援会議 case opens only to members, after the acknowledgement.</summary>
[TestClass]
public sealed class CaseworkJourneyTests
{
    private const string Caseworker = "jiritsu-caseworker";
    internal const string Coordinator = "multi-agency-caseworker";
    private const string Member = "kikan-coco-caseworker";
    private const string Outsider = "ikiiki-mei1-caseworker";

    private const string PovertyIntake = """
        { "window": "松戸市自立相談支援センター",
          "consultation": { "municipality": "matsudo", "person": { "age": 40, "disability": "none", "concerns": ["poverty"] }, "household": [], "consent": "unknown" } }
        """;

    /// <summary>An 8050 household at a 高齢者いきいき安心センター window, consent granted: a 多機関協働 case.</summary>
    internal const string EightyFifty = """
        { "window": "小金高齢者いきいき安心センター",
          "consultation": { "municipality": "matsudo",
            "person": { "age": 82, "area": "小金", "livesAlone": false, "disability": "none", "concerns": ["dementia"] },
            "household": [ { "relation": "son", "age": 52, "disability": "none", "concerns": ["hikikomori"] } ],
            "consent": "granted" } }
        """;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Inbox_CaseworkerCompletesTheAutoAssignedTask_CaseMovesOn()
    {
        var caseId = (await PagesHost.ApiAsync(Caseworker, HttpMethod.Post, "/api/cases", PovertyIntake)).GetProperty("caseId").GetString()!;
        var page = await PagesHost.SignInAsync(Caseworker);

        Assert.EndsWith("/inbox", page.Url, "a caseworker starts in the inbox");
        var row = page.Locator("tr", new() { HasText = caseId });
        await Assertions.Expect(row).ToContainTextAsync("紹介先対応");
        await Assertions.Expect(row).ToContainTextAsync("自分が担当");
        await PagesHost.ScreenshotAsync(page, TestContext, "journey2-inbox");

        await row.GetByRole(AriaRole.Link, new() { Name = caseId }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"ケース {caseId}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#case-tasks")).ToContainTextAsync("紹介先対応");
        await Assertions.Expect(page.Locator(".referral-institution").First).ToContainTextAsync("自立相談支援");
        await PagesHost.ScreenshotAsync(page, TestContext, "journey2-case");

        await page.GotoAsync("/inbox");
        row = page.Locator("tr", new() { HasText = caseId });
        await row.GetByText("完了する").ClickAsync();
        await row.GetByLabel("対応結果").FillAsync("本人と面談し、家計改善支援につなぐことにした。");
        await PagesHost.ScreenshotAsync(page, TestContext, "journey2-form");
        await row.GetByRole(AriaRole.Button, new() { Name = "完了を記録" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("を完了しました");
        await Assertions.Expect(page.Locator("tr", new() { HasText = caseId })).ToHaveCountAsync(0);
        await page.GotoAsync($"/cases/{caseId}");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("タスク完了");
        await Assertions.Expect(page.Locator("#case-tasks")).Not.ToContainTextAsync("紹介先対応");
        await PagesHost.ScreenshotAsync(page, TestContext, "journey2-case-after");
    }

    [TestMethod]
    public async Task Inbox_TaskStartedWhileOpen_AppearsWithoutReload()
    {
        var page = await PagesHost.SignInAsync(Caseworker);
        await page.GotoAsync("/inbox");
        await page.EvaluateAsync("() => window.__sameDocument = true");

        var caseId = (await PagesHost.ApiAsync(Caseworker, HttpMethod.Post, "/api/cases", PovertyIntake)).GetProperty("caseId").GetString()!;

        await Assertions.Expect(page.Locator("tr", new() { HasText = caseId })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.IsTrue(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the row came without a reload");
    }

    [TestMethod]
    public async Task CasePage_NonMemberOfMeeting_SeesTheSamePageAsForAMissingCase()
    {
        var caseId = (await PagesHost.ApiAsync("ikiiki-kogane-caseworker", HttpMethod.Post, "/api/cases", EightyFifty)).GetProperty("caseId").GetString()!;
        await PagesHost.ApiAsync(Coordinator, HttpMethod.Post, "/api/meetings",
            JsonSerializer.Serialize(new { kind = "支援会議", date = "2026-12-10", caseIds = new[] { caseId }, members = new[] { Member } }));
        var outsider = await PagesHost.SignInAsync(Outsider);

        var hidden = await outsider.GotoAsync($"/cases/{caseId}");
        var hiddenText = await outsider.Locator("main").InnerTextAsync();
        await PagesHost.ScreenshotAsync(outsider, TestContext, "journey3-not-found");
        var missing = await outsider.GotoAsync("/cases/no-such-case");

        Assert.AreEqual(404, hidden!.Status);
        Assert.AreEqual(404, missing!.Status);
        StringAssert.Contains(hiddenText, "見つかりません");
        Assert.AreEqual(await outsider.Locator("main").InnerTextAsync(), hiddenText, "a hidden case must look exactly like a missing one");
        Assert.DoesNotContain(caseId, await outsider.ContentAsync());
    }

    [TestMethod]
    public async Task CasePage_MeetingMember_AcknowledgesTheSecrecyDutyBeforeTheCaseOpens()
    {
        var caseId = (await PagesHost.ApiAsync("ikiiki-kogane-caseworker", HttpMethod.Post, "/api/cases", EightyFifty)).GetProperty("caseId").GetString()!;
        await PagesHost.ApiAsync(Coordinator, HttpMethod.Post, "/api/cases/" + caseId + "/consent", """{ "status": "withdrawn", "scope": [] }""");
        var meetingId = (await PagesHost.ApiAsync(Coordinator, HttpMethod.Post, "/api/meetings",
            JsonSerializer.Serialize(new { kind = "支援会議", date = "2026-12-10", caseIds = new[] { caseId }, members = new[] { Member } }))).GetProperty("meetingId").GetString()!;
        var member = await PagesHost.SignInAsync(Member);

        await member.GotoAsync($"/cases/{caseId}");

        Assert.EndsWith($"/meetings/{meetingId}", member.Url, "the case sends a member to the acknowledgement first");
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Name = "守秘義務の確認" })).ToBeVisibleAsync();
        await Assertions.Expect(member.Locator("#meeting-cases")).ToHaveCountAsync(0);
        await PagesHost.ScreenshotAsync(member, TestContext, "journey3-acknowledgement");

        await member.GetByRole(AriaRole.Button, new() { Name = "守秘義務を確認しました" }).ClickAsync();
        await member.Locator("#meeting-cases").GetByRole(AriaRole.Link, new() { Name = caseId }).ClickAsync();

        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Name = $"ケース {caseId}" })).ToBeVisibleAsync();
        await PagesHost.ScreenshotAsync(member, TestContext, "journey3-member-case");
    }
}
