using System.Net;
using System.Text.Json;
using Tsunagu.Engine;

namespace Tsunagu.Host.Tests;

/// <summary>The process view over HTTP: deployed processes, where instances wait, one instance's path, incidents and their retry.</summary>
[TestClass]
public sealed class ProcessEndpointTests
{
    private const string Supervisor = "jiritsu-supervisor";

    private const string PovertyIntake = """
        { "window": "松戸市自立相談支援センター",
          "consultation": { "municipality": "matsudo", "person": { "age": 40, "disability": "none", "concerns": ["poverty"] }, "household": [], "consent": "unknown" } }
        """;

    private static ProcessEngine Engine => TsunaguHost.Service<ProcessEngine>();

    /// <summary>The deadline-check fixture under a key of its own, so counts of parallel tests do not mix.</summary>
    private static async Task<string> DeployDeadlineCheckAsync()
    {
        var key = "deadline-check-" + Guid.NewGuid().ToString("N")[..8];
        var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deadline-check.bpmn"));
        await Engine.DeployAsync(xml.Replace("\"deadline-check\"", $"\"{key}\"", StringComparison.Ordinal));
        return key;
    }

    /// <summary>An instance whose 期限の確認 stands in incident (no deadline yet) while 期限の入力 waits.</summary>
    private static async Task<(Guid Instance, string BusinessKey)> StartInIncidentAsync(string key)
    {
        var businessKey = "ops-" + Guid.NewGuid().ToString("N")[..8];
        return (await Engine.StartInstanceAsync(key, options: new StartOptions { BusinessKey = businessKey }), businessKey);
    }

    private static async Task SupplyDeadlineAsync(Guid instance)
    {
        var task = (await Engine.QueryTasksAsync(new Engine.Storage.TaskQuery { InstanceId = instance })).Single(t => t.NodeId == "input");
        await Engine.CompleteTaskAsync(task.Id, new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["deadline"] = "2030-04-01" }, "test");
    }

    private static Dictionary<string, (int Tokens, int Incidents)> Nodes(JsonElement waits) =>
        waits.GetProperty("nodes").EnumerateArray().ToDictionary(
            n => n.GetProperty("nodeId").GetString()!, n => (n.GetProperty("tokens").GetInt32(), n.GetProperty("incidents").GetInt32()), StringComparer.Ordinal);

    [TestMethod]
    public async Task GetProcesses_Supervisor_ListsTheCasePathByItsModelName()
    {
        using var supervisor = TsunaguHost.Client(Supervisor);

        var (status, processes) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Get, "/api/processes");

        Assert.AreEqual(HttpStatusCode.OK, status);
        var casePath = processes.EnumerateArray().Single(p => p.GetProperty("key").GetString() == "case-path");
        Assert.AreEqual("相談支援ケース (重層的支援)", casePath.GetProperty("name").GetString());
        Assert.IsGreaterThanOrEqualTo(1, casePath.GetProperty("version").GetInt32());
    }

    [TestMethod]
    public async Task GetWaits_InstancesStarted_CountsTokensAndIncidentsPerActivityWithNames()
    {
        var key = await DeployDeadlineCheckAsync();
        await StartInIncidentAsync(key);
        var (fixedOne, _) = await StartInIncidentAsync(key);
        await SupplyDeadlineAsync(fixedOne);
        using var supervisor = TsunaguHost.Client(Supervisor);

        var (status, waits) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Get, $"/api/processes/{key}/waits");

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual("期限確認（テスト）", waits.GetProperty("name").GetString());
        var nodes = Nodes(waits);
        Assert.AreEqual((2, 2), nodes["check"], "both instances stand at 期限の確認 in incident");
        Assert.AreEqual((1, 0), nodes["input"]);
        Assert.AreEqual((1, 0), nodes["join"], "the fixed one's token waits at the join");
        Assert.AreEqual("期限の確認", waits.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("nodeId").GetString() == "check").GetProperty("name").GetString());
    }

    [TestMethod]
    public async Task GetInstance_CaseJustStarted_ShowsWhereItWaitsAndTheCompletedPathWithoutVariables()
    {
        using var worker = TsunaguHost.Client("jiritsu-caseworker");
        var (_, started) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", PovertyIntake);
        var caseId = started.GetProperty("caseId").GetString()!;
        var instance = (await Engine.FindInstanceAsync("case-path", caseId))!;
        using var supervisor = TsunaguHost.Client(Supervisor);

        var (status, view) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Get, $"/api/instances/{instance.Id}");
        var (_, waits) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Get, $"/api/processes/case-path/waits?version={instance.ProcessVersion}");

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual(caseId, view.GetProperty("businessKey").GetString());
        Assert.AreEqual("active", view.GetProperty("status").GetString());
        Assert.IsFalse(view.TryGetProperty("variables", out _), "no variables: they hold personal data");
        var active = view.GetProperty("active").EnumerateArray().Select(a => a.GetProperty("nodeId").GetString()!).ToList();
        CollectionAssert.AreEquivalent(instance.StandingNodes.Distinct().ToList(), active);
        Assert.IsNotEmpty(view.GetProperty("completedNodes").EnumerateArray().ToList());
        Assert.IsNotEmpty(view.GetProperty("completedFlows").EnumerateArray().ToList());
        foreach (var node in active)
        {
            Assert.IsGreaterThanOrEqualTo(1, Nodes(waits)[node].Tokens, $"the heatmap counts the case at {node}");
        }
    }

    [TestMethod]
    public async Task RetryIncident_CauseFixed_ResolvesItAndTheInstanceGoesOn()
    {
        var key = await DeployDeadlineCheckAsync();
        var (instance, businessKey) = await StartInIncidentAsync(key);
        using var supervisor = TsunaguHost.Client(Supervisor);
        var (_, incidents) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Get, "/api/incidents");
        var incident = incidents.EnumerateArray().Single(i => i.GetProperty("instanceId").GetGuid() == instance);
        Assert.AreEqual("期限の確認", incident.GetProperty("nodeName").GetString());
        Assert.AreEqual(businessKey, incident.GetProperty("businessKey").GetString());
        await SupplyDeadlineAsync(instance);

        var (status, view) = await TsunaguHost.SendAsync(
            supervisor, HttpMethod.Post, $"/api/instances/{instance}/incidents/{incident.GetProperty("incidentId").GetString()}/retry");

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.IsEmpty(view.GetProperty("incidents").EnumerateArray().ToList());
        Assert.AreEqual("review", view.GetProperty("active").EnumerateArray().Single().GetProperty("nodeId").GetString());
        var (_, after) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Get, "/api/incidents");
        Assert.IsFalse(after.EnumerateArray().Any(i => i.GetProperty("instanceId").GetGuid() == instance));
        var audit = TsunaguHost.Audit(caseId: businessKey);
        Assert.IsTrue(audit.Any(a => a.Record.Action == "process.incident.retry" && a.Record.Actor == Supervisor), "the retry is audited against the instance's business key");
    }

    [TestMethod]
    public async Task RetryIncident_CauseStillThere_RaisesANewIncident()
    {
        var key = await DeployDeadlineCheckAsync();
        var (instance, _) = await StartInIncidentAsync(key);
        var first = (await Engine.GetInstanceAsync(instance))!.Incidents.Single();
        using var supervisor = TsunaguHost.Client(Supervisor);

        var (status, view) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Post, $"/api/instances/{instance}/incidents/{first.Id}/retry");

        Assert.AreEqual(HttpStatusCode.OK, status);
        var again = view.GetProperty("incidents").EnumerateArray().Single();
        Assert.AreNotEqual(first.Id, again.GetProperty("incidentId").GetString());
        Assert.AreEqual("check", again.GetProperty("nodeId").GetString());
    }

    [TestMethod]
    [DataRow("GET", "/api/instances/{0}")]
    [DataRow("POST", "/api/instances/{0}/incidents/i1/retry")]
    [DataRow("GET", "/api/processes/no-such-process/waits")]
    [DataRow("GET", "/api/processes/case-path/waits?version=9999")]
    public async Task ProcessEndpoints_UnknownIds_Are404ProblemDetails(string method, string path)
    {
        using var supervisor = TsunaguHost.Client(Supervisor);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Guid.NewGuid()), UriKind.Relative));

        using var response = await supervisor.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [TestMethod]
    public async Task RetryIncident_KnownInstanceUnknownIncident_Is404()
    {
        var key = await DeployDeadlineCheckAsync();
        var (instance, _) = await StartInIncidentAsync(key);
        using var supervisor = TsunaguHost.Client(Supervisor);

        var (status, _) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Post, $"/api/instances/{instance}/incidents/no-such-incident/retry");

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        Assert.HasCount(1, (await Engine.GetInstanceAsync(instance))!.Incidents);
    }

    [TestMethod]
    [DataRow("jiritsu-caseworker", HttpStatusCode.Forbidden)]
    [DataRow("multi-agency-caseworker", HttpStatusCode.Forbidden)]
    [DataRow("jiritsu-supervisor", HttpStatusCode.OK)]
    [DataRow("matsudo-admin", HttpStatusCode.OK)]
    public async Task GetIncidents_ByRole_OnlySupervisorsAndAdmins(string user, HttpStatusCode expected)
    {
        using var client = TsunaguHost.Client(user);

        var (status, _) = await TsunaguHost.SendAsync(client, HttpMethod.Get, "/api/incidents");

        Assert.AreEqual(expected, status);
    }

    [TestMethod]
    public async Task GetProcesses_Anonymous_Is401()
    {
        using var anonymous = TsunaguHost.Shared.CreateClient();

        using var response = await anonymous.GetAsync(new Uri("/api/processes", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
