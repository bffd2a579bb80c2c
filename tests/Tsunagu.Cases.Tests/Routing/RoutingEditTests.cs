using System.Text;
using System.Text.Json;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Routing.Rules;
using Tsunagu.Cases.Tests.Packs;

namespace Tsunagu.Cases.Tests.Routing;

/// <summary>An administrator's edit of a copied pack's routing table applies to the next routing, with a new decision version.</summary>
[TestClass]
public sealed class RoutingEditTests
{
    private const string Isolated = """{ "municipality": "matsudo", "person": { "age": 70, "area": "本庁", "concerns": ["isolation"] }, "consent": "granted" }""";

    [TestMethod]
    public void DeployRouting_SwappedInstitution_NextRoutingUsesTheNewInstitutionAndVersion()
    {
        var root = Path.Combine(Samples.CopiesRoot, Guid.NewGuid().ToString("N"));
        var catalog = new PackCatalog(root);
        var service = new RoutingService(catalog);
        var before = Route(service);
        var edited = File.ReadAllText(Path.Combine(Samples.PackRoot, "matsudo", SamplePack.RoutingFileName))
            .Replace("<text>\"まつどDEつながるステーション\"</text>", "<text>\"野の花カフェ\"</text>", StringComparison.Ordinal);

        var deployed = catalog.DeployRouting("matsudo", Encoding.UTF8.GetBytes(edited));
        var after = Route(service);

        Assert.AreEqual("まつどDEつながるステーション", before.Referrals[0].Institution);
        Assert.AreEqual("野の花カフェ", after.Referrals[0].Institution);
        Assert.AreNotEqual(before.DecisionVersion, after.DecisionVersion);
        Assert.AreEqual(deployed.Routing.VersionHash, after.DecisionVersion);
        Assert.AreEqual(after.DecisionVersion, SamplePack.Load(Path.Combine(root, "matsudo")).Routing.VersionHash, "the deployment is written to the override folder");
        Assert.AreEqual(after.DecisionVersion, Route(new RoutingService(new PackCatalog(root))).DecisionVersion, "and read from there after a restart");
    }

    [TestMethod]
    public void DeployRouting_ModelWithoutRoutingDecision_IsRefusedAndChangesNothing()
    {
        var root = Path.Combine(Samples.CopiesRoot, Guid.NewGuid().ToString("N"));
        var catalog = new PackCatalog(root);
        var before = catalog.Get("matsudo").Routing.VersionHash;

        var refused = Assert.ThrowsExactly<PackException>(() => catalog.DeployRouting(
            "matsudo", Encoding.UTF8.GetBytes("""<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="n"/>""")));

        Assert.AreEqual(SamplePack.RoutingFileName, refused.File);
        Assert.AreEqual(before, catalog.Get("matsudo").Routing.VersionHash);
        Assert.IsFalse(Directory.Exists(Path.Combine(root, "matsudo")), "nothing is written for a refused model");
    }

    [TestMethod]
    public void Route_AfterAddingAMultiAgencyConcern_CoordinatesThatConcern()
    {
        var root = Samples.CopyPack("matsudo");
        var dmn = Path.Combine(root, "matsudo", SamplePack.RoutingFileName);
        File.WriteAllText(dmn, File.ReadAllText(dmn).Replace("<text>\"young-carer\"</text>\n        </inputEntry>\n        <outputEntry id=\"LiteralExpression_coordinationConcern_young_carer\">", "<text>\"young-carer\", \"isolation\"</text>\n        </inputEntry>\n        <outputEntry id=\"LiteralExpression_coordinationConcern_young_carer\">", StringComparison.Ordinal));

        var result = Route(new RoutingService(new PackCatalog(root)));

        Assert.IsTrue(result.MultiAgency);
        Assert.IsTrue(result.Trace.Any(t => t is { Rule: "Rule_coordinationConcern_young_carer", Table: RoutingTables.CoordinationConcerns }), "the edited row fired");
        Assert.AreEqual(MeetingKind.Jusou, result.Meeting);
    }

    [TestMethod]
    public void Route_RulesThatFailOnValidInput_ThrowRulesException()
    {
        var root = Samples.CopyPack("matsudo");
        var dmn = Path.Combine(root, "matsudo", SamplePack.RoutingFileName);
        File.WriteAllText(dmn, File.ReadAllText(dmn).Replace("<text>\"まつどDEつながるステーション\"</text>", "<text>1 + \"x\"</text>", StringComparison.Ordinal));

        Assert.ThrowsExactly<RoutingRulesException>(() => Route(new RoutingService(new PackCatalog(root))));
    }

    private static RoutingResult Route(RoutingService service)
    {
        using var document = JsonDocument.Parse(Isolated);
        return service.Route(document.RootElement);
    }
}
