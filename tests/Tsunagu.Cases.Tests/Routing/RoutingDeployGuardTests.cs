using System.Text;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Tests.Packs;

namespace Tsunagu.Cases.Tests.Routing;

/// <summary>A routing deployment is checked against the routing contract and the pack's reference cases before it serves; earlier versions can be deployed again.</summary>
[TestClass]
public sealed class RoutingDeployGuardTests
{
    private static readonly string Shipped = File.ReadAllText(Path.Combine(Samples.PackRoot, Municipality.Matsudo, SamplePack.RoutingFileName));

    private static PackCatalog Catalog() => new(Path.Combine(Samples.CopiesRoot, Guid.NewGuid().ToString("N")));

    private static PackException Refused(PackCatalog catalog, string dmn)
    {
        var before = catalog.Get(Municipality.Matsudo).Routing.VersionHash;
        var refused = Assert.ThrowsExactly<PackException>(() => catalog.DeployRouting(Municipality.Matsudo, Encoding.UTF8.GetBytes(dmn)));
        Assert.AreEqual(before, catalog.Get(Municipality.Matsudo).Routing.VersionHash, "the previous version keeps serving");
        return refused;
    }

    [TestMethod]
    public void DeployRouting_MeetingTableReturningANumber_IsRefusedNamingTheOutput()
    {
        var catalog = Catalog();

        var refused = Refused(catalog, Shipped.Replace("<output id=\"Output_meeting\" label=\"会議\" name=\"meeting\" typeRef=\"string\" />", "<output id=\"Output_meeting\" label=\"会議\" name=\"meeting\" typeRef=\"number\" />", StringComparison.Ordinal));

        Assert.Contains("meeting: output 'meeting' is number", refused.Message);
    }

    [TestMethod]
    public void DeployRouting_UnknownCategory_IsRefusedNamingTheRow()
    {
        var refused = Refused(Catalog(), Shipped.Replace("<text>\"participation\"</text>", "<text>\"sanka\"</text>", StringComparison.Ordinal));

        Assert.Contains("concern routing: Rule_11: output 'category' \"sanka\"", refused.Message);
    }

    [TestMethod]
    public void DeployRouting_RowThatBreaksAReferenceCase_IsRefusedWithTheCase()
    {
        var catalog = Catalog();

        var refused = Refused(catalog, Shipped.Replace("<text>\"hikikomori-core\"</text>", "<text>\"hikikomori-core\"</text>", StringComparison.Ordinal)
            .Replace("<text>\"hikikomori\"</text>", "<text>\"hikikomori-x\"</text>", StringComparison.Ordinal));

        Assert.Contains("reference-cases.json: 8050", refused.Message);
        Assert.IsEmpty(catalog.RoutingVersions(Municipality.Matsudo), "nothing is written for a refused model");
    }

    [TestMethod]
    public void RollbackRouting_ToTheShippedVersion_ServesItAgainAndKeepsEveryVersion()
    {
        var catalog = Catalog();
        var shipped = catalog.Get(Municipality.Matsudo).Routing.VersionHash;
        var edited = catalog.DeployRouting(Municipality.Matsudo, Encoding.UTF8.GetBytes(Shipped.Replace("<text>\"まつどDEつながるステーション\"</text>", "<text>\"野の花カフェ\"</text>", StringComparison.Ordinal))).Routing.VersionHash;

        var rolledBack = catalog.RollbackRouting(Municipality.Matsudo, shipped);
        var isolated = new RoutingService(catalog).Route(new RoutingRequest { Municipality = Municipality.Matsudo, Person = new RoutingPerson { Age = 70, Area = "本庁", Concerns = ["isolation"] } });

        Assert.AreEqual(shipped, rolledBack.Routing.VersionHash);
        Assert.AreEqual("まつどDEつながるステーション", isolated.Referrals[0].Institution);
        CollectionAssert.AreEqual(new[] { shipped, edited, shipped }, catalog.RoutingVersions(Municipality.Matsudo).Select(v => v.VersionHash).ToArray());
        Assert.AreEqual(shipped, new PackCatalog(catalog.Overrides).Get(Municipality.Matsudo).Routing.VersionHash, "the rollback is what a restart serves");
    }

    [TestMethod]
    public void RollbackRouting_UnknownVersion_IsRefused() =>
        Assert.ThrowsExactly<PackException>(() => Catalog().RollbackRouting(Municipality.Matsudo, "sha256:00"));

    [TestMethod]
    [DataRow(Municipality.Matsudo)]
    [DataRow(Municipality.Ichikawa)]
    public void ReferenceCases_ShippedPack_PassTheGuard(string municipality)
    {
        var catalog = Catalog();
        var dmn = File.ReadAllBytes(Path.Combine(Samples.PackRoot, municipality, SamplePack.RoutingFileName));

        var deployed = catalog.DeployRouting(municipality, dmn);

        Assert.IsNotEmpty(deployed.ReferenceCases);
    }
}
