using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Notifications;
using Tsunagu.Engine;
using static Tsunagu.Host.Tests.EightyFiftyEndToEndTests;
using static Tsunagu.Host.Tests.PlanMeetingNoteTests;

namespace Tsunagu.Host.Tests;

/// <summary>
/// Saving a plan stores the version, then puts it on the case path, then tells the institutions: a failure between them
/// is caught up by the next save, and a retried save gets the version it made rather than a second copy.
/// </summary>
[TestClass]
public sealed class PlanRecoveryTests
{
    private const string Coordinator = "multi-agency-caseworker";
    private const string Revised = """
        { "lead": "地域包括ケア推進課", "goals": "就労体験", "periodFrom": "2026-01-01", "periodTo": "2026-06-30", "reviewOn": "2026-03-31",
          "roles": [ { "institution": "まつどDEつながるステーション", "kind": "参加支援", "task": "就労体験の場" } ] }
        """;

    [TestMethod]
    public async Task SavePlan_CaseStepFailedAfterTheVersionWasStored_RetryPutsThatVersionOnTheCaseWithoutASecond()
    {
        var (host, caseId) = await FailedFirstSaveAsync();
        await using var running = host;
        using var coordinator = TsunaguHost.Client(host, Coordinator);

        var (status, body, etag) = await PutPlanAsync(coordinator, caseId, Plan, null);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual("\"1\"", etag, "the version the failed save made");
        Assert.AreEqual(1, (await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/plan/versions")).Body.GetArrayLength());
        Assert.AreEqual(1, await AppliedVersionAsync(host, caseId));
        Assert.AreEqual(1, await PlanNoticesAsync(host, caseId), "the institution is told once");
    }

    [TestMethod]
    public async Task SavePlan_AnotherPlanAfterAFailedSave_CaseTakesTheStoredVersionThenTheNew()
    {
        var (host, caseId) = await FailedFirstSaveAsync();
        await using var running = host;
        using var coordinator = TsunaguHost.Client(host, Coordinator);

        var (status, body, etag) = await PutPlanAsync(coordinator, caseId, Revised, "\"1\"");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual("\"2\"", etag);
        Assert.AreEqual(2, await AppliedVersionAsync(host, caseId));
        Assert.AreEqual(2, await PlanNoticesAsync(host, caseId), "version 1, caught up by this save, and version 2, each told once");
    }

    [TestMethod]
    public async Task SavePlan_ResponseLostAfterEverythingWasWritten_RetryGetsTheSameVersion()
    {
        await using var host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-plan").FullName);
        var caseId = await StartCaseAsync(host);
        using var coordinator = TsunaguHost.Client(host, Coordinator);
        Assert.AreEqual(HttpStatusCode.OK, (await PutPlanAsync(coordinator, caseId, Plan, null)).Status);
        Assert.AreEqual(HttpStatusCode.OK, (await PutPlanAsync(coordinator, caseId, Revised, "\"1\"")).Status);

        var (status, _, etag) = await PutPlanAsync(coordinator, caseId, Revised, "\"1\"");

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual("\"2\"", etag);
        Assert.AreEqual(2, (await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/plan/versions")).Body.GetArrayLength());
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, (await PutPlanAsync(coordinator, caseId, Plan, "\"1\"")).Status, "other content on a stale version is still refused");
    }

    /// <summary>A host whose first case-path commit of a new case fails once armed; the case's first plan save fails there.</summary>
    private static async Task<(WebApplicationFactory<Program> Host, string CaseId)> FailedFirstSaveAsync()
    {
        var fault = new Fault();
        var host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-plan").FullName).WithWebHostBuilder(b => b.ConfigureTestServices(FailingCommits.Over(fault)));
        var caseId = await StartCaseAsync(host);
        fault.CaseId = caseId;
        using var coordinator = TsunaguHost.Client(host, Coordinator);

        Assert.AreEqual(HttpStatusCode.InternalServerError, (await PutPlanAsync(coordinator, caseId, Plan, null)).Status, "the injected failure");
        Assert.AreEqual(1, fault.Failures);
        Assert.AreEqual(0, await AppliedVersionAsync(host, caseId), "the version is stored, the case has not taken it");
        Assert.AreEqual(0, await PlanNoticesAsync(host, caseId));
        return (host, caseId);
    }

    private static async Task<string> StartCaseAsync(WebApplicationFactory<Program> host)
    {
        using var intake = TsunaguHost.Client(host, "ikiiki-kogane-caseworker");
        var (status, body) = await TsunaguHost.SendAsync(intake, HttpMethod.Post, "/api/cases", PrivacyTests.EightyFifty);
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        return body.GetProperty("caseId").GetString()!;
    }

    private static async Task<int> AppliedVersionAsync(WebApplicationFactory<Program> host, string caseId) =>
        (await host.Services.GetRequiredService<ProcessEngine>().FindInstanceAsync(CaseProcess.Key, caseId))!.Variables.GetValueOrDefault(CaseProcess.Variables.Plan)?["version"]?.GetValue<int>() ?? 0;

    /// <summary>Plan notifications of the case that the station's caseworker got.</summary>
    private static async Task<int> PlanNoticesAsync(WebApplicationFactory<Program> host, string caseId)
    {
        var mine = await host.Services.GetRequiredService<INotificationStore>().ForRecipientAsync("tsunagaru-station-caseworker", false, null, 100, CancellationToken.None);
        return mine.Count(n => n.CaseId == caseId && n.Kind == NotificationKind.PlanChanged);
    }
}
