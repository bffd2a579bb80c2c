using System.Text.Json;
using Microsoft.Playwright;

namespace Tsunagu.Pages.Tests;

/// <summary>
/// Every page checked by axe-core (npm, bundled with the pages' packages) against WCAG 2.2 A and AA: labels, names,
/// contrast, landmarks, language. The diagram and table editors (bpmn-js, dmn-js canvases) are left out: their drawing
/// surfaces are third-party SVG whose content the tables beside them repeat.
/// </summary>
[TestClass]
public sealed class AccessibilityTests
{
    private static readonly string[] Members = ["kikan-coco-caseworker"];

    private static readonly string AxeScript = File.ReadAllText(FindAxe());

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Login_Anonymous_NoWcagViolations()
    {
        var page = await PagesHost.NewPageAsync();
        await page.GotoAsync("/login");

        await AssertAccessibleAsync(page);
    }

    [TestMethod]
    [DataRow("multi-agency-caseworker", "/inbox")]
    [DataRow("jiritsu-caseworker", "/intake")]
    [DataRow("jiritsu-supervisor", "/indicators")]
    [DataRow("jiritsu-supervisor", "/processes")]
    [DataRow("matsudo-admin", "/admin")]
    [DataRow("matsudo-admin", "/designer")]
    [DataRow("jiritsu-supervisor", "/processes/instances/{instance}")]
    public async Task Page_SignedIn_NoWcagViolations(string user, string path)
    {
        if (path.Contains("{instance}", StringComparison.Ordinal))
        {
            var started = await PagesHost.ApiAsync("ikiiki-kogane-caseworker", HttpMethod.Post, "/api/cases", CaseworkJourneyTests.EightyFifty);
            path = path.Replace("{instance}", started.GetProperty("instanceId").GetString(), StringComparison.Ordinal);
        }

        var page = await PagesHost.SignInAsync(user);
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await AssertAccessibleAsync(page);
    }

    [TestMethod]
    public async Task CaseAndMeeting_Coordinator_NoWcagViolations()
    {
        var caseId = (await PagesHost.ApiAsync("ikiiki-kogane-caseworker", HttpMethod.Post, "/api/cases", CaseworkJourneyTests.EightyFifty)).GetProperty("caseId").GetString()!;
        var meetingId = (await PagesHost.ApiAsync("multi-agency-caseworker", HttpMethod.Post, "/api/meetings",
            JsonSerializer.Serialize(new { kind = "重層的支援会議", date = "2026-12-10", caseIds = new[] { caseId }, members = Members }))).GetProperty("meetingId").GetString()!;
        var page = await PagesHost.SignInAsync("multi-agency-caseworker");

        await page.GotoAsync($"/cases/{caseId}");
        await AssertAccessibleAsync(page);
        await page.GotoAsync($"/meetings/{meetingId}");
        await AssertAccessibleAsync(page);
    }

    private async Task AssertAccessibleAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run({ exclude: [['.djs-container'], ['.dmn-decision-table-container'], ['.dmn-drd-container']] },
                { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }))
              .violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        if (found.Count > 0)
        {
            await PagesHost.ScreenshotAsync(page, TestContext, "a11y-" + new Uri(page.Url).AbsolutePath.Trim('/').Replace('/', '-'));
        }

        Assert.IsEmpty(found, $"{page.Url}:\n{string.Join('\n', found)}");
    }

    private static string FindAxe()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "host", "Tsunagu.Host", "ClientApp", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("axe-core is missing: the host's build installs it with npm ci (host/Tsunagu.Host/ClientApp).");
    }
}
