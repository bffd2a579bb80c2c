using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Tests.Packs;
using static Tsunagu.Cases.Tests.Packs.RoutingAssert;

namespace Tsunagu.Cases.Tests.Routing;

/// <summary>松戸市 vignettes, routed through RoutingService with samples/matsudo/routing.dmn.</summary>
public abstract class MatsudoRoutingTests
{
    private const string MultiAgency = "地域包括ケア推進課";

    /// <summary>Routes one consultation's JSON: through RoutingService or through the HTTP endpoint.</summary>
    protected abstract RoutingResult RouteJson(string json);

    private RoutingResult Route(string person, string household = "[]", string consent = "\"not-granted\"") =>
        RouteJson($$"""{ "municipality": "matsudo", "person": {{person}}, "household": {{household}}, "consent": {{consent}} }""");

    private RoutingResult EightyFifty(string consent) => Route(
        """{ "age": 82, "area": "小金", "livesAlone": false, "disability": "none", "concerns": ["dementia"] }""",
        """[ { "relation": "son", "age": 52, "disability": "none", "concerns": ["hikikomori"] } ]""",
        consent);

    [TestMethod]
    public void Route_ElderWithDementiaAndHikikomoriSon_RefersToCentreAndCoreAndMeeting()
    {
        var result = EightyFifty("\"not-granted\"");

        Institutions(result, "小金高齢者いきいき安心センター", "基幹相談支援センター", MultiAgency);
        AreEqual(Single(result, "小金高齢者いきいき安心センター", "elderly").Rules, "elderly-by-area");
        var core = Single(result, "基幹相談支援センター", "disability");
        Assert.AreEqual("household[0]", core.Subject);
        AreEqual(core.Rules, "hikikomori-core");
        var coordination = Single(result, MultiAgency, "multi-agency");
        AreEqual(coordination.Subjects, "person", "household[0]");
        AreEqual(coordination.Rules, "multi-agency-categories");
        Assert.IsTrue(result.MultiAgency);
        Assert.AreEqual(MeetingKind.Shien, result.Meeting);
    }

    [TestMethod]
    public void Route_EightyFiftyWithConsent_HoldsJusouMeeting() =>
        Assert.AreEqual(MeetingKind.Jusou, EightyFifty("\"granted\"").Meeting);

    [TestMethod]
    public void Route_EightyFiftyWithUnknownConsent_HoldsShienMeeting() =>
        Assert.AreEqual(MeetingKind.Shien, EightyFifty("\"unknown\"").Meeting);

    [TestMethod]
    public void Route_ConsentMissing_AssumesNoConsent()
    {
        var result = Samples.Route("""
            { "municipality": "matsudo", "person": { "age": 82, "area": "小金", "concerns": ["dementia"] },
              "household": [ { "age": 52, "concerns": ["hikikomori"] } ] }
            """);

        Assert.AreEqual(MeetingKind.Shien, result.Meeting);
    }

    [TestMethod]
    public void Route_DoubleCare_RefersChildToCoordinatorAndMotherToHerAreaCentre()
    {
        var result = Route(
            """{ "age": 38, "area": "常盤平", "concerns": [] }""",
            """[ { "relation": "daughter", "age": 2, "concerns": ["child-rearing"] }, { "relation": "mother", "age": 80, "concerns": ["elderly-care"] } ]""",
            "\"granted\"");

        Assert.AreEqual("household[0]", Single(result, "地域子育て支援拠点", "child").Subject);
        Assert.AreEqual("household[1]", Single(result, "常盤平高齢者いきいき安心センター", "elderly").Subject);
        Single(result, MultiAgency, "multi-agency");
        Assert.AreEqual(MeetingKind.Jusou, result.Meeting);
    }

    [TestMethod]
    public void Route_YoungCarerOfDisabledMother_RefersToFamilyCentreCoreAndCoordination()
    {
        var result = Route(
            """{ "age": 45, "area": "新松戸", "disability": "mental", "concerns": ["disability"] }""",
            """[ { "relation": "son", "age": 14, "concerns": ["young-carer"] } ]""");

        var child = Single(result, "こども家庭センター", "child");
        Assert.AreEqual("household[0]", child.Subject);
        AreEqual(child.Rules, "young-carer-family-centre");
        Single(result, "基幹相談支援センター", "disability");
        AreEqual(Single(result, MultiAgency, "multi-agency").Rules, "multi-agency-categories", "multi-agency-young-carer");
    }

    [TestMethod]
    public void Route_YoungCarerAlone_IsMultiAgencyEvenWithOneCategory()
    {
        var result = Route("""{ "age": 40, "concerns": [] }""", """[ { "age": 12, "concerns": ["young-carer"] } ]""");

        Assert.IsTrue(result.MultiAgency);
        AreEqual(Single(result, MultiAgency, "multi-agency").Rules, "multi-agency-young-carer");
    }

    [TestMethod]
    public void Route_PregnantTeen_RefersToSukoyakaWithoutCoordination()
    {
        var result = Route("""{ "age": 16, "pregnant": true, "concerns": [] }""");

        var maternal = Single(result, "親子すこやかセンター", "maternal");
        AreEqual(maternal.Concerns, "pregnancy");
        Assert.IsFalse(result.MultiAgency);
        Assert.AreEqual(MeetingKind.None, result.Meeting);
    }

    [TestMethod]
    public void Route_PregnantWithPostpartumWorries_MergesIntoOneMaternalReferral()
    {
        var result = Route("""{ "age": 29, "pregnant": true, "concerns": ["postpartum", "pregnancy"] }""");

        var maternal = Single(result, "親子すこやかセンター", "maternal");
        AreEqual(maternal.Rules, "maternal-sukoyaka");
        AreEqual(maternal.Concerns, "postpartum", "pregnancy");
    }

    [TestMethod]
    public void Route_HomelessAndUnemployed_OneLivelihoodReferralNamingPatrol()
    {
        var result = Route("""{ "age": 58, "concerns": ["homelessness", "unemployment"] }""");

        var livelihood = Single(result, "松戸市自立相談支援センター", "livelihood");
        AreEqual(livelihood.Rules, "homelessness-patrol", "livelihood-self-reliance");
        StringAssert.Contains(livelihood.Reason, "ホームレス等巡回相談");
        Assert.IsFalse(result.MultiAgency);
    }

    [TestMethod]
    public void Route_IsolatedElderLivingAlone_RefersToStationAndCentre()
    {
        var result = Route("""{ "age": 78, "area": "馬橋", "livesAlone": true, "concerns": ["isolation", "dementia"] }""");

        Institutions(result, "まつどDEつながるステーション", "馬橋高齢者いきいき安心センター", MultiAgency);
        Assert.AreEqual("participation", result.Referrals[0].Category);
    }

    [TestMethod]
    public void Route_MedicalRefusalOfDisabledAdult_GoesToDoctorOutreach()
    {
        var result = Route("""{ "age": 45, "disability": "mental", "concerns": ["medical-refusal"] }""");

        var outreach = Single(result, "松戸市在宅医療・介護連携支援センター", "outreach");
        AreEqual(outreach.Rules, "medical-refusal-doctor-outreach");
        None(result, "福祉まるごと相談窓口");
    }

    [TestMethod]
    public void Route_MedicalRefusalForChild_GoesToDoctorOutreach()
    {
        var result = Route("""{ "age": 40, "concerns": [] }""", """[ { "age": 10, "concerns": ["medical-refusal"] } ]""");

        AreEqual(Single(result, "松戸市在宅医療・介護連携支援センター", "outreach").Rules, "medical-refusal-doctor-outreach-child");
    }

    [TestMethod]
    [DataRow("{ \"age\": 18, \"concerns\": [\"medical-refusal\"] }", DisplayName = "adult of 18")]
    [DataRow("{ \"concerns\": [\"medical-refusal\"] }", DisplayName = "age unknown")]
    public void Route_MedicalRefusalOfAdultWithoutDisability_GoesToMarugoto(string person)
    {
        var result = Route(person);

        AreEqual(Single(result, "福祉まるごと相談窓口", "outreach").Rules, "medical-refusal-marugoto");
    }

    [TestMethod]
    public void Route_SelfNeglectAndMedicalRefusal_OneMarugotoReferralWithBothRules()
    {
        var result = Route("""{ "age": 67, "area": "東部", "concerns": ["self-neglect", "medical-refusal"] }""");

        var outreach = Single(result, "福祉まるごと相談窓口", "outreach");
        AreEqual(outreach.Rules, "self-neglect-marugoto", "medical-refusal-marugoto");
        Assert.IsFalse(result.MultiAgency);
    }

    [TestMethod]
    [DataRow(1, "地域子育て支援拠点", "child-rearing-coordinator")]
    [DataRow(2, "地域子育て支援拠点", "child-rearing-coordinator")]
    [DataRow(3, "こども家庭センター", "child-rearing-family-centre")]
    public void Route_ChildRearingForChild_DependsOnBeingUnderThree(int age, string institution, string rule)
    {
        var result = Route("""{ "age": 33, "concerns": [] }""", $$"""[ { "relation": "son", "age": {{age}}, "concerns": ["child-rearing"] } ]""");

        AreEqual(Single(result, institution, "child").Rules, rule);
    }

    [TestMethod]
    public void Route_ChildRearingOfParent_GoesToFamilyCentre() =>
        Single(Route("""{ "age": 33, "concerns": ["child-rearing"] }"""), "こども家庭センター", "child");

    [TestMethod]
    public void Route_ChildcareService_GoesToConcierge() =>
        Single(Route("""{ "age": 31, "concerns": ["childcare-service"] }"""), "利用支援コンシェルジュ", "child");

    [TestMethod]
    public void Route_AbuseRiskAndChildRearing_SameCentreTwoCategories()
    {
        var result = Route("""{ "age": 27, "concerns": ["child-rearing", "child-abuse-risk"] }""", consent: "\"granted\"");

        Single(result, "こども家庭センター", "child");
        Single(result, "こども家庭センター", "child-protection");
        Assert.IsTrue(result.MultiAgency);
        Assert.AreEqual(MeetingKind.Jusou, result.Meeting);
    }

    [TestMethod]
    public void Route_ElderlyCouple_DeduplicatesToOneCentreListingBothSubjects()
    {
        var result = Route(
            """{ "age": 80, "area": "矢切", "concerns": ["dementia"] }""",
            """[ { "relation": "spouse", "age": 78, "concerns": ["elderly-care", "dementia"] } ]""");

        var centre = Single(result, "矢切高齢者いきいき安心センター", "elderly");
        Assert.AreEqual("person", centre.Subject);
        AreEqual(centre.Subjects, "person", "household[0]");
        AreEqual(centre.Rules, "elderly-by-area");
        AreEqual(centre.Concerns, "dementia", "elderly-care");
        Assert.HasCount(1, result.Referrals);
        Assert.IsFalse(result.MultiAgency);
    }

    [TestMethod]
    public void Route_DisabilityAndHikikomori_OneCoreReferralNoCoordination()
    {
        var result = Route("""{ "age": 24, "disability": "developmental", "concerns": ["disability", "hikikomori"] }""");

        AreEqual(Single(result, "基幹相談支援センター", "disability").Rules, "disability-core", "hikikomori-core");
        Assert.IsFalse(result.MultiAgency);
        Assert.AreEqual(MeetingKind.None, result.Meeting);
    }

    [TestMethod]
    public void Route_PovertyAndDebt_OneLivelihoodReferral()
    {
        var livelihood = Single(Route("""{ "age": 44, "concerns": ["poverty", "debt"] }"""), "松戸市自立相談支援センター", "livelihood");

        AreEqual(livelihood.Rules, "livelihood-self-reliance");
        AreEqual(livelihood.Concerns, "poverty", "debt");
    }

    [TestMethod]
    public void Route_NoConcerns_NoReferralsAndNoMeeting()
    {
        var result = Route("""{ "age": 50, "concerns": [] }""", """[ { "age": 20 } ]""", "\"granted\"");

        Assert.IsEmpty(result.Referrals);
        Assert.IsFalse(result.MultiAgency);
        Assert.AreEqual(MeetingKind.None, result.Meeting);
    }

    [TestMethod]
    public void Route_AnyCase_RecordsTheModelVersion()
    {
        var result = EightyFifty("\"granted\"");

        Assert.AreEqual(Samples.Matsudo.Routing.VersionHash, result.DecisionVersion);
        StringAssert.StartsWith(result.DecisionVersion, "sha256:");
    }
}
