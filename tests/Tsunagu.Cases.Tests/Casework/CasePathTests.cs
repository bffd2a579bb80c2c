using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Notifications;
using Tsunagu.Engine.Runtime;
using N = Tsunagu.Cases.Casework.CaseProcess.Nodes;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Tests.Casework;

[TestClass]
public sealed class CasePathTests
{
    private static readonly JsonObject SupportPlan = new()
    {
        ["goals"] = "本人の外出と世帯の介護負担軽減",
        ["period"] = "P6M",
        ["roles"] = new JsonArray(
            new JsonObject { ["institution"] = "福祉まるごと相談窓口", ["kind"] = "アウトリーチ" },
            new JsonObject { ["institution"] = "まつどDEつながるステーション", ["kind"] = "参加支援" },
            new JsonObject { ["institution"] = "小金高齢者いきいき安心センター", ["kind"] = "相談支援" }),
    };

    private static readonly string[] ReferredInstitutions = ["小金高齢者いきいき安心センター", "松戸市自立相談支援センター"];
    private static readonly string[] ReferralAssignees = ["kg-01", "jiritsu-01"];

    [TestMethod]
    public async Task MultiAgencyCase_RunsFromIntakeThroughThreeMonitoringCyclesTo終結()
    {
        var h = await CaseHarness.CreateAsync();
        var earlier = await h.Cases.StartCaseAsync(GapCase(), "ma-01");
        Assert.AreEqual("ma-01", (await h.TaskAsync(earlier, N.Triage)).Assignee);

        var handle = await h.Cases.StartCaseAsync(CaseHarness.EightyFifty(CaseProcess.Consent.NotGranted), "marugoto-02");
        var routing = (await h.VariableAsync(handle, V.Routing))!;
        Assert.IsTrue(routing["multiAgency"]!.GetValue<bool>());
        Assert.AreEqual("支援会議", routing["meeting"]!.GetValue<string>());

        var triage = await h.TaskAsync(handle, N.Triage);
        Assert.AreEqual("多機関協働トリアージ", triage.Name);
        Assert.AreEqual("ma-02", triage.Assignee);
        Assert.AreEqual("地域包括ケア推進課 / 相談員 / 担当件数 0 → 最少", triage.AssignmentReason);
        await h.CompleteAsync(handle, N.Triage);
        await h.CompleteAsync(handle, N.Assessment, new JsonObject { ["assessment"] = new JsonObject { ["summary"] = "複合課題" } });
        await h.CompleteAsync(handle, N.Plan, new JsonObject { ["plan"] = SupportPlan.DeepClone() });

        // No consent: the case goes to 支援会議; consent obtained three days later moves it to 重層的支援会議.
        Assert.AreEqual("支援会議", (await h.TaskAsync(handle, N.MeetingShien)).Name);
        await h.AtAsync(CaseHarness.Opening.AddDays(3));
        Assert.IsTrue(await h.Cases.RecordConsentAsync(handle.CaseId, new ConsentChange("granted", ["重層的支援会議"], "本人署名の同意書"), "ma-02"));
        Assert.IsEmpty(await h.TasksAsync(handle, N.MeetingShien));
        Assert.AreEqual("重層的支援会議", (await h.TaskAsync(handle, N.MeetingJusou)).Name);
        Assert.AreEqual(CaseProcess.Consent.Granted, (await h.VariableAsync(handle, V.Consent))!.GetValue<string>());
        Assert.AreEqual("2025-04-04T00:00:00Z", (await h.VariableAsync(handle, "consentChangedAt"))!.GetValue<string>());
        Assert.AreEqual("ma-02", (await h.VariableAsync(handle, "consentRecordedBy"))!.GetValue<string>());
        Assert.IsTrue((await h.VariableAsync(handle, V.Sharing))!.GetValue<bool>());
        Assert.HasCount(1, await h.HistoryAsync(handle, HistoryKind.ActivityCancelled, N.MeetingShien));
        await h.CompleteAsync(handle, N.MeetingJusou);

        // Support as planned, each role at its institution; アウトリーチ goes to the staff of the case's 圏域.
        var outreach = await h.TaskAsync(handle, N.Outreach);
        Assert.AreEqual("marugoto-02", outreach.Assignee);
        Assert.AreEqual("福祉まるごと相談窓口 / 相談員 / 圏域 小金 / 担当件数 0 → 最少", outreach.AssignmentReason);
        Assert.AreEqual("station-01", (await h.TaskAsync(handle, N.Participation)).Assignee);
        Assert.AreEqual("小金高齢者いきいき安心センター", (await h.TaskAsync(handle, N.Support)).CandidateInstitutions.Single());

        var due = await h.MonitoringDueAsync(handle);
        Assert.AreEqual(new DateTimeOffset(2025, 7, 4, 0, 0, 0, TimeSpan.Zero), due);

        // Cycle 1: the reminder fires seven days before the due date; the monitoring is done in time.
        await h.AtAsync(due.AddDays(-7));
        Assert.HasCount(1, await h.HistoryAsync(handle, HistoryKind.EventCaught, N.MonitoringReminder));
        Assert.IsEmpty(await h.TasksAsync(handle, N.Overdue));
        var holder = (await h.TaskAsync(handle, N.Monitoring)).Assignee!;
        var reminded = (await CaseHarness.Notifications.ForRecipientAsync(holder, false, null, 1000, default)).Where(n => n.CaseId == handle.CaseId).ToList();
        Assert.AreEqual(NotificationKind.MonitoringReminder, reminded.Single().Kind, "the reminder reaches whoever holds the review");
        await h.MonitorAsync(handle, CaseProcess.Judgement.Continue, "継続支援が必要");
        Assert.AreEqual(due.AddMonths(3), await h.MonitoringDueAsync(handle));

        // Cycle 2: three months later nothing was done: reminder and escalation to the supervisor.
        due = await h.MonitoringDueAsync(handle);
        await h.AtAsync(due);
        var overdue = await h.TaskAsync(handle, N.Overdue);
        Assert.AreEqual("ma-sv", overdue.Assignee);
        var escalated = await CaseHarness.Notifications.ForRecipientAsync("ma-sv", false, null, 1000, default);
        Assert.AreEqual(NotificationKind.MonitoringOverdue, escalated.Single(n => n.CaseId == handle.CaseId).Kind, "overdue also reaches the supervisors");
        Assert.AreEqual("地域包括ケア推進課 / 責任者 / 担当件数 0 → 最少", overdue.AssignmentReason);
        await h.MonitorAsync(handle, CaseProcess.Judgement.Continue, "参加支援を継続");

        // Cycle 3: 終結 ends the case and cancels what is still pending.
        due = await h.MonitoringDueAsync(handle);
        await h.AtAsync(due.AddDays(-7));
        await h.MonitorAsync(handle, CaseProcess.Judgement.Close, "目標達成");

        var reminders = await h.HistoryAsync(handle, HistoryKind.EventCaught, N.MonitoringReminder);
        CollectionAssert.AreEqual(
            new[] { new DateTimeOffset(2025, 6, 27, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 10, 4, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 12, 28, 0, 0, 0, TimeSpan.Zero) },
            reminders.Select(r => r.At).ToArray());
        var state = await h.StateAsync(handle);
        Assert.AreEqual(InstanceStatus.Terminated, state.Status);
        Assert.IsEmpty(state.Jobs);
        Assert.IsEmpty(state.Tasks);
        Assert.IsEmpty(state.Subscriptions);
        Assert.HasCount(1, await h.HistoryAsync(handle, HistoryKind.TokenMoved, N.Closed));
        Assert.AreEqual("目標達成", (await h.VariableAsync(handle, V.JudgementReason))!.GetValue<string>());

        var indicators = await h.Indicators.ComputeAsync(CaseHarness.Opening, CaseHarness.Opening.AddYears(1));
        Assert.AreEqual(2, indicators.IntakeTotal);
        CollectionAssert.AreEquivalent(
            new[] { new IntakeCount("地域包括ケア推進課", "2025-04", 1), new IntakeCount("福祉まるごと相談窓口", "2025-04", 1) },
            indicators.Intakes.ToArray());
        Assert.AreEqual(1, indicators.ReferralsByInstitution["小金高齢者いきいき安心センター"]);
        Assert.AreEqual(1, indicators.ReferralsByInstitution["小金基幹相談支援センター おんぷ"]);
        Assert.AreEqual(1, indicators.ReferralsByInstitution["松戸市自立相談支援センター"]);
        Assert.AreEqual(1, indicators.MeetingsByKind["重層的支援会議"]);
        Assert.IsFalse(indicators.MeetingsByKind.ContainsKey("支援会議"));
        Assert.AreEqual(1, indicators.OutreachCases);
        Assert.AreEqual(1, indicators.ParticipationCases);
        Assert.AreEqual(1, indicators.CasesClosed);
        Assert.AreEqual(0, indicators.CasesSuspended);
    }

    [TestMethod]
    public async Task SingleAgencyRouting_CreatesOneTaskPerReferral()
    {
        var h = await CaseHarness.CreateAsync();
        var handle = await h.Cases.StartCaseAsync(new CaseIntake
        {
            Person = new JsonObject { ["age"] = 78, ["area"] = "小金", ["concerns"] = new JsonArray("livelihood") },
            Consent = CaseProcess.Consent.NotGranted,
            Window = "小金高齢者いきいき安心センター",
        }, "kg-01");

        var referrals = await h.TasksAsync(handle, N.Referral);
        CollectionAssert.AreEquivalent(ReferredInstitutions, referrals.Select(t => t.CandidateInstitutions.Single()).ToArray());
        CollectionAssert.AreEquivalent(ReferralAssignees, referrals.Select(t => t.Assignee).ToArray());
        Assert.IsEmpty(await h.TasksAsync(handle, N.Triage));

        foreach (var task in referrals)
        {
            await h.Engine.CompleteTaskAsync(task.Id, null, task.Assignee!);
        }

        Assert.AreEqual(InstanceStatus.Active, (await h.StateAsync(handle)).Status, "accepted referrals are support under way, not the end of the case");
        Assert.IsTrue(await h.Cases.CloseAsync(handle.CaseId, "支援終了", "kg-01"));
        Assert.AreEqual(InstanceStatus.Terminated, (await h.StateAsync(handle)).Status);
        var indicators = await h.Indicators.ComputeAsync(CaseHarness.Opening, CaseHarness.Opening.AddMonths(1));
        Assert.AreEqual(2, indicators.ReferralsByInstitution.Values.Sum());
        Assert.IsEmpty(indicators.MeetingsByKind);
    }

    [TestMethod]
    public async Task ChangingTheInterval_AppliesToLaterCycles()
    {
        var h = await CaseHarness.CreateAsync();
        var handle = await ToMonitoringAsync(h, CaseProcess.Consent.Granted);
        var first = await h.MonitoringDueAsync(handle);
        Assert.AreEqual(CaseHarness.Opening.AddMonths(3), first);

        Assert.IsTrue(await h.Cases.ChangeMonitoringIntervalAsync(handle.CaseId, "P1M"));
        Assert.AreEqual(first, await h.MonitoringDueAsync(handle));
        await h.AtAsync(first.AddDays(-7));
        await h.MonitorAsync(handle, CaseProcess.Judgement.Continue, "経過観察");

        var second = await h.MonitoringDueAsync(handle);
        Assert.AreEqual(first.AddMonths(1), second);
        CollectionAssert.AreEquivalent(new[] { second.AddDays(-7), second }, (await h.StateAsync(handle)).Jobs.Select(j => j.DueAt).ToArray());
    }

    [TestMethod]
    public async Task Suspension_CancelsPendingMonitoringTimers()
    {
        var h = await CaseHarness.CreateAsync();
        var handle = await ToMonitoringAsync(h, CaseProcess.Consent.Granted);
        Assert.HasCount(2, (await h.StateAsync(handle)).Jobs);

        Assert.IsTrue(await h.Cases.SuspendAsync(handle.CaseId, "転居", "ma-01"));

        var state = await h.StateAsync(handle);
        Assert.AreEqual(InstanceStatus.Terminated, state.Status);
        Assert.IsEmpty(state.Jobs);
        Assert.HasCount(1, await h.HistoryAsync(handle, HistoryKind.TokenMoved, N.Suspended));
        Assert.AreEqual("ma-01", (await h.VariableAsync(handle, V.JudgedBy))!.GetValue<string>());
        Assert.AreEqual(1, (await h.Indicators.ComputeAsync(CaseHarness.Opening, CaseHarness.Opening.AddDays(1))).CasesSuspended);
        Assert.IsFalse(await h.Cases.CloseAsync(handle.CaseId, "重複", "ma-01"));
    }

    [TestMethod]
    public async Task WithdrawnConsent_StopsSharingAndMovesBackTo支援会議()
    {
        var h = await CaseHarness.CreateAsync();
        var handle = await h.Cases.StartCaseAsync(CaseHarness.EightyFifty(CaseProcess.Consent.Granted), "ma-01");
        await h.CompleteAsync(handle, N.Triage);
        await h.CompleteAsync(handle, N.Assessment);
        await h.CompleteAsync(handle, N.Plan, new JsonObject { ["plan"] = new JsonObject { ["roles"] = new JsonArray() } });
        Assert.IsNotNull(await h.TaskAsync(handle, N.MeetingJusou));

        await h.AtAsync(CaseHarness.Opening.AddDays(10));
        Assert.IsTrue(await h.Cases.RecordConsentAsync(handle.CaseId, new ConsentChange("withdrawn", [], "電話で撤回の申出"), "ma-02"));

        Assert.IsEmpty(await h.TasksAsync(handle, N.MeetingJusou));
        Assert.IsNotNull(await h.TaskAsync(handle, N.MeetingShien));
        Assert.AreEqual(CaseProcess.Consent.Withdrawn, (await h.VariableAsync(handle, V.Consent))!.GetValue<string>());
        Assert.IsFalse((await h.VariableAsync(handle, V.Sharing))!.GetValue<bool>());
        var recordedBy = await h.HistoryAsync(handle, HistoryKind.VariableSet, "record-consent-withdrawn");
        Assert.IsTrue(recordedBy.Any(e => e.Data!["name"]!.GetValue<string>() == "consentRecordedBy" && e.Data["value"]!.GetValue<string>() == "ma-02"
            && e.At == CaseHarness.Opening.AddDays(10)));
    }

    /// <summary>A case in the gap between programs: multi-agency with a single referral.</summary>
    private static CaseIntake GapCase() => new()
    {
        Person = new JsonObject { ["age"] = 40, ["concerns"] = new JsonArray("gap", "livelihood") },
        Consent = CaseProcess.Consent.NotGranted,
        Window = "地域包括ケア推進課",
    };

    /// <summary>An 8050 case through triage, assessment, an empty plan and its meeting, waiting at モニタリング.</summary>
    private static async Task<CaseHandle> ToMonitoringAsync(CaseHarness h, string consent)
    {
        var handle = await h.Cases.StartCaseAsync(CaseHarness.EightyFifty(consent), "ma-01");
        await h.CompleteAsync(handle, N.Triage);
        await h.CompleteAsync(handle, N.Assessment);
        await h.CompleteAsync(handle, N.Plan, new JsonObject { ["plan"] = new JsonObject { ["roles"] = new JsonArray() } });
        await h.CompleteAsync(handle, consent == CaseProcess.Consent.Granted ? N.MeetingJusou : N.MeetingShien);
        Assert.IsNotNull(await h.TaskAsync(handle, N.Monitoring));
        return handle;
    }
}
