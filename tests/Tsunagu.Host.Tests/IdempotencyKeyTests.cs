using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
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
