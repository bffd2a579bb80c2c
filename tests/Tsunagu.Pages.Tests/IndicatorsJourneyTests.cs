using System.Text;
using Microsoft.Playwright;

namespace Tsunagu.Pages.Tests;

/// <summary>Journey 4: the indicators page draws its charts for the cases a test made, and the CSV downloads.</summary>
[TestClass]
public sealed class IndicatorsJourneyTests
{
    private const string Window = "松戸市自立相談支援センター";

    public TestContext TestContext { get; set; } = null!;

    private static async Task<int> IntakeTotalAsync(IPage page) => int.Parse(await page.Locator("#intake-total").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

    [TestMethod]
    public async Task Indicators_TwoNewIntakes_AreChartedAndInTheCsv()
    {
        var page = await PagesHost.SignInAsync("jiritsu-supervisor");
        await page.GotoAsync("/indicators");
        var before = await IntakeTotalAsync(page);
        for (var i = 0; i < 2; i++)
        {
            await PagesHost.ApiAsync("jiritsu-caseworker", HttpMethod.Post, "/api/cases", $$"""
                { "window": "{{Window}}", "consultation": { "municipality": "matsudo", "person": { "age": 35, "disability": "none", "concerns": ["poverty"] }, "household": [], "consent": "unknown" } }
                """);
        }

        await page.ReloadAsync();

        Assert.AreEqual(before + 2, await IntakeTotalAsync(page));
        await Assertions.Expect(page.Locator("#intake-chart")).ToHaveAttributeAsync("data-drawn", "1");
        await Assertions.Expect(page.Locator("#referral-chart[data-drawn]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#indicator-table")).ToContainTextAsync(Window);
        await PagesHost.ScreenshotAsync(page, TestContext, "journey4-indicators");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#csv").ClickAsync());
        var path = Path.Combine(PagesHost.Artifacts, "journey4-indicators.csv");
        await download.SaveAsAsync(path);
        TestContext.AddResultFile(path);
        var csv = await File.ReadAllTextAsync(path, Encoding.UTF8);

        StringAssert.StartsWith(csv, "区分,項目,件数");
        var intakeRows = csv.Split("\r\n").Where(l => l.StartsWith("相談受付,", StringComparison.Ordinal)).Sum(l => int.Parse(l[(l.LastIndexOf(',') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(before + 2, intakeRows, "the CSV holds the same numbers as the page");
    }
}
