using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tsunagu.Host.Tests;

/// <summary>
/// Keyset paging of the growing lists (ADR 0024): walking the pages by their Link rel="next" returns every item of the
/// list exactly once and in its order, and a limit out of range or a cursor the list never gave is a 400 naming it.
/// </summary>
[TestClass]
public sealed partial class PagingTests
{
    private const string Worker = "jiritsu-caseworker";
    private const string Admin = "matsudo-admin";
    private const int Cases = 5;

    private static WebApplicationFactory<Program> _host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-paging").FullName);
        using var worker = TsunaguHost.Client(_host, Worker);
        string[] given = ["ハナコ", "タロウ", "イチロウ", "サクラ", "ジロウ"];
        foreach (var name in given.Take(Cases))
        {
            var (status, body) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", JsonSerializer.Serialize(new
            {
                window = "松戸市自立相談支援センター",
                consultation = JsonDocument.Parse("""{ "municipality": "matsudo", "person": { "age": 40, "concerns": ["poverty"] }, "household": [], "consent": "unknown" }""").RootElement,
                person = new { name = "山田 " + name, kana = "ヤマダ " + name, birthDate = "1980-01-01" },
            }));
            Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        }
    }

    [ClassCleanup]
    public static async Task StopAsync() => await _host.DisposeAsync();

    [TestMethod]
    public async Task Inbox_WalkedByTwo_ReturnsEveryTaskOnceInCreationOrder() =>
        await AssertWalkAsync(Worker, "/api/tasks", minimum: Cases, id: e => e.GetProperty("id").GetString()!, order: e => e.GetProperty("createdAt").GetDateTimeOffset().UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture));

    [TestMethod]
    public async Task PeopleSearch_WalkedByTwo_ReturnsEveryPersonOnceInKanaOrder() =>
        await AssertWalkAsync(Worker, "/api/people?q=" + Uri.EscapeDataString("ヤマダ"), minimum: Cases, id: e => e.GetProperty("person").GetProperty("id").GetString()!, order: e => e.GetProperty("person").GetProperty("kana").GetString()!);

    [TestMethod]
    public async Task Notifications_WalkedByTwo_ReturnsEveryNotificationOnceNewestFirst() =>
        await AssertWalkAsync(Worker, "/api/notifications", minimum: Cases, id: e => e.GetProperty("id").GetString()!, order: e => (long.MaxValue - e.GetProperty("createdAt").GetDateTimeOffset().UtcTicks).ToString("D20", System.Globalization.CultureInfo.InvariantCulture));

    [TestMethod]
    public async Task Audit_WalkedByFive_ReturnsEverySequenceOnceWithoutGaps()
    {
        using var admin = TsunaguHost.Client(_host, Admin);
        var sequences = (await WalkAsync(admin, "/api/admin/audit", 5)).Select(e => e.GetProperty("sequence").GetInt64()).ToList();

        Assert.IsGreaterThan(10, sequences.Count, "the intakes and the reads were audited");
        CollectionAssert.AreEqual(Enumerable.Range(1, sequences.Count).Select(i => (long)i).ToList(), sequences);
    }

    [TestMethod]
    [DataRow(Worker, "/api/tasks?limit=0")]
    [DataRow(Worker, "/api/tasks?limit=201")]
    [DataRow(Worker, "/api/people?q=%E3%83%A4%E3%83%9E%E3%83%80&limit=0")]
    [DataRow(Worker, "/api/people?q=%E3%83%A4%E3%83%9E%E3%83%80&limit=201")]
    [DataRow(Worker, "/api/notifications?limit=0")]
    [DataRow(Worker, "/api/notifications?limit=201")]
    [DataRow(Admin, "/api/admin/audit?limit=0")]
    [DataRow(Admin, "/api/admin/audit?limit=1001")]
    public async Task List_LimitOutOfRange_Is400NamingLimit(string user, string path) => await AssertProblemAsync(user, path, "limit");

    [TestMethod]
    [DataRow("/api/tasks?after=bm90LWEtY3Vyc29y")]
    [DataRow("/api/people?q=%E3%83%A4%E3%83%9E%E3%83%80&after=WyJvbmx5LW9uZSJd")]
    [DataRow("/api/notifications?after=%25%25")]
    [DataRow("/api/people?q=%E3%83%A4%E3%83%9E%E3%83%80&after=WyJcdTMwQTIiLCIiXQ")]
    public async Task List_CursorItNeverGave_Is400NamingAfter(string path) => await AssertProblemAsync(Worker, path, "after");

    [TestMethod]
    public async Task PeopleSearch_AnotherCallersCursor_Is400NamingAfter()
    {
        using var coordinator = TsunaguHost.Client(_host, "multi-agency-caseworker");
        using var first = await coordinator.GetAsync(new Uri("/api/people?q=%E3%83%A4%E3%83%9E%E3%83%80&limit=1", UriKind.Relative));
        var next = NextLink().Match(first.Headers.GetValues("Link").Single()).Groups[1].Value;

        StringAssert.DoesNotMatch(next, new Regex("after=[^&]*(WyJ|%5B)"), "the cursor is sealed, not the sort keys in the clear");
        await AssertProblemAsync(Worker, next, "after");
    }

    private static async Task AssertWalkAsync(string user, string path, int minimum, Func<JsonElement, string> id, Func<JsonElement, string> order)
    {
        using var client = TsunaguHost.Client(_host, user);
        var whole = (await WalkAsync(client, path + Separator(path) + "limit=200", 200)).Select(id).ToList();
        var walked = await WalkAsync(client, path + Separator(path) + "limit=2", 2);

        Assert.IsGreaterThanOrEqualTo(minimum, whole.Count, "the list has enough items to need several pages");
        CollectionAssert.AreEqual(whole, walked.Select(id).ToList(), "the pages together are the whole list, each item once, in order");
        CollectionAssert.AreEqual(walked.Select(order).Order(StringComparer.Ordinal).ToList(), walked.Select(order).ToList(), "the list's order");
    }

    /// <summary>Follows Link rel="next" from <paramref name="path"/>; every page holds at most <paramref name="limit"/> items.</summary>
    private static async Task<List<JsonElement>> WalkAsync(HttpClient client, string path, int limit)
    {
        var items = new List<JsonElement>();
        for (string? next = path.Contains("limit=", StringComparison.Ordinal) ? path : path + Separator(path) + $"limit={limit}"; next is not null;)
        {
            using var response = await client.GetAsync(new Uri(next, UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, text);
            var page = JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
            Assert.IsLessThanOrEqualTo(limit, page.Count);
            items.AddRange(page);
            next = response.Headers.TryGetValues("Link", out var links) ? NextLink().Match(links.Single()).Groups[1].Value : null;
            Assert.IsLessThan(1000, items.Count, "the walk ends");
        }

        return items;
    }

    private static async Task AssertProblemAsync(string user, string path, string field)
    {
        using var client = TsunaguHost.Client(_host, user);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, text);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual(field, JsonDocument.Parse(text).RootElement.GetProperty("field").GetString());
    }

    private static string Separator(string path) => path.Contains('?', StringComparison.Ordinal) ? "&" : "?";

    [GeneratedRegex("^<([^>]+)>; rel=\"next\"$")]
    private static partial Regex NextLink();
}
