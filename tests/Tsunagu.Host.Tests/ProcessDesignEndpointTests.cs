using System.Net;
using System.Text;
using System.Text.Json;
using Tsunagu.Cases.Casework;

namespace Tsunagu.Host.Tests;

/// <summary>An administrator saves a draft of a process, deploys it as a new version and reads the history; bad input is refused.</summary>
[TestClass]
public sealed class ProcessDesignEndpointTests
{
    private const string Admin = "matsudo-admin";
    private const string Draft = "/api/admin/processes/case-path/draft";
    private const string Deploy = "/api/admin/processes/case-path/deploy";
    private const string Versions = "/api/admin/processes/case-path/versions";

    private const string Poverty = """
        { "window": "松戸市自立相談支援センター",
          "consultation": { "municipality": "matsudo", "person": { "age": 40, "disability": "none", "concerns": ["poverty"] }, "household": [], "consent": "unknown" } }
        """;

    private static string Shipped => ShippedWorkflows.Get("case-path.bpmn");

    /// <summary>The shipped case path with the referral task renamed: a change any version history must show.</summary>
    private static string Renamed => Shipped.Replace("name=\"紹介先対応\"", "name=\"紹介先対応（改定）\"", StringComparison.Ordinal);

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> PutXmlAsync(HttpClient client, string path, string xml)
    {
        using var content = new StringContent(xml, Encoding.UTF8, "application/xml");
        using var response = await client.PutAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string> TaskNameAsync(HttpClient client, string caseId)
    {
        var (_, inbox) = await TsunaguHost.SendAsync(client, HttpMethod.Get, "/api/tasks");
        return inbox.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId).GetProperty("name").GetString()!;
    }

    [TestMethod]
    public async Task DeployDraft_RenamedTask_NewVersionInHistoryAndRunningCasesKeepTheirVersion()
    {
        using var host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-process-design").FullName);
        using var admin = TsunaguHost.Client(host, Admin);
        using var worker = TsunaguHost.Client(host, "jiritsu-caseworker");
        var running = (await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", Poverty)).Body.GetProperty("caseId").GetString()!;

        var (saved, draft, _) = await PutXmlAsync(admin, Draft, Renamed);
        Assert.AreEqual(HttpStatusCode.OK, saved, draft.ToString());
        Assert.AreEqual(0, draft.GetProperty("problems").GetArrayLength());
        var (kept, read) = await TsunaguHost.SendAsync(admin, HttpMethod.Get, Draft);
        Assert.AreEqual(HttpStatusCode.OK, kept);
        Assert.AreEqual(Renamed, read.GetProperty("xml").GetString());
        Assert.AreEqual(Admin, read.GetProperty("savedBy").GetString());

        var (deployed, version) = await TsunaguHost.SendAsync(admin, HttpMethod.Post, Deploy);

        Assert.AreEqual(HttpStatusCode.OK, deployed, version.ToString());
        Assert.AreEqual(2, version.GetProperty("version").GetInt32());
        var history = (await TsunaguHost.SendAsync(admin, HttpMethod.Get, Versions)).Body.EnumerateArray().ToList();
        Assert.AreEqual("1 system, 2 " + Admin, string.Join(", ", history.Select(v => $"{v.GetProperty("version").GetInt32()} {v.GetProperty("deployedBy").GetString()}")));
        Assert.AreNotEqual(history[0].GetProperty("versionHash").GetString(), history[1].GetProperty("versionHash").GetString());
        using var v2 = await admin.GetAsync(new Uri(Versions + "/2", UriKind.Relative));
        Assert.AreEqual("application/xml", v2.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual(Renamed, await v2.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(admin, HttpMethod.Get, Draft)).Status, "the deployed draft is gone");
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, (await TsunaguHost.SendAsync(admin, HttpMethod.Post, Deploy)).Status, "no draft, nothing to deploy");

        Assert.AreEqual("紹介先対応", await TaskNameAsync(worker, running), "a running case stays on its version");
        var task = (await TsunaguHost.SendAsync(worker, HttpMethod.Get, "/api/tasks")).Body.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == running).GetProperty("id").GetString();
        Assert.AreEqual(HttpStatusCode.NoContent, (await TsunaguHost.SendAsync(worker, HttpMethod.Post, $"/api/tasks/{task}/referral", """{ "outcome": "accepted" }""")).Status);
        var fresh = (await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", Poverty)).Body.GetProperty("caseId").GetString()!;
        Assert.AreEqual("紹介先対応（改定）", await TaskNameAsync(worker, fresh), "a new case starts on the new version");
        Assert.IsTrue(TsunaguHost.Audit(host).Any(a => a.Record.Action == "process.deploy" && a.Record.Actor == Admin), "the deployment is audited");
    }

    [TestMethod]
    public async Task Restart_AfterADesignerDeployment_KeepsTheDeployedVersionLatest()
    {
        var data = Directory.CreateTempSubdirectory("tsunagu-process-restart").FullName;
        using (var host = TsunaguHost.Start(data))
        {
            using var admin = TsunaguHost.Client(host, Admin);
            await PutXmlAsync(admin, Draft, Renamed);
            Assert.AreEqual(HttpStatusCode.OK, (await TsunaguHost.SendAsync(admin, HttpMethod.Post, Deploy)).Status);
        }

        using var again = TsunaguHost.Start(data);
        using var client = TsunaguHost.Client(again, Admin);
        var history = (await TsunaguHost.SendAsync(client, HttpMethod.Get, Versions)).Body.EnumerateArray().ToList();

        Assert.HasCount(2, history, "the shipped model, already deployed once, is not deployed over the administrator's version");
        Assert.AreEqual(Admin, history[^1].GetProperty("deployedBy").GetString());
    }

    [TestMethod]
    public async Task DeployDraft_InvalidCondition_Refused422WithTheErrorOnTheFlow()
    {
        using var host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-process-invalid").FullName);
        using var admin = TsunaguHost.Client(host, Admin);
        var broken = Shipped.Replace(">routing.multiAgency = true<", ">routing.multiAgency = (<", StringComparison.Ordinal);

        var (saved, draft, _) = await PutXmlAsync(admin, Draft, broken);
        var (status, problem) = await TsunaguHost.SendAsync(admin, HttpMethod.Post, Deploy);

        Assert.AreEqual(HttpStatusCode.OK, saved, "a draft may be unfinished");
        Assert.IsTrue(draft.GetProperty("problems").EnumerateArray().Any(p => p.GetProperty("elementId").GetString() == "flow-multi-agency-triage"), draft.ToString());
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, status);
        Assert.IsTrue(problem.GetProperty("errors").EnumerateArray().Any(p => p.GetProperty("elementId").GetString() == "flow-multi-agency-triage"), problem.ToString());
        Assert.HasCount(1, (await TsunaguHost.SendAsync(admin, HttpMethod.Get, Versions)).Body.EnumerateArray().ToList(), "nothing deployed");
    }

    [TestMethod]
    [DataRow("<bpmn:definitions", HttpStatusCode.BadRequest, DisplayName = "malformed XML")]
    [DataRow("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&lol2;</definitions>", HttpStatusCode.BadRequest, DisplayName = "entity expansion")]
    [DataRow("", HttpStatusCode.BadRequest, DisplayName = "empty")]
    public async Task SaveDraft_UnreadableModel_RefusedAsProblemJson(string xml, HttpStatusCode expected)
    {
        using var admin = TsunaguHost.Client(Admin);

        var (status, problem, type) = await PutXmlAsync(admin, Draft, xml);

        Assert.AreEqual(expected, status, problem.ToString());
        Assert.AreEqual("application/problem+json", type);
    }

    [TestMethod]
    public async Task SaveDraft_OtherProcessKey_ListedAsAProblem()
    {
        using var admin = TsunaguHost.Client(Admin);

        var (status, draft, _) = await PutXmlAsync(admin, Draft, Shipped.Replace("<bpmn:process id=\"case-path\"", "<bpmn:process id=\"other-path\"", StringComparison.Ordinal));

        Assert.AreEqual(HttpStatusCode.OK, status, draft.ToString());
        Assert.IsTrue(draft.GetProperty("problems").EnumerateArray().Any(p => p.GetProperty("code").GetString() == "TSU.ProcessKey"), draft.ToString());
    }

    [TestMethod]
    public async Task SaveDraft_CasePathWithoutANodeTheCasesNeed_ListedAsAProblem()
    {
        using var admin = TsunaguHost.Client(Admin);

        var (_, draft, _) = await PutXmlAsync(admin, Draft, Shipped.Replace("id=\"judgement\"", "id=\"judgement-renamed\"", StringComparison.Ordinal));

        Assert.IsTrue(draft.GetProperty("problems").EnumerateArray().Any(p => p.GetProperty("code").GetString() == "TSU.CasePathNode" && p.GetProperty("message").GetString()!.Contains("'judgement'", StringComparison.Ordinal)), draft.ToString());
    }

    [TestMethod]
    public async Task SaveDraft_Oversize_Refused413()
    {
        using var admin = TsunaguHost.Client(Admin);

        var (status, _, type) = await PutXmlAsync(admin, Draft, Shipped + new string(' ', 1024 * 1024));

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.AreEqual("application/problem+json", type);
    }

    [TestMethod]
    [DataRow("GET", "/api/admin/processes/no-such-process/versions")]
    [DataRow("GET", "/api/admin/processes/no-such-process/draft")]
    [DataRow("PUT", "/api/admin/processes/no-such-process/draft")]
    [DataRow("POST", "/api/admin/processes/no-such-process/deploy")]
    [DataRow("GET", "/api/admin/processes/case-path/versions/99")]
    public async Task ProcessEndpoints_UnknownProcessOrVersion_NotFound(string method, string path)
    {
        using var admin = TsunaguHost.Client(Admin);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "PUT")
        {
            request.Content = new StringContent(Shipped, Encoding.UTF8, "application/xml");
        }

        using var response = await admin.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [TestMethod]
    public async Task SaveDraft_Caseworker_Forbidden()
    {
        using var worker = TsunaguHost.Client("jiritsu-caseworker");

        var (status, _, _) = await PutXmlAsync(worker, Draft, Shipped);

        Assert.AreEqual(HttpStatusCode.Forbidden, status);
    }
}
