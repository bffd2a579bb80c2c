using System.Text.Json;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Tests.Packs;

namespace Tsunagu.Cases.Tests.Routing;

/// <summary>An administrator's edit of a copied pack's routing table applies to the next routing, with a new decision version.</summary>
[TestClass]
public sealed class RoutingEditTests
{
    private const string Isolated = """{ "municipality": "matsudo", "person": { "age": 70, "area": "本庁", "concerns": ["isolation"] }, "consent": "granted" }""";

    [TestMethod]
    public void Route_AfterSwappingAnInstitutionInTheTable_UsesTheNewInstitutionAndVersion()
    {
        var root = Samples.CopyPack("matsudo");
        var service = new RoutingService(new SamplePackCatalog(root));
        var before = Route(service);
        var dmn = Path.Combine(root, "matsudo", SamplePack.RoutingFileName);

        File.WriteAllText(dmn, File.ReadAllText(dmn).Replace("<text>\"まつどDEつながるステーション\"</text>", "<text>\"野の花カフェ\"</text>", StringComparison.Ordinal));
        var after = Route(service);

        Assert.AreEqual("まつどDEつながるステーション", before.Referrals[0].Institution);
        Assert.AreEqual("野の花カフェ", after.Referrals[0].Institution);
        Assert.AreNotEqual(before.DecisionVersion, after.DecisionVersion);
        Assert.AreEqual(SamplePack.Load(Path.Combine(root, "matsudo")).Routing.VersionHash, after.DecisionVersion);
    }

    [TestMethod]
    public void Route_AfterAddingAMultiAgencyConcern_CoordinatesThatConcern()
    {
        var root = Samples.CopyPack("matsudo");
        var dmn = Path.Combine(root, "matsudo", SamplePack.RoutingFileName);
        File.WriteAllText(dmn, File.ReadAllText(dmn).Replace("<text>[\"young-carer\"]</text>", "<text>[\"young-carer\", \"isolation\"]</text>", StringComparison.Ordinal));

        var result = Route(new RoutingService(new SamplePackCatalog(root)));

        Assert.IsTrue(result.MultiAgency);
        Assert.AreEqual(MeetingKind.Jusou, result.Meeting);
    }

    [TestMethod]
    public void Route_RulesThatFailOnValidInput_ThrowRulesException()
    {
        var root = Samples.CopyPack("matsudo");
        var dmn = Path.Combine(root, "matsudo", SamplePack.RoutingFileName);
        File.WriteAllText(dmn, File.ReadAllText(dmn).Replace("<text>\"まつどDEつながるステーション\"</text>", "<text>1 + \"x\"</text>", StringComparison.Ordinal));

        Assert.ThrowsExactly<RoutingRulesException>(() => Route(new RoutingService(new SamplePackCatalog(root))));
    }

    private static RoutingResult Route(RoutingService service)
    {
        using var document = JsonDocument.Parse(Isolated);
        return service.Route(document.RootElement);
    }
}
