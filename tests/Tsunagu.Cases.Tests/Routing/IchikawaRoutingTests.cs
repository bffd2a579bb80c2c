using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Tests.Packs;
using static Tsunagu.Cases.Tests.Packs.RoutingAssert;

namespace Tsunagu.Cases.Tests.Routing;

/// <summary>市川市 vignettes, routed through RoutingService with samples/ichikawa/routing.dmn.</summary>
public abstract class IchikawaRoutingTests
{
    private const string Yorisoi = "福祉よりそい相談窓口";

    /// <summary>Routes one consultation's JSON: through RoutingService or through the HTTP endpoint.</summary>
    protected abstract RoutingResult RouteJson(string json);

    private RoutingResult Route(string person, string household = "[]", string consent = "\"not-granted\"") =>
        RouteJson($$"""{ "municipality": "ichikawa", "person": {{person}}, "household": {{household}}, "consent": {{consent}} }""");

    [TestMethod]
    public void Route_EightyFifty_RefersToSupportCentreGajumaruAndYorisoi()
    {
        var result = Route(
            """{ "age": 84, "concerns": ["dementia"] }""",
            """[ { "relation": "son", "age": 55, "concerns": ["hikikomori"] } ]""");

        Institutions(result, "高齢者サポートセンター", "がじゅまる+", Yorisoi);
        Assert.AreEqual("household[0]", Single(result, "がじゅまる+", "outreach").Subject);
        AreEqual(Single(result, Yorisoi, "multi-agency").Rules, "multi-agency-categories", "multi-agency-hikikomori");
        Assert.AreEqual(MeetingKind.Shien, result.Meeting);
    }

    [TestMethod]
    public void Route_HikikomoriAlone_IsMultiAgency()
    {
        var result = Route("""{ "age": 35, "concerns": ["hikikomori"] }""", consent: "\"granted\"");

        Assert.IsTrue(result.MultiAgency);
        AreEqual(Single(result, Yorisoi, "multi-agency").Rules, "multi-agency-hikikomori");
        Assert.AreEqual(MeetingKind.Jusou, result.Meeting);
    }

    [TestMethod]
    public void Route_Isolation_GoesToGajumaruNamingTakibi()
    {
        var result = Route("""{ "age": 30, "concerns": ["isolation"] }""");

        StringAssert.Contains(Single(result, "がじゅまる+", "participation").Reason, "フリースペース たき火");
        Assert.IsFalse(result.MultiAgency);
    }

    [TestMethod]
    public void Route_ChildConcerns_OneNaviReferralPerCategory()
    {
        var result = Route("""{ "age": 29, "concerns": ["child-rearing", "childcare-service", "child-abuse-risk"] }""");

        AreEqual(Single(result, "子育てナビ", "child").Rules, "child-rearing-navi", "childcare-navi");
        Single(result, "子育てナビ", "child-protection");
        Assert.IsTrue(result.MultiAgency);
    }

    [TestMethod]
    public void Route_Homelessness_GoesToSora() =>
        AreEqual(Single(Route("""{ "age": 61, "concerns": ["homelessness", "debt"] }"""), "生活サポートセンターそら", "livelihood").Rules, "livelihood-sora");

    [TestMethod]
    public void Route_Pregnant_GoesToAiti() =>
        Single(Route("""{ "age": 17, "pregnant": true }"""), "母子保健相談窓口アイティ", "maternal");

    [TestMethod]
    public void Route_ElderWithoutArea_NeedsNoArea() =>
        Single(Route("""{ "age": 90, "concerns": ["elderly-care"] }"""), "高齢者サポートセンター", "elderly");

    [TestMethod]
    public void Route_MedicalRefusalAndSelfNeglect_OneGajumaruOutreachReferral()
    {
        var result = Route("""{ "age": 52, "disability": "physical", "concerns": ["medical-refusal", "self-neglect"] }""");

        AreEqual(Single(result, "がじゅまる+", "outreach").Rules, "medical-refusal-gajumaru", "self-neglect-gajumaru");
    }

    [TestMethod]
    public void Route_YoungCarerAndDisabledParent_NaviEkuruAndYorisoi()
    {
        var result = Route(
            """{ "age": 47, "disability": "intellectual", "concerns": ["disability"] }""",
            """[ { "relation": "daughter", "age": 15, "concerns": ["young-carer"] } ]""",
            "\"unknown\"");

        Institutions(result, "基幹相談支援センターえくる", "子育てナビ", Yorisoi);
        Assert.AreEqual(MeetingKind.Shien, result.Meeting);
    }

    [TestMethod]
    public void Route_AnyCase_RecordsTheIchikawaModelVersion()
    {
        var result = Route("""{ "age": 40, "concerns": ["poverty"] }""");

        Assert.AreEqual(Samples.Ichikawa.Routing.VersionHash, result.DecisionVersion);
        Assert.AreNotEqual(Samples.Matsudo.Routing.VersionHash, result.DecisionVersion);
    }
}
