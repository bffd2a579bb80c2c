using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tsunagu.Engine;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Pages.Tests;

/// <summary>
/// The process view and the administration page: a supervisor sees a new case on the heatmap and its instance diagram,
/// and retries an incident; an administrator creates an account, verifies the audit chain and looks up who saw a case.
/// </summary>
[TestClass]
public sealed class OperationsJourneyTests
{
    private const string Caseworker = "jiritsu-caseworker";
    private const string Supervisor = "jiritsu-supervisor";
    private const string Admin = "matsudo-admin";

    private const string PovertyIntake = """
        { "window": "松戸市自立相談支援センター",
          "consultation": { "municipality": "matsudo", "person": { "age": 40, "disability": "none", "concerns": ["poverty"] }, "household": [], "consent": "unknown" } }
        """;

    public TestContext TestContext { get; set; } = null!;

    private static ProcessEngine Engine => PagesHost.Services.GetRequiredService<ProcessEngine>();

    private static async Task<int> WaitingAsync(IPage page, string nodeId) =>
        int.Parse(await page.Locator($"#wait-table tr[data-node='{nodeId}'] td").Nth(2).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

    [TestMethod]
    public async Task Processes_NewCase_CountedOnTheHeatmapAndDrawnOnItsInstanceDiagram()
    {
        var page = await PagesHost.SignInAsync(Supervisor);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "プロセス" }).ClickAsync();
        await Assertions.Expect(page.Locator("#process-diagram[data-drawn]")).ToHaveCountAsync(1);
        var caseId = (await PagesHost.ApiAsync(Caseworker, HttpMethod.Post, "/api/cases", PovertyIntake)).GetProperty("caseId").GetString()!;
        var instance = (await Engine.FindInstanceAsync("case-path", caseId))!;
        var waitsAt = instance.Tasks.Single();
        var before = await page.Locator($"#wait-table tr[data-node='{waitsAt}']").CountAsync() == 0 ? 0 : await WaitingAsync(page, waitsAt);

        await page.ReloadAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "滞留状況：相談支援ケース (重層的支援)" })).ToBeVisibleAsync();
        Assert.IsGreaterThanOrEqualTo(before + 1, await WaitingAsync(page, waitsAt), "the new case waits at its task");
        var badge = page.Locator($".badge[data-node='{waitsAt}']");
        await Assertions.Expect(badge).ToContainTextAsync("待機 ");
        await Assertions.Expect(page.Locator($".djs-element[data-element-id='{waitsAt}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("heat-[1-4]"));
        await PagesHost.ScreenshotAsync(page, TestContext, "processes-heatmap");

        await page.GotoAsync($"/processes/instances/{instance.Id}");

        await Assertions.Expect(page.Locator("#instance-status")).ToHaveTextAsync("進行中");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = caseId })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($".djs-element.active[data-element-id='{waitsAt}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($".badge.active[data-node='{waitsAt}']")).ToHaveTextAsync("現在 1");
        Assert.IsGreaterThan(0, await page.Locator(".djs-connection.completed").CountAsync(), "the path taken so far is highlighted");
        await Assertions.Expect(page.Locator("#active-list")).ToContainTextAsync(waitsAt);
        await PagesHost.ScreenshotAsync(page, TestContext, "processes-instance");
    }

    [TestMethod]
    public async Task Processes_IncidentWhoseCauseWasFixed_RetriedFromThePage()
    {
        var key = "deadline-check-" + Guid.NewGuid().ToString("N")[..8];
        var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deadline-check.bpmn"));
        await Engine.DeployAsync(xml.Replace("\"deadline-check\"", $"\"{key}\"", StringComparison.Ordinal));
        var businessKey = "ops-" + Guid.NewGuid().ToString("N")[..8];
        var instance = await Engine.StartInstanceAsync(key, options: new StartOptions { BusinessKey = businessKey });
        var page = await PagesHost.SignInAsync(Supervisor);

        await page.GotoAsync($"/processes?key={key}");

        var row = page.Locator($"#incident-table tr[data-instance='{instance}']");
        await Assertions.Expect(row).ToContainTextAsync("期限の確認");
        await Assertions.Expect(row).ToContainTextAsync(businessKey);
        await Assertions.Expect(page.Locator(".badge[data-node='check']")).ToHaveTextAsync("待機 1（インシデント 1）");
        await PagesHost.ScreenshotAsync(page, TestContext, "processes-incident");

        var input = (await Engine.QueryTasksAsync(new TaskQuery { InstanceId = instance })).Single(t => t.NodeId == "input");
        await Engine.CompleteTaskAsync(input.Id, new Dictionary<string, JsonNode?> { ["deadline"] = "2030-04-01" }, "test");
        await row.GetByRole(AriaRole.Button, new() { Name = $"再試行（{businessKey} の 期限の確認）" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("インシデントは解消しました");
        await Assertions.Expect(page.Locator($"#incident-table tr[data-instance='{instance}']")).ToHaveCountAsync(0);
        Assert.AreEqual($"/processes?key={key}", new Uri(page.Url).PathAndQuery, "back on the process it was retried from");
        await page.GotoAsync($"/processes/instances/{instance}");
        await Assertions.Expect(page.Locator(".djs-element.active[data-element-id='review']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#no-incidents")).ToBeVisibleAsync();
        await PagesHost.ScreenshotAsync(page, TestContext, "processes-retried");
    }

    [TestMethod]
    [DataRow(Caseworker, "/processes")]
    [DataRow(Supervisor, "/admin")]
    public async Task OperationsPages_RoleNotAdmitted_IsRefusedAndHasNoLink(string user, string path)
    {
        var page = await PagesHost.SignInAsync(user);

        await page.GotoAsync(path);

        Assert.EndsWith("/status/403", new Uri(page.Url).AbsolutePath, "sent to the refusal page");
        await Assertions.Expect(page.Locator($"nav a[href='{path}']")).ToHaveCountAsync(0);
    }

    [TestMethod]
    public async Task Admin_CreatesAccountVerifiesChainAndSeesWhoOpenedACase()
    {
        var caseId = (await PagesHost.ApiAsync(Caseworker, HttpMethod.Post, "/api/cases", PovertyIntake)).GetProperty("caseId").GetString()!;
        var meeting = await PagesHost.ApiAsync("multi-agency-caseworker", HttpMethod.Post, "/api/meetings",
            System.Text.Json.JsonSerializer.Serialize(new { kind = "支援会議", date = "2099-01-05", caseIds = new[] { caseId }, members = new[] { Caseworker } }));
        var reader = await PagesHost.SignInAsync(Caseworker);
        await reader.GotoAsync($"/cases/{caseId}");
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Name = $"ケース {caseId}" })).ToBeVisibleAsync();
        var page = await PagesHost.SignInAsync(Admin);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "管理" }).ClickAsync();
        var id = "ops-" + Guid.NewGuid().ToString("N")[..8];

        await page.GetByLabel("ユーザーID").FillAsync(id);
        await page.GetByLabel("氏名").FillAsync("運用 花子");
        await page.GetByLabel("所属（外部構成員は空欄）").FillAsync("松戸市自立相談支援センター");
        await page.GetByLabel("相談員").CheckAsync();
        await page.GetByLabel("初期パスワード（10文字以上）").FillAsync("ops-password-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "作成" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"アカウント {id} を作成しました");
        var account = page.Locator($"#account-table tr[data-account='{id}']");
        await Assertions.Expect(account).ToContainTextAsync("相談員");
        await account.GetByRole(AriaRole.Button, new() { Name = $"無効にする（{id}）" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#account-table tr[data-account='{id}'] .account-state")).ToHaveTextAsync("無効");
        var members = page.Locator("#meeting-table tr", new() { HasText = meeting.GetProperty("meetingId").GetString()! });
        await Assertions.Expect(members).ToContainTextAsync($"（{Caseworker}）：未確認");
        await account.ScrollIntoViewIfNeededAsync();
        await PagesHost.ScreenshotAsync(page, TestContext, "admin-accounts");

        await page.GetByRole(AriaRole.Button, new() { Name = "監査ログを検証" }).ClickAsync();
        await Assertions.Expect(page.Locator("#verify-result")).ToContainTextAsync("OK：監査ログは改ざんされていません");

        await page.GetByLabel("ケース番号").FillAsync(caseId);
        await page.GetByRole(AriaRole.Button, new() { Name = "検索" }).ClickAsync();

        var readRow = page.Locator("#audit-table tr", new() { HasText = "case.read" });
        await Assertions.Expect(readRow.First).ToContainTextAsync(Caseworker);
        await Assertions.Expect(page.Locator("#audit-table")).ToContainTextAsync("ケースの閲覧");
        await PagesHost.ScreenshotAsync(page, TestContext, "admin-who-saw");
    }
}
