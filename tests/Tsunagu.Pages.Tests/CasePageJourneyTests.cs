using System.Text.Json;
using Microsoft.Playwright;
using static Tsunagu.Pages.Tests.CaseworkJourneyTests;

namespace Tsunagu.Pages.Tests;

/// <summary>
/// The case and meeting pages past intake: the 支援プラン with its versions, notes, the monitoring schedule, the routing
/// explanation and re-routing proposals, and a meeting's minutes and decisions.
/// </summary>
[TestClass]
public sealed class CasePageJourneyTests
{
    private const string CoordinatorName = "デモ相談員（地域包括ケア推進課）";
    private const string Window = "ikiiki-kogane-caseworker";

    private const string Plan = """
        { "lead": "地域包括ケア推進課", "goals": "外出の回復", "periodFrom": "2026-01-01", "periodTo": "2026-06-30", "reviewOn": "2026-03-31",
          "roles": [ { "institution": "まつどDEつながるステーション", "kind": "参加支援", "task": "居場所への参加" } ] }
        """;

    public TestContext TestContext { get; set; } = null!;

    /// <summary>An 8050 case taken through 受理 and アセスメント to its first plan, as the API does it.</summary>
    private static async Task<string> CaseWithPlanAsync()
    {
        var caseId = (await PagesHost.ApiAsync(Window, HttpMethod.Post, "/api/cases", EightyFifty)).GetProperty("caseId").GetString()!;
        await CompleteAsync(caseId, "triage", """{ "triage": "多機関協働として受理" }""");
        await CompleteAsync(caseId, "assessment", """{ "assessment": "母の認知症進行、長男のひきこもり" }""");
        await PagesHost.ApiAsync(Coordinator, HttpMethod.Put, $"/api/cases/{caseId}/plan", Plan);
        return caseId;
    }

    private static async Task CompleteAsync(string caseId, string node, string form)
    {
        var inbox = await PagesHost.ApiAsync(Coordinator, HttpMethod.Get, "/api/tasks");
        var task = inbox.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId && t.GetProperty("node").GetString() == node);
        await PagesHost.ApiAsync(Coordinator, HttpMethod.Post, $"/api/tasks/{task.GetProperty("id").GetString()}/complete", form);
    }

    [TestMethod]
    public async Task CasePage_CoordinatorRevisesThePlan_SeesVersion2WithItsRolesAndCanOpenVersion1()
    {
        var caseId = await CaseWithPlanAsync();
        var page = await PagesHost.SignInAsync(Coordinator);
        await page.GotoAsync($"/cases/{caseId}");

        await Assertions.Expect(page.Locator("#plan-roles")).ToContainTextAsync("まつどDEつながるステーション");
        await Assertions.Expect(page.Locator("#plan-versions")).ToContainTextAsync($"第1版 — {CoordinatorName}");
        await page.GetByText("第2版として改定する").ClickAsync();
        await page.GetByLabel("役割2の機関").SelectOptionAsync("小金高齢者いきいき安心センター");
        await page.GetByLabel("役割2の種類").SelectOptionAsync("アウトリーチ");
        await page.GetByLabel("役割2の内容").FillAsync("月1回の訪問");
        await PagesHost.ScreenshotAsync(page, TestContext, "case-plan-edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "新しい版として保存" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("支援プラン第2版を保存しました");
        await Assertions.Expect(page.Locator("#plan-versions li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#plan-versions")).ToContainTextAsync("第2版");
        await Assertions.Expect(page.Locator("#plan-roles")).ToContainTextAsync("月1回の訪問");
        await Assertions.Expect(page.Locator("#plan-roles")).ToContainTextAsync("アウトリーチ");
        await PagesHost.ScreenshotAsync(page, TestContext, "case-plan-v2");

        await page.Locator("#plan-versions").GetByRole(AriaRole.Link, new() { Name = "第1版" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "第1版（過去の版）" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#plan-roles")).Not.ToContainTextAsync("月1回の訪問");
    }

    [TestMethod]
    public async Task CasePage_PlanSavedMeanwhileInAnotherWindow_ShowsTheConflictAndKeepsTheInput()
    {
        var caseId = await CaseWithPlanAsync();
        var first = await PagesHost.SignInAsync(Coordinator);
        var second = await first.Context.NewPageAsync();
        await first.GotoAsync($"/cases/{caseId}");
        await second.GotoAsync($"/cases/{caseId}");
        await second.GetByText("第2版として改定する").ClickAsync();
        await second.GetByLabel("目標").FillAsync("別の窓で先に保存した目標");
        await second.GetByRole(AriaRole.Button, new() { Name = "新しい版として保存" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Status)).ToContainTextAsync("第2版を保存しました");

        await first.GetByText("第2版として改定する").ClickAsync();
        await first.GetByLabel("目標").FillAsync("遅れて保存する目標");
        await first.GetByRole(AriaRole.Button, new() { Name = "新しい版として保存" }).ClickAsync();

        await Assertions.Expect(first.Locator("#plan-conflict")).ToContainTextAsync("他の人が更新しました（現在は第2版）");
        await Assertions.Expect(first.GetByLabel("目標")).ToHaveValueAsync("遅れて保存する目標");
        await Assertions.Expect(first.Locator("#plan-versions li")).ToHaveCountAsync(2);
        await PagesHost.ScreenshotAsync(first, TestContext, "case-plan-conflict");
    }

    [TestMethod]
    public async Task CasePage_NoteWithoutItsText_ShowsTheErrorNextToTheFieldThenAddsTheNote()
    {
        var caseId = await CaseWithPlanAsync();
        var page = await PagesHost.SignInAsync(Coordinator);
        await page.GotoAsync($"/cases/{caseId}");
        await Assertions.Expect(page.Locator("#notes")).ToContainTextAsync("経過記録はまだありません。");

        await page.GetByText("支援を記録", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "支援を追加", Exact = true }).ClickAsync();
        var text = page.Locator("#note-2-text");
        await Assertions.Expect(page.Locator("#note-2-text-error")).ToContainTextAsync("内容を書いてください");
        await Assertions.Expect(text).ToHaveAttributeAsync("aria-describedby", "note-2-text-error");
        await PagesHost.ScreenshotAsync(page, TestContext, "case-note-error");
        await text.FillAsync("長男と面談し、居場所の見学を提案した。");
        await page.GetByRole(AriaRole.Button, new() { Name = "支援を追加", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("経過記録（支援）を追加しました");
        await page.GetByText("アウトリーチを記録").ClickAsync();
        await page.Locator("#note-0-method").SelectOptionAsync("電話");
        await page.GetByLabel("会えなかった").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "アウトリーチを追加" }).ClickAsync();

        var notes = page.Locator("#note-list li");
        await Assertions.Expect(notes).ToHaveCountAsync(2);
        await Assertions.Expect(notes.Nth(0)).ToContainTextAsync("電話（会えなかった）");
        await Assertions.Expect(notes.Nth(1)).ToContainTextAsync("長男と面談し、居場所の見学を提案した。");
        await Assertions.Expect(notes.Nth(1)).ToContainTextAsync($"記録：{CoordinatorName}");
        await PagesHost.ScreenshotAsync(page, TestContext, "case-notes");
    }

    [TestMethod]
    public async Task CasePage_CaseworkerReadsTheRouting_ExplainedInJapaneseWithTheOrderedTraceAndNoCoordinatorForms()
    {
        var caseId = (await PagesHost.ApiAsync("jiritsu-caseworker", HttpMethod.Post, "/api/cases", """
            { "window": "松戸市自立相談支援センター",
              "consultation": { "municipality": "matsudo", "person": { "age": 40, "disability": "none", "concerns": ["poverty", "debt"] }, "household": [], "consent": "unknown" } }
            """)).GetProperty("caseId").GetString()!;
        var page = await PagesHost.SignInAsync("jiritsu-caseworker");
        await page.GotoAsync($"/cases/{caseId}");

        var referral = page.Locator(".referrals li", new() { HasText = "松戸市自立相談支援センター" });
        await Assertions.Expect(referral.Locator(".referral-category")).ToHaveTextAsync("生活困窮");
        await Assertions.Expect(referral).ToContainTextAsync("生活困窮・債務");
        await Assertions.Expect(referral).ToContainTextAsync("本人");
        await Assertions.Expect(page.Locator("#intake-by")).ToContainTextAsync("デモ相談員");
        Assert.DoesNotContain("（livelihood）", await page.Locator("main").InnerTextAsync(), "categories are shown in Japanese");

        await page.GetByText("判定の過程").ClickAsync();
        var trace = page.Locator("#routing-trace .trace li");
        Assert.IsGreaterThan(0, await trace.CountAsync());
        await Assertions.Expect(referral.Locator(".rule")).ToHaveTextAsync("livelihood-self-reliance");
        var row = trace.Filter(new() { HasText = "Rule_09" }).First;
        await Assertions.Expect(row).ToContainTextAsync("（表：concern routing）");
        await Assertions.Expect(row).ToContainTextAsync("自立相談支援（1号ニ）");
        await Assertions.Expect(trace.First).ToContainTextAsync("（構造ルール）");
        await Assertions.Expect(page.Locator("#table-version")).ToContainTextAsync("sha256:");
        await Assertions.Expect(page.Locator("#rerouting")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("支援プランを作成する")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "間隔を変更" })).ToHaveCountAsync(0);
        await PagesHost.ScreenshotAsync(page, TestContext, "case-routing-trace");
    }

    [TestMethod]
    public async Task CasePage_NewConcernOnALiveCase_CoordinatorAcceptsTheProposalAndSeesTheNewReferral()
    {
        var caseId = await CaseWithPlanAsync();
        var page = await PagesHost.SignInAsync(Coordinator);
        await page.GotoAsync($"/cases/{caseId}");
        await Assertions.Expect(page.Locator(".referrals")).Not.ToContainTextAsync("松戸市自立相談支援センター");
        await Assertions.Expect(page.Locator("#no-proposal")).ToBeVisibleAsync();

        await page.GetByLabel("誰の").SelectOptionAsync(new SelectOptionValue { Label = "世帯員1" });
        await page.GetByLabel("困りごと", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "生活困窮" });
        await page.GetByRole(AriaRole.Button, new() { Name = "規則の提案を見る" }).ClickAsync();
        var proposals = page.Locator("#proposals");
        await Assertions.Expect(proposals).ToContainTextAsync("新しい紹介先");
        await Assertions.Expect(proposals).ToContainTextAsync("松戸市自立相談支援センター（生活困窮）");
        await PagesHost.ScreenshotAsync(page, TestContext, "case-rerouting-proposal");
        await page.GetByRole(AriaRole.Button, new() { Name = "この提案を承認する" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("紹介先を更新しました");
        var referral = page.Locator(".referrals li", new() { HasText = "松戸市自立相談支援センター" });
        await Assertions.Expect(referral.Locator(".referral-category")).ToHaveTextAsync("生活困窮");
        await Assertions.Expect(referral).ToContainTextAsync("世帯員1");
        await Assertions.Expect(page.Locator("#no-proposal")).ToBeVisibleAsync();
        await PagesHost.ScreenshotAsync(page, TestContext, "case-rerouted");
    }

    [TestMethod]
    public async Task MeetingPage_MemberCoordinatorRecordsMinutesAndApprovesThePlan_CaseShowsTheMonitoringDueDate()
    {
        var caseId = await CaseWithPlanAsync();
        var meetingId = (await PagesHost.ApiAsync(Coordinator, HttpMethod.Post, "/api/meetings",
            JsonSerializer.Serialize(new { kind = "重層的支援会議", date = "2026-12-10", caseIds = new[] { caseId }, members = new[] { Coordinator, "kikan-onpu-caseworker" } })))
            .GetProperty("meetingId").GetString()!;
        var page = await PagesHost.SignInAsync(Coordinator);
        await page.GotoAsync($"/cases/{caseId}");
        await Assertions.Expect(page.Locator("#monitoring-due")).ToContainTextAsync("まだ決まっていません");
        await Assertions.Expect(page.Locator("#monitoring-interval")).ToHaveTextAsync("3か月ごと");

        await page.GotoAsync($"/meetings/{meetingId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "守秘義務を確認しました" }).ClickAsync();
        await Assertions.Expect(page.Locator("#minutes")).ToContainTextAsync("議事録はまだ記録されていません。");
        await page.GetByText("議事録を記録する").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "議事録を保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("#minutes-error")).ToContainTextAsync("議事録を書いてください");
        await page.GetByLabel(CoordinatorName).CheckAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "議事録" }).FillAsync("プラン案を協議し、参加支援から始めることにした。");
        await page.GetByRole(AriaRole.Button, new() { Name = "議事録を保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("#minutes-text")).ToHaveTextAsync("プラン案を協議し、参加支援から始めることにした。");
        await Assertions.Expect(page.Locator("#minutes")).ToContainTextAsync($"出席：{CoordinatorName}");

        await page.GetByText("決定事項を記録する").ClickAsync();
        await page.GetByLabel("決定の種類").SelectOptionAsync("プラン承認");
        await page.GetByLabel("承認する支援プランの版").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "決定を記録" }).ClickAsync();
        await Assertions.Expect(page.Locator("#decision-list")).ToContainTextAsync("プラン承認");
        await Assertions.Expect(page.Locator("#decision-list")).ToContainTextAsync("支援プラン第1版");
        await PagesHost.ScreenshotAsync(page, TestContext, "meeting-record");

        await page.Locator("#decision-list").GetByRole(AriaRole.Link, new() { Name = caseId }).ClickAsync();
        await Assertions.Expect(page.Locator("#monitoring-due")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}$"));
        await Assertions.Expect(page.Locator("#plan")).ToContainTextAsync("2026/12/10の会議で承認");
        await page.GetByLabel("数").FillAsync("2");
        await page.GetByLabel("単位").SelectOptionAsync("W");
        await page.GetByRole(AriaRole.Button, new() { Name = "間隔を変更" }).ClickAsync();
        await Assertions.Expect(page.Locator("#monitoring-interval")).ToHaveTextAsync("2週間ごと");
        await Assertions.Expect(page.GetByLabel("数")).ToHaveValueAsync("2");
        await Assertions.Expect(page.GetByLabel("単位")).ToHaveValueAsync("W");
        await PagesHost.ScreenshotAsync(page, TestContext, "case-monitoring");
    }

    [TestMethod]
    [DataRow("Interval", "count=1&unit=M")]
    [DataRow("Accept", "subject=person&concern=debt")]
    public async Task CasePage_CaseworkerPostsACoordinatorForm_Is403AndTheCaseIsUnchanged(string handler, string form)
    {
        var caseId = await CaseWithPlanAsync();
        var page = await PagesHost.SignInAsync(Window);
        await page.GotoAsync($"/cases/{caseId}");

        var status = await page.EvaluateAsync<int>(
            """
            async ([handler, form]) => {
                const token = document.querySelector('input[name="__RequestVerificationToken"]').value;
                const response = await fetch(location.pathname + '?handler=' + handler, {
                    method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                    body: form + '&__RequestVerificationToken=' + encodeURIComponent(token) });
                return response.status;
            }
            """, new[] { handler, form });

        Assert.AreEqual(403, status);
        var view = await PagesHost.ApiAsync(Coordinator, HttpMethod.Get, $"/api/cases/{caseId}");
        Assert.IsFalse(view.GetProperty("routing").GetProperty("referrals").EnumerateArray().Any(r => r.GetProperty("category").GetString() == "livelihood"), "no referral was accepted");
        await page.GotoAsync($"/cases/{caseId}");
        await Assertions.Expect(page.Locator("#monitoring-interval")).ToHaveTextAsync("3か月ごと");
    }
}
