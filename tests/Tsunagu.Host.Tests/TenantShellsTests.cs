using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Engine;
using Tsunagu.Host.Composition;
using Tsunagu.Host.Security;
using static Tsunagu.Host.Tests.EightyFiftyEndToEndTests;

namespace Tsunagu.Host.Tests;

/// <summary>
/// One process serving 松戸 and 市川 (<c>Tsunagu:Tenants</c>, ADR 0023): sign-in names the municipality, each request runs
/// in its principal's shell, each shell routes by its own pack and runs its own timers. The isolation sweeps of every
/// endpoint are <see cref="TenancyHostTests"/>, run on this topology too. PostgreSQL tests are skipped without TSUNAGU_POSTGRES.
/// </summary>
[TestClass]
public sealed partial class TenantShellsTests
{
    [TestMethod]
    public async Task Token_ServingBoth_NeedsTheMunicipalityAndSignsIntoItsAccountsOnly()
    {
        await using var host = TenancyHostTests.StartServingBoth(await PostgreSqlSchema.CreateAsync());

        using var unnamed = TsunaguHost.RequestToken(host, new { userName = "matsudo-admin", password = TsunaguHost.Password });
        using var elsewhere = TsunaguHost.RequestToken(host, new { userName = "matsudo-admin", password = TsunaguHost.Password, municipality = "ichikawa" });
        using var unknown = TsunaguHost.RequestToken(host, new { userName = "matsudo-admin", password = TsunaguHost.Password, municipality = "kashiwa" });
        using var admin = TsunaguHost.Client(host, "matsudo-admin");
        var accounts = await OkAsync(admin, HttpMethod.Get, "/api/admin/accounts");

        Assert.AreEqual(HttpStatusCode.BadRequest, unnamed.StatusCode);
        StringAssert.Contains(await unnamed.Content.ReadAsStringAsync(), "municipality");
        Assert.AreEqual(HttpStatusCode.Unauthorized, elsewhere.StatusCode, "市川 has no account matsudo-admin");
        Assert.AreEqual(HttpStatusCode.BadRequest, unknown.StatusCode);
        var ids = accounts.EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        CollectionAssert.Contains(ids, "jiritsu-caseworker");
        CollectionAssert.DoesNotContain(ids, "yorisoi-caseworker", "松戸's administrator lists 松戸's accounts only");
    }

    [TestMethod]
    public async Task Token_ForAMunicipalityNotServed_Unauthorized()
    {
        await using var host = TenancyHostTests.StartServingBoth(await PostgreSqlSchema.CreateAsync());
        using var served = Bearer(host, Mint(host, "matsudo-admin", "matsudo"));
        using var notServed = Bearer(host, Mint(host, "matsudo-admin", "kashiwa"));

        Assert.AreEqual(HttpStatusCode.OK, (await served.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode, "a token minted this way works for a served municipality");
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await notServed.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode);
    }

    [TestMethod]
    public async Task Intakes_ServingBoth_EachRoutesByItsOwnPackAndCountsItsOwnCases()
    {
        await using var host = TenancyHostTests.StartServingBoth(await PostgreSqlSchema.CreateAsync());

        // Each run asserts its routing (松戸's 8050 to 多機関協働 in 小金; 市川's participation at がじゅまる+ and たき火), and
        // 市川's run counts exactly its one case in its indicators although 松戸's case shares the process.
        await RunEightyFiftyAsync(host);
        await IchikawaEndToEndTests.RunHikikomoriAsync(host);
    }

    [TestMethod]
    public async Task LoginPage_ServingBoth_OffersTheMunicipalitiesAndSignsIntoTheChosenOne()
    {
        await using var host = TenancyHostTests.StartServingBoth(await PostgreSqlSchema.CreateAsync());
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var form = await browser.GetStringAsync(new Uri("/login", UriKind.Relative));
        using var unchosen = await PostLoginAsync(browser, form, "yorisoi-caseworker", "");
        using var signedIn = await PostLoginAsync(browser, form, "yorisoi-caseworker", "ichikawa");
        using var inbox = await browser.GetAsync(new Uri("/inbox", UriKind.Relative));

        StringAssert.Matches(form, SelectOf("matsudo", "松戸市"));
        StringAssert.Matches(form, SelectOf("ichikawa", "市川市"));
        Assert.AreEqual(HttpStatusCode.BadRequest, unchosen.StatusCode);
        StringAssert.Contains(await unchosen.Content.ReadAsStringAsync(), "自治体を選んでください");
        Assert.AreEqual(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, inbox.StatusCode, "the cookie carries 市川 and opens its pages");
    }

    [TestMethod]
    public async Task LoginPage_OneMunicipality_HasNoMunicipalityField()
    {
        using var browser = TsunaguHost.Shared.CreateClient();

        var form = await browser.GetStringAsync(new Uri("/login", UriKind.Relative));

        StringAssert.Contains(form, "name=\"userName\"");
        Assert.DoesNotContain("name=\"municipality\"", form);
    }

    [TestMethod]
    public async Task MonitoringTimer_ServingBoth_FiresIn市川sShellOnly()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var connectionString = await PostgreSqlSchema.CreateAsync();
        await using var host = TenancyHostTests.StartServingBoth(connectionString).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var coordinator = TsunaguHost.Client(host, "yorisoi-caseworker");
        var caseId = (await OkAsync(coordinator, HttpMethod.Post, "/api/cases", """
            { "route": "家族", "person": { "name": "市川 五郎", "kana": "イチカワ ゴロウ", "birthDate": "1990-01-01", "address": "市川市八幡1-2" },
              "consultation": { "municipality": "ichikawa", "person": { "age": 36, "concerns": ["hikikomori"] }, "household": [], "consent": "granted" } }
            """)).GetProperty("caseId").GetString()!;
        foreach (var node in new[] { "triage", "assessment" })
        {
            await OkAsync(coordinator, HttpMethod.Post, $"/api/tasks/{await TaskAsync(coordinator, caseId, node)}/complete", "{}");
        }

        var (saved, plan, _) = await PutPlanAsync(coordinator, caseId, """
            { "lead": "がじゅまる+", "goals": "居場所につながる", "periodFrom": "2026-12-01", "periodTo": "2027-11-30", "reviewOn": "2027-06-30",
              "roles": [ { "institution": "がじゅまる+", "kind": "アウトリーチ", "task": "自宅訪問" } ] }
            """, null);
        Assert.AreEqual(HttpStatusCode.OK, saved, plan.ToString());
        await OkAsync(coordinator, HttpMethod.Post, $"/api/tasks/{await TaskAsync(coordinator, caseId, "meeting-jusou")}/complete", "{}");
        await TaskAsync(coordinator, caseId, "monitoring");
        var shells = host.Services.GetRequiredService<TenantShells>();

        // 市川's own Hangfire sweep (each minute, on the real clock) may run the timer first; either way 市川 runs it.
        clock.Advance(TimeSpan.FromDays(90 - 7 + 1));
        var ranByMatsudo = await shells.Find("matsudo")!.Services.GetRequiredService<ProcessEngine>().RunDueJobsAsync();
        await shells.Find("ichikawa")!.Services.GetRequiredService<ProcessEngine>().RunDueJobsAsync();

        Assert.AreEqual(0, ranByMatsudo, "松戸's shell does not see 市川's timer");
        Assert.AreEqual(1, await StoreSelectionTests.CountAsync(
            connectionString, "SELECT count(*) FROM notifications WHERE kind = 'monitoring-reminder' AND case_id = @value", caseId, "ichikawa"));
        Assert.AreEqual(0, await StoreSelectionTests.CountAsync(connectionString, "SELECT count(*) FROM notifications WHERE case_id = @value", caseId), "松戸 has none of it");
    }

    /// <summary>A bearer token as the host would issue it for <paramref name="accountId"/> of <paramref name="tenant"/>.</summary>
    private static string Mint(WebApplicationFactory<Program> host, string accountId, string tenant)
    {
        var bearer = host.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme);
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(AccountClaims.Issued(accountId, tenant, BearerTokenDefaults.AuthenticationScheme)), properties, BearerTokenDefaults.AuthenticationScheme);
        return bearer.BearerTokenProtector.Protect(ticket);
    }

    private static HttpClient Bearer(WebApplicationFactory<Program> host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string form, string user, string municipality)
    {
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user,
            ["password"] = TsunaguHost.Password,
            ["municipality"] = municipality,
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
        });
        return await browser.PostAsync(new Uri("/login", UriKind.Relative), body);
    }

    private static Regex SelectOf(string id, string name) => new($"<option value=\"{id}\"[^>]*>{name}</option>");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
