using System.Text.Json;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Routing.Rules;
using Tsunagu.Cases.Tests.Packs;
using static Tsunagu.Cases.Tests.Packs.RoutingAssert;

namespace Tsunagu.Cases.Tests.Routing;

/// <summary>What the NRules routing does that the retired DMN decision service did not: services, continuity, 制度の狭間, the trace.</summary>
[TestClass]
public sealed class RoutingRuleChangesTests
{
    private static RoutingRequest Matsudo(RoutingPerson person, params HouseholdMember[] household) =>
        new() { Municipality = Municipality.Matsudo, Person = person, Household = household, Consent = ConsentStatus.Granted };

    [TestMethod]
    public void Route_ChildUnderThree_NamesTheCoordinatorServiceAtTheSupportSite()
    {
        var result = RoutingService.Route(Matsudo(new RoutingPerson { Age = 34, Area = "小金" }, new HouseholdMember { Age = 2, Concerns = ["child-rearing"] }), Samples.Matsudo);

        Assert.AreEqual("子育てコーディネーター", Single(result, "地域子育て支援拠点", "child").Service);
    }

    [TestMethod]
    public void Route_DisabilityWithOpenReferralToOneCoreCentre_KeepsThatCentre()
    {
        var request = Matsudo(new RoutingPerson { Age = 40, Area = "小金", Disability = "mental", Concerns = ["disability"] });

        var fresh = RoutingService.Route(request, Samples.Matsudo);
        var continued = RoutingService.Route(request, Samples.Matsudo, [new OpenReferral("小金基幹相談支援センター おんぷ", "disability")]);

        Single(fresh, "基幹相談支援センター", "disability");
        AreEqual(Single(continued, "小金基幹相談支援センター おんぷ", "disability").Rules, "disability-core", StructuralRules.ContinuityRule);
    }

    [TestMethod]
    public void Route_OpenReferralOutsideTheRoutedGroup_DoesNotMoveTheReferral()
    {
        var request = Matsudo(new RoutingPerson { Age = 80, Area = "小金", Concerns = ["elderly-care"] });

        var result = RoutingService.Route(request, Samples.Matsudo, [new OpenReferral("本庁高齢者いきいき安心センター", "elderly")]);

        AreEqual(Single(result, "小金高齢者いきいき安心センター", "elderly").Rules, "elderly-by-area");
    }

    [TestMethod]
    public void Route_ConcernNoRowRoutes_RaisesMultiAgencyAsGap()
    {
        var root = Samples.CopyPack(Municipality.Matsudo);
        var dmn = Path.Combine(root, Municipality.Matsudo, SamplePack.RoutingFileName);
        File.WriteAllText(dmn, File.ReadAllText(dmn).Replace("<text>\"isolation\"</text>", "<text>\"loneliness\"</text>", StringComparison.Ordinal));
        var pack = SamplePack.Load(Path.Combine(root, Municipality.Matsudo));

        var result = RoutingService.Route(Matsudo(new RoutingPerson { Age = 70, Area = "本庁", Concerns = ["isolation"] }), pack);

        Assert.IsTrue(result.MultiAgency);
        Assert.AreEqual(MeetingKind.Jusou, result.Meeting);
        Assert.IsTrue(result.Trace.Any(t => t.Rule == "route-concern" && t.Facts.Any(f => f.Contains("isolation", StringComparison.Ordinal))), "the trace shows the unrouted concern");
    }

    [TestMethod]
    public void Route_ElderInArea_TracesTheRowAndTheFactsItMatched()
    {
        var result = RoutingService.Route(Matsudo(new RoutingPerson { Age = 82, Area = "小金", Concerns = ["dementia"] }), Samples.Matsudo);

        var row = result.Trace.Single(t => t.Rule == "Rule_01");
        Assert.AreEqual(RoutingTables.ConcernRouting, row.Table);
        Assert.IsTrue(row.Facts.Single().Contains("person (age 82", StringComparison.Ordinal) && row.Facts.Single().EndsWith(": dementia", StringComparison.Ordinal), row.Facts.Single());
        var order = result.Trace.Select(t => t.Rule).ToList();
        Assert.IsLessThan(order.IndexOf("route-concern"), order.IndexOf("Rule_01"), "rows fire before their results are placed");
        Assert.IsLessThan(order.IndexOf("merge-referrals"), order.IndexOf("route-concern"));
    }

    /// <summary>Coordination concerns are raised inside route-concern: the trace names the concern and row behind each trigger.</summary>
    [TestMethod]
    public void Route_CoordinationConcern_TracesTheConcernAndRowThatRaisedIt()
    {
        var result = RoutingService.Route(Matsudo(new RoutingPerson { Age = 40, Area = "小金" }, new HouseholdMember { Age = 12, Concerns = ["young-carer"] }), Samples.Matsudo);

        var decided = result.Trace.Single(t => t.Rule == "decide-coordination");
        var row = result.Trace.Single(t => t.Table == RoutingTables.CoordinationConcerns).Rule;
        var triggers = decided.Facts.Single(f => f.StartsWith("triggers:", StringComparison.Ordinal));
        Assert.Contains($"multi-agency-young-carer (household[0] (age 12", triggers);
        Assert.Contains($": young-carer, {row})", triggers);
        Assert.IsFalse(result.Trace.Any(t => t.Rule == "raise-coordination-concern"), "no separate firing per concern");
    }

    [TestMethod]
    public void ToJson_RoutingResult_CarriesTraceAndService()
    {
        var result = RoutingService.Route(Matsudo(new RoutingPerson { Age = 82, Area = "小金", Concerns = ["dementia"] }), Samples.Matsudo);

        var json = JsonDocument.Parse(result.ToJson()).RootElement;

        Assert.AreEqual("Rule_01", json.GetProperty("trace").EnumerateArray().Single(t => t.GetProperty("table").GetString() == RoutingTables.ConcernRouting).GetProperty("rule").GetString());
        Assert.AreEqual("総合相談支援", json.GetProperty("referrals")[0].GetProperty("service").GetString());
        Assert.AreEqual(result.Trace.Count, RoutingResult.FromJson(result.ToJson()).Trace.Count);
    }
}
