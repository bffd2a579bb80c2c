using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tsunagu.Host;

namespace Tsunagu.Pages.Tests;

/// <summary>
/// One real host on a loopback port (Kestrel, the matsudo pack, a temporary data folder) and Debian's Chromium driven
/// by Playwright. The browser is never downloaded: <c>/usr/bin/chromium</c> (./test.sh installs it).
/// </summary>
[TestClass]
public static class PagesHost
{
    public const string Password = "vignette-password";
    public const string ChromiumPath = "/usr/bin/chromium";

    private static WebApplication? app;
    private static IPlaywright? playwright;
    private static IBrowser? browser;

    public static Uri BaseAddress { get; private set; } = null!;

    /// <summary>The host's services, for set-up the pages do not offer (deploying a test process).</summary>
    public static IServiceProvider Services => app!.Services;

    public static string Artifacts { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [AssemblyInitialize]
    public static async Task StartAsync(TestContext context)
    {
        var data = Directory.CreateTempSubdirectory("tsunagu-pages").FullName;
        app = TsunaguApp.Build(
            [$"--Tsunagu:DataDirectory={data}", $"--Tsunagu:DemoPassword={Password}", "--Tsunagu:TokenRequestsPerMinute=1000000", "--Tsunagu:ApiRequestsPerMinute=1000000"],
            "http://127.0.0.1:0");
        await app.StartAsync();
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Directory.CreateDirectory(Artifacts);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    [AssemblyCleanup]
    public static async Task StopAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context (its own cookies) in Japanese, at a desktop size.</summary>
    public static async Task<IPage> NewPageAsync()
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(), Locale = "ja-JP", TimezoneId = "Asia/Tokyo", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in on <c>/login</c> as a person would.</summary>
    public static async Task<IPage> SignInAsync(string user)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("ユーザーID").FillAsync(user);
        await page.GetByLabel("パスワード").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Saves a full-page screenshot as a test artifact.</summary>
    public static async Task ScreenshotAsync(IPage page, TestContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(context);
        var path = Path.Combine(Artifacts, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        context.AddResultFile(path);
    }

    /// <summary>Calls the API with a bearer token of <paramref name="user"/>, for the set-up a journey starts from.</summary>
    public static async Task<JsonElement> ApiAsync(string user, HttpMethod method, string path, string? json = null)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        using var token = await client.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { userName = user, password = Password });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.IsTrue(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
