using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Indicators;
using Tsunagu.Cases.Privacy;
using Tsunagu.Engine;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Tests;

/// <summary>
/// A meeting's 終結判断 and its change to the case are one unit (ADR 0025): a failure between the meeting's write and the
/// case's leaves the decision pending, and the next start or the running host's periodic sweep finishes it, so both
/// stand and the case closes once.
/// </summary>
[TestClass]
public sealed class MeetingDecisionRecoveryTests
{
    private const string Coordinator = "multi-agency-caseworker";
    private const string Closure = """{ "caseId": "CASE", "kind": "終結判断", "note": "支援目標を達成" }""";
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    [TestMethod]
    public async Task Decide_NormalPath_RecordsTheDecisionDoneAndClosesTheCase()
    {
        await using var host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-decision").FullName);
        var (caseId, meetingId) = await CaseOnAMeetingAsync(host);

        using var coordinator = TsunaguHost.Client(host, Coordinator);
        var (status, decision) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/meetings/{meetingId}/decisions", Closure.Replace("CASE", caseId, StringComparison.Ordinal));

        Assert.AreEqual(HttpStatusCode.Created, status, decision.ToString());
        Assert.IsFalse(decision.GetProperty("pending").GetBoolean());
        await AssertDecidedOnceAsync(host, caseId, meetingId);
    }

    [TestMethod]
    public async Task Decide_CaseStepFailsAfterTheDecisionWasRecorded_NextStartClosesTheCaseAndMarksItDone()
    {
        var (restarted, caseId) = await FinishedByARestartAsync(FailingCommits.Over, caseClosed: false);
        await using var host = restarted;

        AssertRedoneBySystem(host, caseId);
    }

    [TestMethod]
    public async Task Decide_MeetingWriteFailsAfterTheCaseClosed_NextStartMarksItDoneWithoutClosingAgain()
    {
        var (restarted, _) = await FinishedByARestartAsync(FailingMeetingWrites.Over, caseClosed: true);
        await restarted.DisposeAsync();
    }

    [TestMethod]
    public async Task Decide_CaseSuspendedBeforeThePendingClosureWasFinished_NextStartWithdrawsTheDecision()
    {
        var data = Directory.CreateTempSubdirectory("tsunagu-decision").FullName;
        var (caseId, meetingId) = await FailOnceAsync(data, FailingCommits.Over, caseClosed: false, async (coordinator, id) =>
            Assert.AreEqual(HttpStatusCode.NoContent, (await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{id}/suspend", """{ "reason": "転居" }""")).Status));

        await using var restarted = TsunaguHost.Start(data);

        Assert.IsEmpty((await MeetingAsync(restarted, meetingId)).Decisions, "neither change stands");
        var instance = (await restarted.Services.GetRequiredService<ProcessEngine>().FindInstanceAsync(CaseProcess.Key, caseId))!;
        Assert.AreEqual(CaseProcess.Judgement.Suspend, instance.Variables[CaseProcess.Variables.Judgement]!.GetValue<string>());
        Assert.IsNull(await restarted.Services.GetRequiredService<CaseService>().LastMeetingDecisionAsync(caseId));
    }

    [TestMethod]
    public async Task Decide_AnEarlierClosureOfTheCaseIsPending_FinishesItFirstAuditedAsTheSystem()
    {
        var fault = new Fault();
        await using var host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-decision").FullName).WithWebHostBuilder(b => b.ConfigureTestServices(FailingCommits.Over(fault)));
        var (caseId, meetingId) = await PendingClosureAsync(host, id => fault.CaseId = id);
        using var coordinator = TsunaguHost.Client(host, Coordinator);

        var (status, body) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/meetings/{meetingId}/decisions", Closure.Replace("CASE", caseId, StringComparison.Ordinal));

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, status, "the earlier closure ended the case first: " + body);
        await AssertDecidedOnceAsync(host, caseId, meetingId);
        AssertRedoneBySystem(host, caseId);
    }

    [TestMethod]
    public async Task Sweep_DecisionLeftPendingWhileTheHostRuns_FinishedAfterAnIntervalWithoutARestart()
    {
        var (host, clock, fault) = StartSwept();
        await using var running = host;
        var (caseId, meetingId) = await PendingClosureAsync(host, id => fault.CaseId = id);

        clock.Advance(SweepInterval);

        await UntilDoneAsync(host, meetingId);
        await AssertDecidedOnceAsync(host, caseId, meetingId);
        AssertRedoneBySystem(host, caseId);
    }

    [TestMethod]
    public async Task Sweep_AnOlderPendingDecisionFailsAgain_TheNextIsStillFinished()
    {
        var (host, clock, fault) = StartSwept();
        await using var running = host;
        var (broken, brokenMeeting) = await PendingClosureAsync(host, id => fault.Broken = id);
        clock.Advance(TimeSpan.FromSeconds(1));
        var (caseId, meetingId) = await PendingClosureAsync(host, id => fault.CaseId = id);

        clock.Advance(SweepInterval);

        await UntilDoneAsync(host, meetingId);
        await AssertDecidedOnceAsync(host, caseId, meetingId);
        Assert.IsTrue((await MeetingAsync(host, brokenMeeting)).Decisions.Single().Pending, "the failing decision stays pending for the next sweep");
        Assert.IsTrue(await host.Services.GetRequiredService<CaseService>().IsActiveAsync(broken));
    }

    /// <summary>A host on a clock of the test's, sweeping pending decisions every <see cref="SweepInterval"/>, whose process store fails as its fault says.</summary>
    private static (WebApplicationFactory<Program> Host, FakeTimeProvider Clock, Fault Fault) StartSwept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var fault = new Fault();
        var host = TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-decision").FullName, ("Tsunagu:MeetingDecisionSweepInterval", SweepInterval.ToString()))
            .WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            {
                FailingCommits.Over(fault)(s);
                s.AddSingleton<TimeProvider>(clock);
            }));
        return (host, clock, fault);
    }

    /// <summary>Waits, within a generous bound, until the sweep running in the background marked the meeting's decision done.</summary>
    private static async Task UntilDoneAsync(WebApplicationFactory<Program> host, string meetingId)
    {
        for (var look = 0; look < 600 && (await MeetingAsync(host, meetingId)).Decisions.Single().Pending; look++)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// A decision failed once as <paramref name="inject"/> makes it (see <see cref="FailOnceAsync"/>), then a host restarted
    /// over the same data: it shows the decision done and the case closed once. The caller disposes the host.
    /// </summary>
    private static async Task<(WebApplicationFactory<Program> Restarted, string CaseId)> FinishedByARestartAsync(Func<Fault, Action<IServiceCollection>> inject, bool caseClosed)
    {
        var data = Directory.CreateTempSubdirectory("tsunagu-decision").FullName;
        var (caseId, meetingId) = await FailOnceAsync(data, inject, caseClosed);
        var restarted = TsunaguHost.Start(data);
        await AssertDecidedOnceAsync(restarted, caseId, meetingId);
        return (restarted, caseId);
    }

    /// <summary>
    /// On a host over <paramref name="data"/> with a fault injected, a case on a meeting's agenda gets a 終結判断 whose
    /// request fails once: the decision is left pending, the case closed or not as the fault's place says. Then
    /// <paramref name="meanwhile"/> acts as the coordinator on that host, and the host stops.
    /// </summary>
    private static async Task<(string CaseId, string MeetingId)> FailOnceAsync(
        string data, Func<Fault, Action<IServiceCollection>> inject, bool caseClosed, Func<HttpClient, string, Task>? meanwhile = null)
    {
        var fault = new Fault();
        await using var failing = TsunaguHost.Start(data).WithWebHostBuilder(b => b.ConfigureTestServices(inject(fault)));
        var (caseId, meetingId) = await PendingClosureAsync(failing, id => fault.CaseId = id, caseClosed);

        Assert.AreEqual(1, fault.Failures);
        if (meanwhile is not null)
        {
            using var coordinator = TsunaguHost.Client(failing, Coordinator);
            await meanwhile(coordinator, caseId);
        }

        return (caseId, meetingId);
    }

    /// <summary>
    /// A new case on a meeting's agenda, <paramref name="arm"/>ed as the fault's, gets a 終結判断 whose request fails as
    /// injected: the decision is left pending, the case closed or not as the fault's place says.
    /// </summary>
    private static async Task<(string CaseId, string MeetingId)> PendingClosureAsync(WebApplicationFactory<Program> host, Action<string> arm, bool caseClosed = false)
    {
        var (caseId, meetingId) = await CaseOnAMeetingAsync(host);
        arm(caseId);
        using var coordinator = TsunaguHost.Client(host, Coordinator);
        var (status, _) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/meetings/{meetingId}/decisions", Closure.Replace("CASE", caseId, StringComparison.Ordinal));

        Assert.AreEqual(HttpStatusCode.InternalServerError, status, "the injected failure");
        Assert.AreEqual(!caseClosed, await host.Services.GetRequiredService<CaseService>().IsActiveAsync(caseId), "the case changed only if the failure came after its step");
        Assert.IsTrue((await MeetingAsync(host, meetingId)).Decisions.Single().Pending, "the decision waits to be finished");
        return (caseId, meetingId);
    }

    /// <summary>A new 8050 case on a 支援会議's agenda, on <paramref name="host"/>.</summary>
    private static async Task<(string CaseId, string MeetingId)> CaseOnAMeetingAsync(WebApplicationFactory<Program> host)
    {
        using var intake = TsunaguHost.Client(host, "ikiiki-kogane-caseworker");
        var (status, body) = await TsunaguHost.SendAsync(intake, HttpMethod.Post, "/api/cases", PrivacyTests.EightyFifty);
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        var caseId = body.GetProperty("caseId").GetString()!;
        using var coordinator = TsunaguHost.Client(host, Coordinator);
        return (caseId, await PrivacyTests.CreateMeetingAsync(coordinator, "支援会議", caseId, Coordinator));
    }

    private static async Task<Meeting> MeetingAsync(WebApplicationFactory<Program> host, string meetingId) =>
        (await host.Services.GetRequiredService<IMeetingStore>().FindMeetingAsync(meetingId, CancellationToken.None))!;

    /// <summary>The case's audit shows the system redoing an interrupted decision, whoever's request or sweep came upon it.</summary>
    private static void AssertRedoneBySystem(WebApplicationFactory<Program> host, string caseId) =>
        Assert.IsTrue(TsunaguHost.Audit(host, caseId).Any(e => e.Record.Action == "meeting.decision.resume" && e.Record.Actor == "system"), "the redo is audited as the system's");

    /// <summary>One decision, done, on the meeting; the case ended by it, in one end step; the register records the end.</summary>
    private static async Task AssertDecidedOnceAsync(WebApplicationFactory<Program> host, string caseId, string meetingId)
    {
        var decision = (await MeetingAsync(host, meetingId)).Decisions.Single();
        Assert.IsFalse(decision.Pending, "marked done");
        var cases = host.Services.GetRequiredService<CaseService>();
        Assert.IsFalse(await cases.IsActiveAsync(caseId), "the case closed");
        Assert.AreEqual(decision.Id, await cases.LastMeetingDecisionAsync(caseId), "closed by this decision");
        var engine = host.Services.GetRequiredService<ProcessEngine>();
        var instance = (await engine.FindInstanceAsync(CaseProcess.Key, caseId))!;
        Assert.AreEqual(CaseProcess.Judgement.Close, instance.Variables[CaseProcess.Variables.Judgement]!.GetValue<string>());
        using var supervisor = TsunaguHost.Client(host, "jiritsu-supervisor");
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (_, report) = await TsunaguHost.SendAsync(supervisor, HttpMethod.Get, $"/api/indicators/report?from={today}&to={today}");
        var closed = report.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("indicator").GetString() == "case." + CaseEnd.Closed);
        Assert.AreEqual(1, closed.Single().GetProperty("count").GetInt32(), report.ToString());
    }

    /// <summary>The real meeting store, except that once armed, the first write marking the case's decision done fails.</summary>
    private sealed class FailingMeetingWrites(IMeetingStore inner, Fault fault) : DelegatingMeetingStore(inner)
    {
        public static Action<IServiceCollection> Over(Fault fault) =>
            s => s.Replace(ServiceDescriptor.Singleton<IMeetingStore>(sp => new FailingMeetingWrites(sp.GetRequiredService<TsunaguStore>().Domain, fault)));

        public override Task<bool> UpdateMeetingAsync(Meeting meeting, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(meeting);
            return fault.Fails(meeting.CaseIds[0], matches: meeting.Decisions.Count > 0 && !meeting.Decisions.Any(d => d.Pending))
                ? throw new TimeoutException("The connection was lost (injected).")
                : base.UpdateMeetingAsync(meeting, cancellationToken);
        }
    }
}
