using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Runtime;
using Tsunagu.Rules.Feel.Values;
using N = Tsunagu.Cases.Casework.CaseProcess.Nodes;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Tests.Casework;

/// <summary>The case path on the shipped municipality packs (samples/matsudo, samples/ichikawa): their rules, staff and settings.</summary>
[TestClass]
public sealed class RealPackCaseTests
{
    private const string Coordinator = "地域包括ケア推進課";
    private const string KoganeCentre = "小金高齢者いきいき安心センター";
    private const string CoreCentres = "基幹相談支援センター";

    private static readonly string[] EightyFiftyReferrals = [KoganeCentre, CoreCentres, Coordinator];
    private static readonly string[] CoreCentreCaseworkers = ["kikan-coco-caseworker", "kikan-fureai-caseworker", "kikan-onpu-caseworker"];
    private static readonly string[] IchikawaReferrals = ["がじゅまる+", "福祉よりそい相談窓口"];

    [TestMethod]
    [DataRow("matsudo", Coordinator)]
    [DataRow("ichikawa", "福祉よりそい相談窓口")]
    public void FromPack_ShippedPack_UsesTheCoordinatorNameItsStaffUse(string municipality, string coordinator)
    {
        var pack = CaseHarness.LoadPack(municipality);

        var settings = CaseSettings.FromPack(pack);

        Assert.AreEqual(new CaseSettings(coordinator, "P3M", "P7D"), settings);
        Assert.IsTrue(pack.Staff.Any(s => s.Institution == coordinator && s.Roles.Contains(StaffRoles.Caseworker)));
    }

    [TestMethod]
    public async Task StartCaseAsync_Matsudo8050_RunsTheMultiAgencyPathTo終結()
    {
        var h = await CaseHarness.ForPackAsync("matsudo");
        var handle = await h.Cases.StartCaseAsync(EightyFifty(), "ikiiki-kogane-caseworker");

        var routing = (await h.VariableAsync(handle, V.Routing))!;
        CollectionAssert.AreEqual(EightyFiftyReferrals, routing["referrals"]!.AsArray().Select(r => r!["institution"]!.GetValue<string>()).ToArray());
        Assert.IsTrue(routing["multiAgency"]!.GetValue<bool>());
        Assert.AreEqual(CaseProcess.MeetingShien, routing["meeting"]!.GetValue<string>());
        Assert.IsEmpty(await h.TasksAsync(handle, N.Referral));

        var triage = await h.TaskAsync(handle, N.Triage);
        Assert.AreEqual("multi-agency-caseworker", triage.Assignee);
        Assert.AreEqual($"{Coordinator} / 相談員 / 担当件数 0 → 最少", triage.AssignmentReason);
        await h.CompleteAsync(handle, N.Triage);
        await h.CompleteAsync(handle, N.Assessment, new JsonObject { ["assessment"] = new JsonObject { ["summary"] = "認知症の母とひきこもりの息子" } });
        await h.CompleteAsync(handle, N.Plan, new JsonObject { ["plan"] = Plan() });

        // Without consent the case goes to 支援会議; consent obtained three days later moves it to 重層的支援会議.
        Assert.IsNotNull(await h.TaskAsync(handle, N.MeetingShien));
        await h.AtAsync(CaseHarness.Opening.AddDays(3));
        Assert.IsTrue(await h.Cases.RecordConsentAsync(handle.CaseId, new ConsentChange("granted", ["重層的支援会議"], "本人署名の同意書"), "multi-agency-caseworker"));
        Assert.IsEmpty(await h.TasksAsync(handle, N.MeetingShien));
        Assert.AreEqual("2025-04-04T00:00:00Z", (await h.VariableAsync(handle, "consentChangedAt"))!.GetValue<string>());
        Assert.AreEqual("multi-agency-caseworker", (await h.VariableAsync(handle, "consentRecordedBy"))!.GetValue<string>());
        await h.CompleteAsync(handle, N.MeetingJusou);

        // Support as planned: the 圏域's centre for the mother, a member of the 基幹相談支援センター group for the son.
        Assert.AreEqual("marugoto-caseworker", (await h.TaskAsync(handle, N.Outreach)).Assignee);
        Assert.AreEqual("tsunagaru-station-caseworker", (await h.TaskAsync(handle, N.Participation)).Assignee);
        var support = await h.TasksAsync(handle, N.Support);
        var kogane = support.Single(t => t.CandidateInstitutions.Single() == KoganeCentre);
        Assert.AreEqual("ikiiki-kogane-caseworker", kogane.Assignee);
        Assert.AreEqual($"{KoganeCentre} / 相談員 / 圏域 小金 / 担当件数 0 → 最少", kogane.AssignmentReason);
        CollectionAssert.Contains(CoreCentreCaseworkers, support.Single(t => t.CandidateInstitutions.Single() == CoreCentres).Assignee);

        await MonitorThreeCyclesAsync(h, handle);

        var state = await h.StateAsync(handle);
        Assert.AreEqual(InstanceStatus.Terminated, state.Status);
        Assert.IsEmpty(state.Jobs);
        Assert.IsEmpty(state.Tasks);
        Assert.IsEmpty(state.Subscriptions);

        var indicators = await h.Indicators.ComputeAsync(CaseHarness.Opening, CaseHarness.Opening.AddYears(1));
        CollectionAssert.AreEqual(new[] { new IntakeCount(KoganeCentre, "2025-04", 1) }, indicators.Intakes.ToArray());
        CollectionAssert.AreEquivalent(EightyFiftyReferrals, indicators.ReferralsByInstitution.Keys.ToArray());
        Assert.IsTrue(indicators.ReferralsByInstitution.Values.All(count => count == 1));
        Assert.AreEqual(1, indicators.MeetingsByKind[CaseProcess.MeetingJusou]);
        Assert.HasCount(1, indicators.MeetingsByKind);
        Assert.AreEqual(1, indicators.CasesClosed);
        Assert.AreEqual(0, indicators.CasesSuspended);
    }

    [TestMethod]
    public async Task StartCaseAsync_MatsudoPovertyOnly_RefersTo自立相談支援センター()
    {
        var h = await CaseHarness.ForPackAsync("matsudo");
        var handle = await h.Cases.StartCaseAsync(Intake(new JsonObject { ["age"] = 45, ["area"] = "本庁", ["concerns"] = new JsonArray("poverty") }), "jiritsu-caseworker");

        var referral = await h.TaskAsync(handle, N.Referral);
        Assert.AreEqual("松戸市自立相談支援センター", referral.CandidateInstitutions.Single());
        Assert.AreEqual("jiritsu-caseworker", referral.Assignee);
        Assert.AreEqual("松戸市自立相談支援センター / 相談員 / 担当件数 0 → 最少", referral.AssignmentReason);
        Assert.IsEmpty(await h.TasksAsync(handle, N.Triage));

        await h.CompleteAsync(handle, N.Referral);
        Assert.AreEqual(InstanceStatus.Active, (await h.StateAsync(handle)).Status, "the accepted referral is support under way");
        Assert.IsEmpty(await h.TasksAsync(handle));
    }

    [TestMethod]
    public async Task StartCaseAsync_MatsudoDisabilityReferralToGroup_AssignsTheLeastLoadedMemberCentre()
    {
        var h = await CaseHarness.ForPackAsync("matsudo");
        var person = new JsonObject { ["age"] = 30, ["area"] = "常盤平", ["disability"] = "intellectual", ["concerns"] = new JsonArray("disability") };

        var first = await h.TaskAsync(await h.Cases.StartCaseAsync(Intake(person), "marugoto-caseworker"), N.Referral);
        var second = await h.TaskAsync(await h.Cases.StartCaseAsync(Intake(person), "marugoto-caseworker"), N.Referral);

        Assert.AreEqual(CoreCentres, first.CandidateInstitutions.Single());
        Assert.AreEqual("kikan-coco-caseworker", first.Assignee);
        Assert.AreEqual($"{CoreCentres} → 中央基幹相談支援センター CoCo / 相談員 / 担当件数 0 → 最少 (同数 3 名: 職員ID順)", first.AssignmentReason);
        Assert.AreEqual("kikan-fureai-caseworker", second.Assignee);
        Assert.AreEqual($"{CoreCentres} → 常盤平基幹相談支援センター ふれあい / 相談員 / 担当件数 0 → 最少 (同数 2 名: 職員ID順)", second.AssignmentReason);
    }

    [TestMethod]
    public async Task AssignAsync_GroupOfAreaBoundCentres_PrefersTheCentreOfPersonArea()
    {
        var h = await CaseHarness.ForPackAsync("matsudo");
        var pack = CaseHarness.LoadPack("matsudo");
        var assigner = new CaseworkerAssigner(pack.Staff, () => h.Engine, CaseEngine.InstitutionResolver(pack));
        var person = FeelContext.Create([new("area", "小金")]);
        var request = new AssignmentRequest(Guid.NewGuid(), CaseProcess.Key, N.Referral, "紹介先対応", ["高齢者いきいき安心センター"], [], FeelContext.Create([new(V.Person, person)]));

        var decision = await assigner.AssignAsync(request, CancellationToken.None);

        Assert.AreEqual("ikiiki-kogane-caseworker", decision!.Assignee);
        Assert.AreEqual($"高齢者いきいき安心センター → {KoganeCentre} / 相談員 / 圏域 小金 / 担当件数 0 → 最少", decision.Reason);
    }

    [TestMethod]
    public async Task StartCaseAsync_IchikawaHikikomori_GoesMultiAgencyAtよりそい()
    {
        var h = await CaseHarness.ForPackAsync("ichikawa");
        var handle = await h.Cases.StartCaseAsync(Intake(new JsonObject { ["age"] = 34, ["concerns"] = new JsonArray("hikikomori") }), "yorisoi-caseworker");

        var routing = (await h.VariableAsync(handle, V.Routing))!;
        CollectionAssert.AreEqual(IchikawaReferrals, routing["referrals"]!.AsArray().Select(r => r!["institution"]!.GetValue<string>()).ToArray());
        Assert.IsTrue(routing["multiAgency"]!.GetValue<bool>());
        var triage = await h.TaskAsync(handle, N.Triage);
        Assert.AreEqual("yorisoi-caseworker", triage.Assignee);
        Assert.AreEqual("福祉よりそい相談窓口 / 相談員 / 担当件数 0 → 最少", triage.AssignmentReason);
    }

    /// <summary>8050問題: an 82-year-old with dementia in 小金 and her son (52) who has withdrawn (ひきこもり); no consent yet.</summary>
    private static CaseIntake EightyFifty() => new()
    {
        Person = new JsonObject { ["age"] = 82, ["area"] = "小金", ["livesAlone"] = false, ["disability"] = "none", ["concerns"] = new JsonArray("dementia") },
        Household = [new JsonObject { ["relation"] = "son", ["age"] = 52, ["disability"] = "none", ["concerns"] = new JsonArray("hikikomori") }],
        Consent = CaseProcess.Consent.NotGranted,
        Window = KoganeCentre,
        Route = "来所",
    };

    private static CaseIntake Intake(JsonObject person) => new()
    {
        Person = (JsonObject)person.DeepClone(),
        Consent = CaseProcess.Consent.NotGranted,
        Window = "福祉まるごと相談窓口",
    };

    private static JsonObject Plan() => new()
    {
        ["goals"] = "母の在宅生活の継続と息子の社会参加",
        ["roles"] = new JsonArray(
            new JsonObject { ["institution"] = "福祉まるごと相談窓口", ["kind"] = "アウトリーチ" },
            new JsonObject { ["institution"] = "まつどDEつながるステーション", ["kind"] = "参加支援" },
            new JsonObject { ["institution"] = KoganeCentre, ["kind"] = "相談支援" },
            new JsonObject { ["institution"] = CoreCentres, ["kind"] = "相談支援" }),
    };

    /// <summary>P3M cycles from the meeting: reminded on time, then overdue (escalated to the supervisor), then 終結.</summary>
    private static async Task MonitorThreeCyclesAsync(CaseHarness h, CaseHandle handle)
    {
        var due = await h.MonitoringDueAsync(handle);
        Assert.AreEqual(new DateTimeOffset(2025, 7, 4, 0, 0, 0, TimeSpan.Zero), due);
        await h.AtAsync(due.AddDays(-7));
        await h.MonitorAsync(handle, CaseProcess.Judgement.Continue, "息子の外出が始まった");

        due = await h.MonitoringDueAsync(handle);
        Assert.AreEqual(new DateTimeOffset(2025, 10, 4, 0, 0, 0, TimeSpan.Zero), due);
        await h.AtAsync(due);
        var overdue = await h.TaskAsync(handle, N.Overdue);
        Assert.AreEqual("multi-agency-supervisor", overdue.Assignee);
        await h.MonitorAsync(handle, CaseProcess.Judgement.Continue, "参加支援を継続");

        due = await h.MonitoringDueAsync(handle);
        await h.AtAsync(due.AddDays(-7));
        Assert.AreEqual(due, (await h.StateAsync(handle)).Jobs.Single().DueAt, "the 期限超過 timer is still pending");
        await h.MonitorAsync(handle, CaseProcess.Judgement.Close, "目標達成");

        var reminders = await h.HistoryAsync(handle, HistoryKind.EventCaught, N.MonitoringReminder);
        CollectionAssert.AreEqual(
            new[] { new DateTimeOffset(2025, 6, 27, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 10, 4, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 12, 28, 0, 0, 0, TimeSpan.Zero) },
            reminders.Select(r => r.At).ToArray());
    }
}
