using Microsoft.Playwright;

namespace Tsunagu.Pages.Tests;

/// <summary>The sign-in page and <c>/</c>.</summary>
[TestClass]
public sealed class SignInPageTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Root_SignedOut_GoesToTheSignInForm()
    {
        var page = await PagesHost.NewPageAsync();

        await page.GotoAsync("/");

        Assert.EndsWith("/login", page.Url);
        await Assertions.Expect(page.GetByLabel("ユーザーID")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("パスワード")).ToBeVisibleAsync();
        await PagesHost.ScreenshotAsync(page, TestContext, "login");
    }

    [TestMethod]
    public async Task Login_WrongPassword_SaysSoAndStaysSignedOut()
    {
        var page = await PagesHost.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("ユーザーID").FillAsync("jiritsu-supervisor");
        await page.GetByLabel("パスワード").FillAsync("not-the-password");

        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("ユーザーIDまたはパスワードが違います。");
        await page.GotoAsync("/inbox");
        Assert.Contains("/login", page.Url);
    }

    [TestMethod]
    public async Task Login_Supervisor_StartsAtTheIndicatorsAndTheCookieDoesNotOpenTheApi()
    {
        var page = await PagesHost.SignInAsync("jiritsu-supervisor");

        var api = await page.APIRequest.GetAsync("/api/indicators");

        Assert.EndsWith("/indicators", page.Url);
        Assert.AreEqual(401, api.Status, "the API takes bearer tokens only");
    }
}
