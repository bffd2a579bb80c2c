using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tsunagu.Cases.People;
using Tsunagu.Host.Composition;
using Tsunagu.Host.Endpoints;

namespace Tsunagu.Host.Tests;

/// <summary>A client that retries a create with the same Idempotency-Key gets the first answer, never a second case.</summary>
[TestClass]
public sealed class IdempotencyKeyTests
{
    private const string Intake = "ikiiki-kogane-caseworker";

    [TestMethod]
    public async Task PostCase_SameKeyTwice_SecondGetsTheFirstCaseBack()
    {
        using var client = TsunaguHost.Client(Intake);
        var key = Guid.NewGuid().ToString();

        var first = await PostCaseAsync(client, key, PrivacyTests.EightyFifty);
        var retry = await PostCaseAsync(client, key, PrivacyTests.EightyFifty);

        Assert.AreEqual((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, retry.Status));
        Assert.AreEqual(first.CaseId, retry.CaseId);
        Assert.AreEqual((false, true), (first.Replayed, retry.Replayed));
    }

    [TestMethod]
    public async Task PostCase_SameKeyByAnotherUser_CreatesTheirOwnCase()
    {
        using var intake = TsunaguHost.Client(Intake);
        using var coordinator = TsunaguHost.Client("multi-agency-caseworker");
        var key = Guid.NewGuid().ToString();

        var mine = await PostCaseAsync(intake, key, PrivacyTests.EightyFifty);
        var theirs = await PostCaseAsync(coordinator, key, PrivacyTests.EightyFifty);

        Assert.AreEqual(HttpStatusCode.Created, theirs.Status);
        Assert.AreNotEqual(mine.CaseId, theirs.CaseId);
    }

    [TestMethod]
    public async Task PostCase_FirstAttemptRefused_RetryWithTheKeyActs()
    {
        using var client = TsunaguHost.Client(Intake);
        var key = Guid.NewGuid().ToString();

        var refused = await PostCaseAsync(client, key, """{ "consultation": {} }""");
        var retry = await PostCaseAsync(client, key, PrivacyTests.EightyFifty);

        Assert.AreEqual(HttpStatusCode.BadRequest, refused.Status);
        Assert.AreEqual((HttpStatusCode.Created, false), (retry.Status, retry.Replayed));
    }

    [TestMethod]
    public async Task PostMeeting_KeyAlreadyUsedForACase_Is422NamingTheHeader()
    {
        using var coordinator = TsunaguHost.Client("multi-agency-caseworker");
        var key = Guid.NewGuid().ToString();
        var started = await PostCaseAsync(coordinator, key, PrivacyTests.EightyFifty);

        using var request = Post("/api/meetings", key, $$"""{ "kind": "支援会議", "date": "2026-05-01", "caseIds": ["{{started.CaseId}}"], "members": [] }""");
        using var response = await coordinator.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), Idempotency.Header);
    }

    [TestMethod]
    public async Task PostCase_AnswerLostAfterTheCaseCommitted_RetryFindsTheSameCase()
    {
        using var client = TsunaguHost.Client(Intake);
        var key = Guid.NewGuid().ToString();
        var first = await PostCaseAsync(client, key, PrivacyTests.EightyFifty);

        // As after a crash between the commit and the stored answer, once the reservation was taken over.
        await ForgetAnswerAsync(key);
        var retry = await PostCaseAsync(client, key, PrivacyTests.EightyFifty);

        Assert.AreEqual((HttpStatusCode.Created, false), (retry.Status, retry.Replayed), "the retry acted again");
        Assert.AreEqual(first.CaseId, retry.CaseId);
    }

    [TestMethod]
    public async Task PostCase_KeyTooLong_Is400()
    {
        using var client = TsunaguHost.Client(Intake);

        var answer = await PostCaseAsync(client, new string('k', 201), PrivacyTests.EightyFifty);

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status);
    }

    private static async Task ForgetAnswerAsync(string key)
    {
        var database = TsunaguHost.Service<IOptions<TsunaguSettings>>().Value.DatabasePath;
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("DELETE FROM idempotency_keys WHERE key = $key", connection);
        command.Parameters.AddWithValue("$key", key);
        Assert.AreEqual(1, await command.ExecuteNonQueryAsync());
    }

    private static HttpRequestMessage Post(string path, string key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(Idempotency.Header, key);
        return request;
    }

    private static async Task<(HttpStatusCode Status, string? CaseId, bool Replayed)> PostCaseAsync(HttpClient client, string key, string json)
    {
        using var request = Post("/api/cases", key, json);
        using var response = await client.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var caseId = body.RootElement.TryGetProperty("caseId", out var id) ? id.GetString() : null;
        return (response.StatusCode, caseId, response.Headers.Contains(Idempotency.ReplayedHeader));
    }
}

/// <summary>An intake interrupted after its case committed (the person's write failed) is completed by the retry with the same key.</summary>
[TestClass]
public sealed class InterruptedIntakeTests
{
    private const string WithPerson = """
        { "window": "小金高齢者いきいき安心センター", "route": "家族",
          "person": { "name": "中断 花子", "kana": "チュウダン ハナコ", "birthDate": "1950-03-04" },
          "consultation": { "municipality": "matsudo", "person": { "age": 75, "area": "小金", "concerns": ["dementia"] }, "household": [], "consent": "granted" } }
        """;

    [TestMethod]
    public async Task PostCase_PersonWriteFailedAfterTheCaseCommitted_RetryRecordsThePersonAndRegistersOnce()
    {
        var failing = new FailingOnce();
        await using var host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-interrupted").FullName)
            .WithWebHostBuilder(b => b.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IPersonStore>(sp =>
                failing.Over(sp.GetRequiredService<TsunaguStore>().Domain)))));
        using var intake = TsunaguHost.Client(host, "ikiiki-kogane-caseworker");
        using var supervisor = TsunaguHost.Client(host, "jiritsu-supervisor");
        var key = Guid.NewGuid().ToString();

        using (var first = Post(key))
        using (var failed = await intake.SendAsync(first))
        {
            Assert.IsGreaterThanOrEqualTo(500, (int)failed.StatusCode, "the injected failure");
        }

        using var second = Post(key);
        using var retried = await intake.SendAsync(second);
        var caseId = JsonDocument.Parse(await retried.Content.ReadAsStringAsync()).RootElement.GetProperty("caseId").GetString();

        Assert.AreEqual(HttpStatusCode.Created, retried.StatusCode);
        Assert.AreEqual(1, failing.Failures);
        var view = await EightyFiftyEndToEndTests.OkAsync(intake, HttpMethod.Get, $"/api/cases/{caseId}");
        Assert.AreEqual("中断 花子", view.GetProperty("subject").GetProperty("person").GetProperty("name").GetString());
        var people = await EightyFiftyEndToEndTests.OkAsync(intake, HttpMethod.Get, "/api/people?q=" + Uri.EscapeDataString("チュウダン"));
        Assert.AreEqual(caseId, people.EnumerateArray().Single().GetProperty("caseIds").EnumerateArray().Single().GetString());
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var cells = (await EightyFiftyEndToEndTests.OkAsync(supervisor, HttpMethod.Get, $"/api/indicators/report?from={today}&to={today}")).GetProperty("cells");
        Assert.AreEqual(1, cells.EnumerateArray().Single(c => c.GetProperty("indicator").GetString() == "intake.window").GetProperty("count").GetInt32(), "registered once");
    }

    private static HttpRequestMessage Post(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/cases", UriKind.Relative)) { Content = new StringContent(WithPerson, Encoding.UTF8, "application/json") };
        request.Headers.Add(Idempotency.Header, key);
        return request;
    }

    /// <summary>The real person store, except that its first case-person write fails as a lost connection would.</summary>
    private sealed class FailingOnce : IPersonStore
    {
        private IPersonStore _inner = null!;

        public int Failures { get; private set; }

        public FailingOnce Over(IPersonStore inner)
        {
            _inner = inner;
            return this;
        }

        public Task AddCasePersonAsync(PersonRecord person, bool isNew, CasePerson link, CancellationToken cancellationToken)
        {
            if (Failures == 0)
            {
                Failures = 1;
                throw new TimeoutException("The connection was lost (injected).");
            }

            return _inner.AddCasePersonAsync(person, isNew, link, cancellationToken);
        }

        public Task<PersonRecord?> FindPersonAsync(string personId, CancellationToken cancellationToken) => _inner.FindPersonAsync(personId, cancellationToken);

        public Task<CasePerson?> PersonOfCaseAsync(string caseId, CancellationToken cancellationToken) => _inner.PersonOfCaseAsync(caseId, cancellationToken);

        public Task<IReadOnlyList<string>> CasesOfPersonAsync(string personId, CancellationToken cancellationToken) => _inner.CasesOfPersonAsync(personId, cancellationToken);

        public Task<IReadOnlyList<PersonMatch>> SearchPeopleAsync(
            string? text, DateOnly? birthDate, (string KanaKey, string Id)? after, int limit, CancellationToken cancellationToken) =>
            _inner.SearchPeopleAsync(text, birthDate, after, limit, cancellationToken);
    }
}
