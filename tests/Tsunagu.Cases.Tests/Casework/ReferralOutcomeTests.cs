using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Engine.Runtime;
using N = Tsunagu.Cases.Casework.CaseProcess.Nodes;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Tests.Casework;

/// <summary>Referrals are accepted or declined; a decline goes back to the coordinator; an accepted single-agency case can be escalated.</summary>
[TestClass]
public sealed class ReferralOutcomeTests
{
    private const string Kogane = "小金高齢者いきいき安心センター";
    private const string Jiritsu = "松戸市自立相談支援センター";

    private static CaseIntake LivelihoodIntake() => new()
    {
        Person = new JsonObject { ["age"] = 78, ["area"] = "小金", ["concerns"] = new JsonArray("livelihood") },
        Consent = CaseProcess.Consent.NotGranted,
        Window = Kogane,
    };

    private static async Task DecideAsync(CaseHarness h, CaseHandle handle, string institution, string outcome, string? reason = null)
    {
        var task = (await h.TasksAsync(handle, N.Referral)).Single(t => t.CandidateInstitutions.Single() == institution);
        await h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, JsonNode?>
        {
            [V.ReferralOutcome] = new JsonObject { ["outcome"] = outcome, ["reason"] = reason, ["by"] = task.Assignee },
        }, task.Assignee!);
    }

    [TestMethod]
    public async Task Referral_OneDeclined_GoesToTheCoordinatorThenOnlyTheDeclinedIsReferredAgain()
    {
        var h = await CaseHarness.CreateAsync();
        var handle = await h.Cases.StartCaseAsync(LivelihoodIntake(), "kg-01");

        await DecideAsync(h, handle, Kogane, CaseProcess.ReferralOutcome.Accepted);
        await DecideAsync(h, handle, Jiritsu, CaseProcess.ReferralOutcome.Declined, "管轄外");

        var review = await h.TaskAsync(handle, N.ReferralReview);
        Assert.AreEqual(CaseHarness.MultiAgencyInstitution, review.CandidateInstitutions.Single());
        var declined = (await h.VariableAsync(handle, V.DeclinedReferrals))!.AsArray().Single()!;
        Assert.AreEqual(Jiritsu, declined["institution"]!.GetValue<string>());
        Assert.AreEqual("管轄外", declined["reason"]!.GetValue<string>());
        Assert.AreEqual(Kogane, (await h.VariableAsync(handle, V.AcceptedReferrals))!.AsArray().Single()!["institution"]!.GetValue<string>());

        await h.CompleteAsync(handle, N.ReferralReview);

        var again = await h.TaskAsync(handle, N.Referral);
        Assert.AreEqual(Jiritsu, again.CandidateInstitutions.Single(), "the accepted referral is not offered again");
    }

    [TestMethod]
    public async Task Escalate_AcceptedSingleAgencyCase_Opens多機関協働トリアージOnce()
    {
        var h = await CaseHarness.CreateAsync();
        var handle = await h.Cases.StartCaseAsync(LivelihoodIntake(), "kg-01");
        Assert.IsFalse(await h.Cases.EscalateAsync(handle.CaseId, "複合課題", "kg-01"), "not while the referrals are undecided");
        await DecideAsync(h, handle, Kogane, CaseProcess.ReferralOutcome.Accepted);
        await DecideAsync(h, handle, Jiritsu, CaseProcess.ReferralOutcome.Accepted);

        Assert.IsTrue(await h.Cases.EscalateAsync(handle.CaseId, "世帯に複合課題", "kg-01"));

        Assert.AreEqual(CaseHarness.MultiAgencyInstitution, (await h.TaskAsync(handle, N.Triage)).CandidateInstitutions.Single());
        Assert.AreEqual("世帯に複合課題", (await h.VariableAsync(handle, V.Escalation))!["reason"]!.GetValue<string>());
        Assert.IsFalse(await h.Cases.EscalateAsync(handle.CaseId, "再度", "kg-01"));
        Assert.AreEqual(InstanceStatus.Active, (await h.StateAsync(handle)).Status);
    }
}
