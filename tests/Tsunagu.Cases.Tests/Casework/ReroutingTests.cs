using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Tests.Packs;
using Tsunagu.Engine.Runtime;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Tests.Casework;

/// <summary>Rules keep deciding after intake: a change to a live case yields referral proposals; accepted ones become its referrals.</summary>
[TestClass]
public sealed class ReroutingTests
{
    private const string Station = "まつどDEつながるステーション";
    private const string HonchoCentre = "本庁高齢者いきいき安心センター";
    private const string Coordinator = "地域包括ケア推進課";

    private static CaseIntake Isolated() => new()
    {
        Person = new JsonObject { ["age"] = 74, ["area"] = "本庁", ["concerns"] = new JsonArray("isolation") },
        Household = [],
        Consent = CaseProcess.Consent.Granted,
        Window = "福祉まるごと相談窓口",
        Route = "来所",
    };

    private static async Task<(CaseHarness Harness, CaseHandle Handle, ReroutingService Rerouting)> StartAsync()
    {
        var h = await CaseHarness.ForPackAsync(Municipality.Matsudo);
        var handle = await h.Cases.StartCaseAsync(Isolated(), "marugoto-caseworker");
        return (h, handle, new ReroutingService(h.Engine, new ServedPack(new PackCatalog(), Municipality.Matsudo)));
    }

    [TestMethod]
    public async Task ProposeAsync_DementiaRecordedInANote_ProposesTheAreaCentreAndMultiAgencyThenAcceptedBecomesTheReferrals()
    {
        var (h, handle, rerouting) = await StartAsync();
        var before = (await h.VariableAsync(handle, V.Routing))!;
        Assert.AreEqual(Station, before["referrals"]![0]!["institution"]!.GetValue<string>());

        var proposal = (await rerouting.ProposeAsync(handle.CaseId, new CaseChange { NewConcern = ("person", "dementia") }))!;

        CollectionAssert.AreEquivalent(
            new[] { (ProposalKind.New, HonchoCentre), (ProposalKind.New, Coordinator), (ProposalKind.Escalation, Coordinator), (ProposalKind.Meeting, "") },
            proposal.Changes.Select(c => (c.Kind, c.Institution)).ToArray());
        Assert.IsTrue(proposal.Changes.Single(c => c.Institution == HonchoCentre).Rules.Contains("elderly-by-area"));
        Assert.AreEqual("会議の種類：なし → 重層的支援会議", proposal.Changes.Single(c => c.Kind == ProposalKind.Meeting).Reason, "多機関協働 brings the meeting");
        Assert.IsTrue(proposal.Routing.Trace.Any(t => t.Rule == "Rule_01"), "the proposal is explained by the rows that fired");

        Assert.IsTrue(await rerouting.AcceptAsync(proposal, "coordinator-1"));

        var after = (await h.VariableAsync(handle, V.Routing))!;
        CollectionAssert.AreEqual(new[] { Station, HonchoCentre, Coordinator }, after["referrals"]!.AsArray().Select(r => r!["institution"]!.GetValue<string>()).ToArray());
        Assert.IsTrue(after["multiAgency"]!.GetValue<bool>());
        Assert.AreEqual("coordinator-1", after["acceptedBy"]!.GetValue<string>());
        Assert.IsTrue((await h.VariableAsync(handle, V.Person))!["concerns"]!.AsArray().Any(c => c!.GetValue<string>() == "dementia"));
        Assert.IsNotEmpty(await h.HistoryAsync(handle, HistoryKind.EventCaught, "referrals-changed"));
    }

    [TestMethod]
    public async Task ProposeAsync_OnlyReferralDeclined_EscalatesAsGap()
    {
        var (_, handle, rerouting) = await StartAsync();

        var proposal = (await rerouting.ProposeAsync(handle.CaseId, new CaseChange { Declined = (Station, "participation") }))!;

        var escalation = proposal.Changes.Single(c => c.Kind == ProposalKind.Escalation);
        Assert.AreEqual("multi-agency-gap", escalation.Rules.Single());
        Assert.IsFalse(proposal.Changes.Any(c => c.Kind == ProposalKind.New && c.Institution == Station), "a declined referral is not proposed again");
    }

    [TestMethod]
    public async Task ProposeAsync_NoChange_ProposesNothing()
    {
        var (_, handle, rerouting) = await StartAsync();

        var proposal = (await rerouting.ProposeAsync(handle.CaseId, new CaseChange()))!;

        Assert.IsEmpty(proposal.Changes);
    }
}
