using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Routing.Rules;
using static Tsunagu.Cases.Tests.Packs.RoutingAssert;

namespace Tsunagu.Cases.Tests.Packs;

/// <summary>The shipped packs hold what the seeds give: counts, exact names, consistent staff and compilable rules.</summary>
[TestClass]
public sealed class SamplePackTests
{
    private static readonly string[] MatsudoAreas =
        ["明第1", "明第2西", "明第2東", "本庁", "矢切", "東部", "常盤平", "常盤平団地", "五香松飛台", "六実六高台", "小金", "小金原", "新松戸", "馬橋西", "馬橋"];

    private static int CountOf(SamplePack pack, string category) => pack.Institutions.Where(i => i.Category == category).Sum(i => i.Count);

    private static int CountOf(SamplePack pack, string category, string group) =>
        pack.Institutions.Where(i => i.Category == category && i.Group == group).Sum(i => i.Count);

    public static IEnumerable<object[]> Packs => [[Municipality.Matsudo], [Municipality.Ichikawa]];

    private static SamplePack Pack(string municipality) => municipality == Municipality.Matsudo ? Samples.Matsudo : Samples.Ichikawa;

    [TestMethod]
    public void Matsudo_Settings_AreTheDefaultsAndTheFifteenAreas()
    {
        var pack = Samples.Matsudo;

        Assert.AreEqual("松戸市", pack.Municipality.Name);
        Assert.AreEqual("P3M", pack.Settings.MonitoringInterval);
        Assert.AreEqual("P7D", pack.Settings.ReminderBefore);
        CollectionAssert.AreEqual(MatsudoAreas, pack.Settings.Areas.ToArray());
    }

    [TestMethod]
    public void Matsudo_Institutions_HaveTheSeedCounts()
    {
        var pack = Samples.Matsudo;

        Assert.AreEqual(15, CountOf(pack, InstitutionCategory.Elderly));
        Assert.AreEqual(3, CountOf(pack, InstitutionCategory.Disability));
        Assert.AreEqual(3, CountOf(pack, InstitutionCategory.Maternal));
        Assert.AreEqual(28, CountOf(pack, InstitutionCategory.Child, "地域子育て支援拠点"));
        Assert.AreEqual(12, CountOf(pack, InstitutionCategory.Community, "地域活動支援センター"));
        Assert.AreEqual(96, pack.Institutions.Single(i => i.Name == "元気応援くらぶ").Count);
    }

    [TestMethod]
    public void Matsudo_EachArea_HasExactlyItsCentre()
    {
        foreach (var area in MatsudoAreas)
        {
            var centre = Samples.Matsudo.Institutions.Single(i => i.Name == $"{area}高齢者いきいき安心センター");
            Assert.AreEqual(area, centre.Area);
            Assert.AreEqual("委託", centre.Operation);
        }
    }

    [TestMethod]
    [DataRow("中央基幹相談支援センター CoCo")]
    [DataRow("小金基幹相談支援センター おんぷ")]
    [DataRow("常盤平基幹相談支援センター ふれあい")]
    [DataRow("親子すこやかセンター 中央")]
    [DataRow("こども家庭センター")]
    [DataRow("利用支援コンシェルジュ")]
    [DataRow("松戸市自立相談支援センター")]
    [DataRow("まつどDEつながるステーション")]
    [DataRow("松戸市在宅医療・介護連携支援センター")]
    [DataRow("福祉まるごと相談窓口")]
    [DataRow("地域包括ケア推進課")]
    [DataRow("ほっとるーむ常盤平")]
    [DataRow("おやこDE広場 矢切")]
    [DataRow("五香松飛台高齢者いきいき安心センター")]
    [DataRow("六実六高台高齢者いきいき安心センター")]
    public void Matsudo_Institutions_IncludeExactName(string name) =>
        Assert.IsTrue(Samples.Matsudo.Institutions.Any(i => i.Name == name), name);

    [TestMethod]
    public void Matsudo_NoName_KeepsAnOcrSlip()
    {
        string[] slips = ["二番", "九ま", "ほっとる一む", "あやこDE", "を切り"];

        Assert.IsFalse(Samples.Matsudo.Institutions.Any(i => slips.Any(s => i.Name.Contains(s, StringComparison.Ordinal))));
    }

    [TestMethod]
    public void Matsudo_GroupName_StandsForTheThreeCoreCentres() =>
        AreEqual(
            [.. Samples.Matsudo.InstitutionsNamed("基幹相談支援センター").Select(i => i.Name)],
            "中央基幹相談支援センター CoCo", "小金基幹相談支援センター おんぷ", "常盤平基幹相談支援センター ふれあい");

    [TestMethod]
    public void Matsudo_SelfRelianceCentre_RunsTheHomelessPatrol() =>
        CollectionAssert.Contains(Samples.Matsudo.Institutions.Single(i => i.Name == "松戸市自立相談支援センター").Services.ToArray(), "ホームレス等巡回相談");

    [TestMethod]
    [DataRow("高齢者サポートセンター", "elderly", 15)]
    [DataRow("基幹相談支援センターえくる", "disability", 2)]
    [DataRow("子育てナビ", "child", 2)]
    [DataRow("母子保健相談窓口アイティ", "maternal", 4)]
    [DataRow("生活サポートセンターそら", "livelihood", 1)]
    [DataRow("福祉よりそい相談窓口", "multi-agency", 1)]
    [DataRow("市川みんなで体操活動場所", "community", 39)]
    [DataRow("生活支援コーディネーターの拠点", "community", 15)]
    [DataRow("身体障がい者福祉センター", "community", 1)]
    [DataRow("子育て支援センター・親子集いの広場", "community", 14)]
    [DataRow("こども館", "community", 4)]
    [DataRow("地域ケアシステム拠点", "community", 15)]
    public void Ichikawa_Institution_HasTheSeedCount(string name, string category, int count)
    {
        var institution = Samples.Ichikawa.Institutions.Single(i => i.Name == name);

        Assert.AreEqual(category, institution.Category);
        Assert.AreEqual(count, institution.Count);
    }

    [TestMethod]
    public void Ichikawa_Categories_SumToTheSeedCounts()
    {
        var pack = Samples.Ichikawa;

        Assert.AreEqual("市川市", pack.Municipality.Name);
        int[] counts = [CountOf(pack, "elderly"), CountOf(pack, "disability"), CountOf(pack, "child"), CountOf(pack, "maternal"), CountOf(pack, "livelihood")];
        AreEqual(counts, 15, 2, 2, 4, 1);
        Assert.IsTrue(pack.Institutions.Any(i => i.Name == "がじゅまる+"));
        Assert.IsTrue(pack.Institutions.Any(i => i.Name == "フリースペース たき火"));
    }

    [TestMethod]
    [DynamicData(nameof(Packs))]
    public void Staff_EveryMember_BelongsToAnInstitutionOfThePack(string municipality)
    {
        var pack = Pack(municipality);

        foreach (var member in pack.Staff)
        {
            var institution = pack.Institutions.SingleOrDefault(i => i.Name == member.Institution);
            Assert.IsNotNull(institution, member.Id);
            Assert.AreEqual(institution.Area, member.Area, member.Id);
            StringAssert.StartsWith(member.Name, "デモ", member.Id);
        }

        Assert.AreEqual(1, pack.Staff.Count(s => s.Roles.Contains(StaffRoles.Admin)));
    }

    [TestMethod]
    [DynamicData(nameof(Packs))]
    public void Staff_EveryReferralInstitution_HasCaseworkerAndSupervisor(string municipality)
    {
        var pack = Pack(municipality);

        foreach (var institution in pack.Institutions.Where(i => i.ReceivesReferrals))
        {
            var roles = pack.Staff.Where(s => s.Institution == institution.Name).SelectMany(s => s.Roles).ToList();
            CollectionAssert.Contains(roles, StaffRoles.Caseworker, institution.Name);
            CollectionAssert.Contains(roles, StaffRoles.Supervisor, institution.Name);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Packs))]
    public void Routing_Model_LoadsWithoutProblems(string municipality)
    {
        var pack = Pack(municipality);

        Assert.IsEmpty(pack.Routing.Problems, string.Join("\n", pack.Routing.Problems));
        CollectionAssert.IsSubsetOf(
            new[] { RoutingTables.ConcernRouting, RoutingTables.CoordinationConcerns, RoutingTables.CoordinationReferral, RoutingTables.Meeting },
            pack.Routing.DecisionNames.ToList());
    }

    [TestMethod]
    [DynamicData(nameof(Packs))]
    public void Routing_EveryRoutedInstitution_IsInTheInstitutionsFile(string municipality)
    {
        var pack = Pack(municipality);
        var coordinator = pack.FindInstitution(pack.Settings.MultiAgencyInstitution)!;

        foreach (var concern in Concern.All)
        {
            foreach (var (age, disability) in new[] { (1, "none"), (10, "none"), (40, "none"), (40, "mental"), (80, "none") })
            {
                var request = new RoutingRequest
                {
                    Municipality = municipality,
                    Person = new RoutingPerson { Age = age, Disability = disability, Area = pack.Settings.Areas.Count > 0 ? pack.Settings.Areas[0] : null, Concerns = [concern, "young-carer"] },
                };
                var result = RoutingService.Route(request, pack);
                foreach (var referral in result.Referrals)
                {
                    Assert.IsNotEmpty(pack.InstitutionsNamed(referral.Institution), $"{referral.Institution}: {concern}, {age}, {disability}");
                    Assert.IsTrue(pack.InstitutionsNamed(referral.Institution).All(i => i.ReceivesReferrals), referral.Institution);
                }

                Assert.AreEqual(coordinator.Name, result.Referrals.Single(r => r.Category == InstitutionCategory.MultiAgency).Institution);
            }
        }
    }
}
