using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Composition;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Tests;

/// <summary>Sign-in, lockout, rate limits, token expiry, accounts, OIDC mapping, data files and the audit chain — each on its own host.</summary>
[TestClass]
[DoNotParallelize]
public sealed class SignInTests
{
    private const string User = "jiritsu-caseworker";

    private static readonly HttpStatusCode[] ThreeRefusalsThenLimited =
        [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests];

    private static (WebApplicationFactory<Program> Host, FakeTimeProvider Clock, string Data) StartWithClock(params (string Key, string Value)[] settings)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var data = Directory.CreateTempSubdirectory("tsunagu-signin").FullName;
        var host = TsunaguHost.Start(data, settings).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        return (host, clock, data);
    }

    private static HttpResponseMessage Token(WebApplicationFactory<Program> host, string user, string password) => TsunaguHost.RequestToken(host, user, password);

    [TestMethod]
    public async Task Token_RightPassword_IssuesABearerTokenThatOpensTheApi()
    {
        var (host, _, _) = StartWithClock();
        using (host)
        {
            using var response = Token(host, User, TsunaguHost.Password);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            using var client = host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());

            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.AreEqual(3600, body.GetProperty("expiresIn").GetInt32());
            Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode);
        }
    }

    [TestMethod]
    public async Task Token_FiveFailures_LocksTheNameEvenForTheRightPasswordUntilFifteenMinutesPass()
    {
        var (host, clock, _) = StartWithClock();
        using (host)
        {
            for (var i = 0; i < 5; i++)
            {
                using var wrong = Token(host, User, "wrong-password");
                Assert.AreEqual(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }

            using var locked = Token(host, User, TsunaguHost.Password);
            var problem = await locked.Content.ReadFromJsonAsync<JsonElement>();
            Assert.AreEqual(HttpStatusCode.Unauthorized, locked.StatusCode);
            Assert.AreEqual("https://tsunagu.dev/problems/sign-in-locked", problem.GetProperty("type").GetString());
            Assert.IsNotNull(locked.Headers.RetryAfter);

            clock.Advance(TimeSpan.FromMinutes(14));
            using var stillLocked = Token(host, User, TsunaguHost.Password);
            Assert.AreEqual(HttpStatusCode.Unauthorized, stillLocked.StatusCode);

            clock.Advance(TimeSpan.FromMinutes(2));
            using var open = Token(host, User, TsunaguHost.Password);
            Assert.AreEqual(HttpStatusCode.OK, open.StatusCode);
        }
    }

    [TestMethod]
    public async Task Token_UnknownName_LocksExactlyLikeAKnownOne()
    {
        var (host, _, _) = StartWithClock();
        using (host)
        {
            var answers = new List<string>();
            foreach (var user in new[] { User, "nobody-at-all" })
            {
                for (var i = 0; i < 6; i++)
                {
                    using var response = Token(host, user, "wrong-password");
                    answers.Add($"{user == User}:{i}:{(int)response.StatusCode}:{(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString()}");
                }
            }

            CollectionAssert.AreEqual(answers.Take(6).Select(a => a[(a.IndexOf(':', StringComparison.Ordinal) + 1)..]).ToList(), answers.Skip(6).Select(a => a[(a.IndexOf(':', StringComparison.Ordinal) + 1)..]).ToList());
        }
    }

    [TestMethod]
    public void Token_PastTheClientRate_Is429WithRetryAfter()
    {
        var (host, _, _) = StartWithClock(("Tsunagu:TokenRequestsPerMinute", "3"));
        using (host)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
            {
                using var response = Token(host, User, "wrong-password");
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Assert.IsNotNull(response.Headers.RetryAfter);
                    Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }

            CollectionAssert.AreEqual(ThreeRefusalsThenLimited, statuses);
        }
    }

    [TestMethod]
    public async Task Api_PastTheAccountRate_Is429()
    {
        var (host, _, _) = StartWithClock(("Tsunagu:ApiRequestsPerMinute", "2"));
        using (host)
        {
            using var client = TsunaguHost.Client(host);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3; i++)
            {
                using var response = await client.GetAsync(new Uri("/api/tasks", UriKind.Relative));
                statuses.Add(response.StatusCode);
            }

            Assert.AreEqual(HttpStatusCode.TooManyRequests, statuses[^1]);
        }
    }

    [TestMethod]
    public async Task Token_AfterItsLifetime_IsRefused()
    {
        var (host, clock, _) = StartWithClock();
        using (host)
        {
            using var client = TsunaguHost.Client(host);
            Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode);

            clock.Advance(TimeSpan.FromMinutes(61));

            Assert.AreEqual(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode);
        }
    }

    [TestMethod]
    public async Task Token_OfAnotherMunicipalitysHost_UnauthorizedThoughTheAccountIdExistsThere()
    {
        using var matsudo = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-tenant-a").FullName);
        using var ichikawa = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-tenant-b").FullName, ("Tsunagu:Pack", "ichikawa"));
        using var admin = TsunaguHost.Client(ichikawa, "ichikawa-admin");
        using var created = await admin.PostAsJsonAsync(new Uri("/api/admin/accounts", UriKind.Relative),
            JsonDocument.Parse($$"""{ "id": "{{User}}", "name": "市川の同名", "roles": ["caseworker"], "password": "{{TsunaguHost.Password}}" }""").RootElement);
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        using var own = TsunaguHost.Client(ichikawa, User);
        using var foreign = ichikawa.CreateClient();
        using var token = Token(matsudo, User, TsunaguHost.Password);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        foreign.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var ticket = ichikawa.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector.Unprotect(accessToken);

        Assert.AreEqual(User, ticket?.Principal.FindFirstValue(ClaimTypes.NameIdentifier), "the hosts share their keys, so only the municipality tells the tokens apart");
        Assert.AreEqual(HttpStatusCode.OK, (await own.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await foreign.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode);
    }

    [TestMethod]
    public async Task Accounts_AdminCreatesAMemberAndDisablesIt_TokensStopAtOnce()
    {
        var (host, _, _) = StartWithClock();
        using (host)
        {
            using var admin = TsunaguHost.Client(host, "matsudo-admin");
            using var created = await admin.PostAsJsonAsync(new Uri("/api/admin/accounts", UriKind.Relative),
                JsonDocument.Parse("""{ "id": "minsei-1", "name": "民生委員 一", "roles": ["member"], "password": "member-password-1" }""").RootElement);
            Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());

            using var token = Token(host, "minsei-1", "member-password-1");
            using var member = host.CreateClient();
            member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
            Assert.AreEqual(HttpStatusCode.Forbidden, (await member.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode, "a member's account grants no casework");

            using var disabled = await admin.PostAsync(new Uri("/api/admin/accounts/minsei-1/disable", UriKind.Relative), null);
            Assert.AreEqual(HttpStatusCode.OK, disabled.StatusCode);
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await member.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode);
        }
    }

    [TestMethod]
    public async Task Password_ChangedByItsOwner_OldOneStopsWorking()
    {
        var (host, _, _) = StartWithClock();
        using (host)
        {
            using var client = TsunaguHost.Client(host);
            using var changed = await client.PostAsJsonAsync(new Uri("/api/auth/password", UriKind.Relative),
                new { currentPassword = TsunaguHost.Password, newPassword = "a-new-long-password" });
            using var tooShort = await client.PostAsJsonAsync(new Uri("/api/auth/password", UriKind.Relative),
                new { currentPassword = "a-new-long-password", newPassword = "short" });

            Assert.AreEqual(HttpStatusCode.NoContent, changed.StatusCode);
            Assert.AreEqual(HttpStatusCode.BadRequest, tooShort.StatusCode);
            Assert.AreEqual(HttpStatusCode.Unauthorized, Token(host, User, TsunaguHost.Password).StatusCode);
            Assert.AreEqual(HttpStatusCode.OK, Token(host, User, "a-new-long-password").StatusCode);
        }
    }

    [TestMethod]
    public async Task Oidc_SubjectAndAccountClaim_MapToTheAccountAndBindTheSubject()
    {
        var (host, _, _) = StartWithClock();
        using (host)
        {
            _ = host.CreateClient();
            var mapper = host.Services.GetRequiredService<OidcAccounts>();
            var settings = new OidcSettings { Authority = "https://idp.example", ClientId = "tsunagu" };
            static ClaimsPrincipal Person(params (string Type, string Value)[] claims) =>
                new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));

            var first = await mapper.MapAsync(Person(("sub", "entra-123"), ("preferred_username", User)), settings, CancellationToken.None);
            var again = await mapper.MapAsync(Person(("sub", "entra-123")), settings, CancellationToken.None);
            var stranger = await mapper.MapAsync(Person(("sub", "entra-999"), ("preferred_username", "nobody")), settings, CancellationToken.None);
            var hijack = await mapper.MapAsync(Person(("sub", "entra-777"), ("preferred_username", User)), settings, CancellationToken.None);

            Assert.AreEqual(User, first?.Id);
            Assert.AreEqual(User, again?.Id, "the subject is bound to the account");
            Assert.IsNull(stranger);
            Assert.IsNull(hijack, "an account bound to one subject is not taken over by another");
            var principal = AccountClaims.For(first!, "matsudo", "oidc");
            Assert.IsTrue(principal.IsInRole("caseworker"));
        }
    }

    [TestMethod]
    public void DataFiles_AreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Unix file modes only.");
            return;
        }

        var data = Path.Combine(Directory.CreateTempSubdirectory("tsunagu-modes").FullName, "data");
        using var host = TsunaguHost.Start(data);
        _ = host.CreateClient();

        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "tsunagu.db")));
    }

    [TestMethod]
    public async Task OpenApi_OutsideDevelopment_NeedsASignedInUser()
    {
        using var host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-prod").FullName).WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using var anonymous = host.CreateClient();
        using var signedIn = TsunaguHost.Client(host);

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await signedIn.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
    }

    [TestMethod]
    public async Task DeployRouting_AnotherMunicipality_Is404ForThisAdmin()
    {
        using var admin = TsunaguHost.Client("matsudo-admin");
        using var content = new StringContent("<definitions/>", System.Text.Encoding.UTF8, "application/xml");

        using var response = await admin.PutAsync(new Uri("/api/admin/packs/ichikawa/routing", UriKind.Relative), content);

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [TestMethod]
    public async Task AuditVerify_OneEntryTamperedOnDisk_NamesItThroughApiAndCli()
    {
        var (host, _, data) = StartWithClock();
        using (host)
        {
            var caseId = await StartCaseAsync(host);
            using var admin = TsunaguHost.Client(host, "matsudo-admin");
            var intact = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/admin/audit/verify", UriKind.Relative));
            Assert.IsTrue(intact.GetProperty("intact").GetBoolean());
            Assert.AreEqual(0, CliRun.Run("audit", "verify", "--data", data).Exit);

            var tampered = Tamper(Path.Combine(data, "tsunagu.db"), caseId);

            var broken = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/admin/audit/verify", UriKind.Relative));
            Assert.IsFalse(broken.GetProperty("intact").GetBoolean());
            Assert.AreEqual(tampered, broken.GetProperty("firstBroken").GetInt64());
            var (exit, stdout, _) = CliRun.Run("audit", "verify", "--data", data);
            Assert.AreEqual(1, exit);
            StringAssert.Contains(stdout, $"broken at entry {tampered}");
        }
    }

    private static async Task<string> StartCaseAsync(WebApplicationFactory<Program> host)
    {
        using var client = TsunaguHost.Client(host);
        using var response = await client.PostAsJsonAsync(new Uri("/api/cases", UriKind.Relative), JsonDocument.Parse("""
            { "consultation": { "municipality": "matsudo", "person": { "age": 40, "concerns": ["poverty"] }, "consent": "unknown" } }
            """).RootElement);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
    }

    /// <summary>What someone with file access could do: drop the guard and rewrite who started the case.</summary>
    private static long Tamper(string database, string caseId)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DROP TRIGGER audit_log_no_update;
            UPDATE audit_log SET actor = 'someone-else' WHERE case_id = $case AND action = 'case.start';
            SELECT sequence FROM audit_log WHERE case_id = $case AND action = 'case.start';
            """;
        command.Parameters.AddWithValue("$case", caseId);
        return (long)command.ExecuteScalar()!;
    }
}
