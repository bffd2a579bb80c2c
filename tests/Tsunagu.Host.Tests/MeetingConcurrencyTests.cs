using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Tests;

/// <summary>
/// Writes to one meeting by different people at the same time all stand (ADR 0025): a write based on a record another
/// write changed meanwhile is re-applied on the newer record instead of overwriting it.
/// </summary>
[TestClass]
public sealed class MeetingConcurrencyTests
{
    private const string Coordinator = "multi-agency-caseworker";
    private const string Member = "ikiiki-kogane-caseworker";
    private const string Closure = """{ "caseId": "CASE", "kind": "終結判断", "note": "支援目標を達成" }""";

    [TestMethod]
    public async Task Decide_MemberAcknowledgesBetweenTheReadAndTheWrite_BothTheDecisionAndTheAcknowledgementStand()
    {
        await using var host = Start(out var writes);
        var (meetingId, caseIds) = await MeetingAboutAsync(host, cases: 1);
        using var member = TsunaguHost.Client(host, Member);
        writes.Before(1, async () => Assert.AreEqual(HttpStatusCode.OK, (await TsunaguHost.SendAsync(member, HttpMethod.Post, $"/api/meetings/{meetingId}/acknowledgement")).Status));

        await DecideAsync(host, meetingId, caseIds[0]);

        var meeting = await MeetingAsync(host, meetingId);
        Assert.IsNotNull(meeting.ActiveMember(Member)!.AcknowledgedAt, "the acknowledgement stands");
        Assert.IsFalse(meeting.Decisions.Single().Pending, "the decision stands, done");
    }

    [TestMethod]
    public async Task Decide_AnotherCaseDecidedBetweenTheReadAndTheWrite_BothDecisionsStandDone()
    {
        await using var host = Start(out var writes);
        var (meetingId, caseIds) = await MeetingAboutAsync(host, cases: 2);
        writes.Before(1, () => DecideAsync(host, meetingId, caseIds[1]));

        await DecideAsync(host, meetingId, caseIds[0]);

        var decisions = (await MeetingAsync(host, meetingId)).Decisions;
        CollectionAssert.AreEquivalent(caseIds, decisions.Select(d => d.CaseId).ToArray());
        Assert.IsFalse(decisions.Any(d => d.Pending));
        var cases = host.Services.GetRequiredService<CaseService>();
        foreach (var decision in decisions)
        {
            Assert.AreEqual(decision.Id, await cases.LastMeetingDecisionAsync(decision.CaseId), "each case closed by its own decision");
        }
    }

    [TestMethod]
    public async Task Acknowledge_MeetingChangedBeforeEveryWrite_AnswersConflictAfterFiveTries()
    {
        await using var host = Start(out var writes);
        var (meetingId, _) = await MeetingAboutAsync(host, cases: 1);
        var store = host.Services.GetRequiredService<TsunaguStore>().Domain;
        writes.Before(int.MaxValue, async () => Assert.IsTrue(await store.UpdateMeetingAsync((await store.FindMeetingAsync(meetingId, CancellationToken.None))!, CancellationToken.None)));
        using var member = TsunaguHost.Client(host, Member);

        var (status, _) = await TsunaguHost.SendAsync(member, HttpMethod.Post, $"/api/meetings/{meetingId}/acknowledgement");

        Assert.AreEqual(HttpStatusCode.Conflict, status);
        Assert.AreEqual(5, writes.Tries, "a bounded number of tries");
        Assert.IsNull((await MeetingAsync(host, meetingId)).ActiveMember(Member)!.AcknowledgedAt);
    }

    private static WebApplicationFactory<Program> Start(out Interleaving writes)
    {
        var interleaving = new Interleaving();
        writes = interleaving;
        return TsunaguHost.Start(Directory.CreateTempSubdirectory("tsunagu-meeting").FullName).WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.Replace(ServiceDescriptor.Singleton<IMeetingStore>(sp => new InterleavedMeetingWrites(sp.GetRequiredService<TsunaguStore>().Domain, interleaving)))));
    }

    /// <summary>A 支援会議 of the coordinator and a member about that many new 8050 cases.</summary>
    private static async Task<(string MeetingId, string[] CaseIds)> MeetingAboutAsync(WebApplicationFactory<Program> host, int cases)
    {
        using var intake = TsunaguHost.Client(host, Member);
        var caseIds = new string[cases];
        for (var i = 0; i < cases; i++)
        {
            var (started, body) = await TsunaguHost.SendAsync(intake, HttpMethod.Post, "/api/cases", PrivacyTests.EightyFifty);
            Assert.AreEqual(HttpStatusCode.Created, started, body.ToString());
            caseIds[i] = body.GetProperty("caseId").GetString()!;
        }

        using var coordinator = TsunaguHost.Client(host, Coordinator);
        var request = JsonSerializer.Serialize(new { kind = MeetingKind.Shien, date = "2026-12-10", caseIds, members = new[] { Coordinator, Member } });
        var (status, created) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, "/api/meetings", request);
        Assert.AreEqual(HttpStatusCode.Created, status, created.ToString());
        return (created.GetProperty("meetingId").GetString()!, caseIds);
    }

    private static async Task DecideAsync(WebApplicationFactory<Program> host, string meetingId, string caseId)
    {
        using var coordinator = TsunaguHost.Client(host, Coordinator);
        var (status, body) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/meetings/{meetingId}/decisions", Closure.Replace("CASE", caseId, StringComparison.Ordinal));
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
    }

    private static async Task<Meeting> MeetingAsync(WebApplicationFactory<Program> host, string meetingId) =>
        (await host.Services.GetRequiredService<IMeetingStore>().FindMeetingAsync(meetingId, CancellationToken.None))!;

    /// <summary>What runs before the next writes of the meeting store: another writer's change.</summary>
    private sealed class Interleaving
    {
        public Func<Task>? Meanwhile { get; private set; }

        public int Times { get; set; }

        /// <summary>How many writes were tried.</summary>
        public int Tries { get; set; }

        /// <summary>Runs <paramref name="meanwhile"/> before each of the next <paramref name="times"/> writes.</summary>
        public void Before(int times, Func<Task> meanwhile) => (Times, Meanwhile) = (times, meanwhile);
    }

    /// <summary>The real meeting store, except that before a write it runs what the interleaving says.</summary>
    private sealed class InterleavedMeetingWrites(IMeetingStore inner, Interleaving interleaving) : DelegatingMeetingStore(inner)
    {
        public override async Task<bool> UpdateMeetingAsync(Meeting meeting, CancellationToken cancellationToken)
        {
            if (interleaving.Times > 0 && interleaving.Meanwhile is { } meanwhile)
            {
                interleaving.Times--;
                await meanwhile();
            }

            interleaving.Tries++;
            return await base.UpdateMeetingAsync(meeting, cancellationToken);
        }
    }
}
