using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tsunagu.Engine.Storage.PostgreSql;
using static Tsunagu.Host.Tests.EightyFiftyEndToEndTests;

namespace Tsunagu.Host.Tests;

/// <summary>
/// Two municipalities on one PostgreSQL database, each test twice: a 松戸 host and a 市川 host (ADR 0019), and one host
/// serving both (<c>Tsunagu:Tenants</c>, ADR 0023). Row-level security and the shells keep each to its own rows. 松戸
/// runs a whole case; then 市川's staff ask every GET endpoint of the API with 松戸's ids in the route and the query: each
/// is refused (400/403/404) or answers without 松戸's data. Skipped without TSUNAGU_POSTGRES.
/// </summary>
[TestClass]
public sealed class TenancyHostTests
{
    private static readonly string[] IchikawaStaff = ["ichikawa-admin", "yorisoi-caseworker", "koureisha-support-supervisor"];

    internal static WebApplicationFactory<Program> StartOn(string connectionString, string pack) => TsunaguHost.Start(
        Directory.CreateTempSubdirectory("tsunagu-tenant-host").FullName,
        ("Tsunagu:Store", "postgresql"), ("Tsunagu:ConnectionString", connectionString), ("Tsunagu:Pack", pack));

    /// <summary>One host serving both shipped municipalities.</summary>
    internal static WebApplicationFactory<Program> StartServingBoth(string connectionString) => TsunaguHost.Start(
        Directory.CreateTempSubdirectory("tsunagu-tenants-host").FullName,
        ("Tsunagu:Store", "postgresql"), ("Tsunagu:ConnectionString", connectionString), ("Tsunagu:Tenants", "matsudo,ichikawa"));

    /// <summary>松戸's and 市川's hosts: two, or one serving both (disposed once).</summary>
    private sealed class Municipalities : IAsyncDisposable
    {
        private Municipalities(WebApplicationFactory<Program> matsudo, WebApplicationFactory<Program> ichikawa)
        {
            Matsudo = matsudo;
            Ichikawa = ichikawa;
        }

        public WebApplicationFactory<Program> Matsudo { get; }

        public WebApplicationFactory<Program> Ichikawa { get; }

        public static Municipalities Start(string connectionString, bool oneHost)
        {
            if (oneHost)
            {
                var both = StartServingBoth(connectionString);
                return new(both, both);
            }

            return new(StartOn(connectionString, "matsudo"), StartOn(connectionString, "ichikawa"));
        }

        public async ValueTask DisposeAsync()
        {
            await Matsudo.DisposeAsync();
            if (Ichikawa != Matsudo)
            {
                await Ichikawa.DisposeAsync();
            }
        }
    }

    [TestMethod]
    [DataRow(false, DisplayName = "a host per municipality")]
    [DataRow(true, DisplayName = "one host serving both")]
    public async Task GetEndpoints_OtherMunicipalitysIds_NeverAnswerWithItsData(bool oneHost)
    {
        var connectionString = await PostgreSqlSchema.CreateAsync();
        await using var hosts = Municipalities.Start(connectionString, oneHost);
        var (matsudo, ichikawa) = (hosts.Matsudo, hosts.Ichikawa);
        var caseId = await RunEightyFiftyAsync(matsudo);
        var ids = await MatsudoIdsAsync(connectionString, caseId);
        string[] secrets = [.. ids.Values, "コガネ", "小金"];
        var query = $"?q={Uri.EscapeDataString("コガネ")}&caseId={caseId}&from=2020-01-01&to=2099-12-31";

        var failures = new List<string>();
        var answered = 0;
        foreach (var user in IchikawaStaff)
        {
            using var client = TsunaguHost.Client(ichikawa, user);
            foreach (var path in GetPaths(ichikawa).Select(p => Fill(p, ids)).SelectMany(p => new[] { p, p + query }))
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    // A refusal may echo the id asked for; it must be a refusal, not a failure.
                    failures.AddRange(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound ? [] : [$"GET {path} as {user}: {(int)response.StatusCode}"]);
                    continue;
                }

                answered++;
                failures.AddRange(secrets.Where(s => body.Contains(s, StringComparison.Ordinal)).Select(s => $"GET {path} as {user}: {(int)response.StatusCode} carries {s}"));
            }
        }

        Assert.IsEmpty(failures, string.Join("\n", failures));
        Assert.IsGreaterThan(20, answered, "the 市川 staff were answered, only never with 松戸's data");
        using var owner = TsunaguHost.Client(matsudo, "multi-agency-caseworker");
        Assert.AreEqual(caseId, (await OkAsync(owner, HttpMethod.Get, $"/api/cases/{caseId}")).GetProperty("caseId").GetString(), "松戸 still sees its case");
        Assert.AreEqual(0, await StoreSelectionTests.CountAsync(connectionString, "SELECT count(*) FROM case_register WHERE case_id = @value", caseId, "ichikawa"));
    }

    [TestMethod]
    [DataRow(false, DisplayName = "a host per municipality")]
    [DataRow(true, DisplayName = "one host serving both")]
    public async Task WriteEndpoints_OtherMunicipalitysIds_ChangeNoneOfItsRows(bool oneHost)
    {
        var connectionString = await PostgreSqlSchema.CreateAsync();
        await using var hosts = Municipalities.Start(connectionString, oneHost);
        var ichikawa = hosts.Ichikawa;
        var caseId = await RunEightyFiftyAsync(hosts.Matsudo);
        var ids = await MatsudoIdsAsync(connectionString, caseId);
        var before = await ContentsAsync(connectionString);

        var statuses = new List<string>();
        foreach (var user in IchikawaStaff)
        {
            using var client = TsunaguHost.Client(ichikawa, user);
            foreach (var endpoint in ApiEndpoints(ichikawa).Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") != true))
            {
                var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0];
                var xml = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes is [var accepted, ..] && accepted.EndsWith("xml", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Fill(endpoint.RoutePattern.RawText!, ids), UriKind.Relative))
                {
                    Content = new StringContent(xml ? "<definitions/>" : "{}", System.Text.Encoding.UTF8, xml ? "application/xml" : "application/json"),
                };
                using var response = await client.SendAsync(request);
                statuses.Add($"{(int)response.StatusCode} {method} {request.RequestUri} as {user}");
            }
        }

        Assert.IsEmpty(statuses.Where(s => s.StartsWith('5')).ToList(), string.Join("\n", statuses.Where(s => s.StartsWith('5'))));
        var after = await ContentsAsync(connectionString);
        CollectionAssert.AreEqual(before, after, "every table as 松戸 sees it is what it was");
        Assert.IsTrue(before.Any(t => t.StartsWith("case_register ", StringComparison.Ordinal) && !t.EndsWith(' ')), "松戸 has rows to protect");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "a host per municipality")]
    [DataRow(true, DisplayName = "one host serving both")]
    public async Task AuditAndDeployments_TwoMunicipalitiesOnOneDatabase_EachHasItsOwnChainAndCasePath(bool oneHost)
    {
        var connectionString = await PostgreSqlSchema.CreateAsync();
        await using var hosts = Municipalities.Start(connectionString, oneHost);
        var (matsudo, ichikawa) = (hosts.Matsudo, hosts.Ichikawa);
        await RunEightyFiftyAsync(matsudo);
        using var ichikawaAdmin = TsunaguHost.Client(ichikawa, "ichikawa-admin");
        using var matsudoAdmin = TsunaguHost.Client(matsudo, "matsudo-admin");

        var ichikawaAudit = await OkAsync(ichikawaAdmin, HttpMethod.Get, "/api/admin/audit/verify");
        var matsudoAudit = await OkAsync(matsudoAdmin, HttpMethod.Get, "/api/admin/audit/verify");

        Assert.IsTrue(ichikawaAudit.GetProperty("intact").GetBoolean(), ichikawaAudit.ToString());
        Assert.IsTrue(matsudoAudit.GetProperty("intact").GetBoolean(), matsudoAudit.ToString());
        Assert.AreEqual(1, await StoreSelectionTests.CountAsync(connectionString, "SELECT count(*) FROM audit_log WHERE sequence = @value", 1L, "ichikawa"), "市川's chain starts at 1");
        Assert.AreEqual(1, await StoreSelectionTests.CountAsync(connectionString, "SELECT count(*) FROM deployments WHERE version = @value AND process_key = 'case-path'", 1, "ichikawa"));
        Assert.AreEqual(1, await StoreSelectionTests.CountAsync(connectionString, "SELECT count(*) FROM deployments WHERE version = @value AND process_key = 'case-path'", 1, "matsudo"));
    }

    private static IEnumerable<RouteEndpoint> ApiEndpoints(WebApplicationFactory<Program> host) => host.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true);

    private static IEnumerable<string> GetPaths(WebApplicationFactory<Program> host) => ApiEndpoints(host)
        .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
        .Select(e => e.RoutePattern.RawText!)
        .Distinct(StringComparer.Ordinal);

    /// <summary>Each table with a digest of its rows as 松戸's sessions see them ("table digest"; empty digest when none).</summary>
    private static async Task<List<string>> ContentsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlTenancy.ConnectionString(connectionString, "matsudo"));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND relname <> 'schema_version' ORDER BY relname", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var contents = new List<string>();
        foreach (var table in tables)
        {
            await using var digest = new NpgsqlCommand($"SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM {table} t", connection);
            contents.Add($"{table} {await digest.ExecuteScalarAsync()}");
        }

        return contents;
    }

    /// <summary>The route with 松戸's ids; pack names stay 市川's own (packs are not case data).</summary>
    private static string Fill(string pattern, Dictionary<string, string> ids) => Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value switch
    {
        var name when ids.TryGetValue(name, out var id) => id,
        "municipality" => "ichikawa",
        "processKey" or "key" => "case-path",
        "version" => "1",
        _ => "none",
    });

    /// <summary>松戸's ids by the route value names them: its case and the first meeting, instance, task, person, notification and account.</summary>
    private static async Task<Dictionary<string, string>> MatsudoIdsAsync(string connectionString, string caseId) => new(StringComparer.Ordinal)
    {
        ["caseId"] = caseId,
        ["meetingId"] = await FirstAsync(connectionString, "SELECT id FROM meetings"),
        ["instanceId"] = await FirstAsync(connectionString, "SELECT id::text FROM instances"),
        ["taskId"] = await FirstAsync(connectionString, "SELECT data_json::jsonb ->> 'task' FROM history WHERE kind = 'TaskCreated'"),
        ["personId"] = await FirstAsync(connectionString, "SELECT id FROM people"),
        ["notificationId"] = await FirstAsync(connectionString, "SELECT id FROM notifications"),
        ["accountId"] = await FirstAsync(connectionString, "SELECT id FROM accounts WHERE id = 'jiritsu-caseworker'"),
    };

    private static async Task<string> FirstAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlTenancy.ConnectionString(connectionString, "matsudo"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql + " LIMIT 1", connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) is { Length: > 0 } id
            ? id
            : throw new AssertFailedException($"松戸 has no row for: {sql}");
    }
}
