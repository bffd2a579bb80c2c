using Microsoft.Extensions.Time.Testing;
using Tsunagu.Cases.Casework;
using Tsunagu.Engine;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Cases.Tests.Casework;

/// <summary>The designer's version history and the start-up check read the version list, not every version's model text.</summary>
[TestClass]
public sealed class ProcessDesignsTests
{
    private static readonly string CasePath = ShippedWorkflows.Get("case-path.bpmn");

    [TestMethod]
    public async Task VersionsAsync_ThreeVersions_ListsThemFromOneReadWithoutModelTexts()
    {
        var (designs, store) = await ThreeVersionsAsync();

        var versions = await designs.VersionsAsync(CaseProcess.Key, CancellationToken.None);

        Assert.AreEqual("1 2 3", string.Join(' ', versions.Select(v => v.Version)));
        Assert.AreEqual("aiko", versions[2].DeployedBy);
        Assert.AreEqual(1, store.VersionLists);
        Assert.AreEqual(0, store.DeploymentReads, "no model text read");
    }

    [TestMethod]
    public async Task DeployedBeforeAsync_AnOlderVersionsTextReformatted_TrueWithoutReadingModelTexts()
    {
        var (designs, store) = await ThreeVersionsAsync();

        var reformatted = await designs.DeployedBeforeAsync(CasePath.Replace("><", ">\n  <", StringComparison.Ordinal), CancellationToken.None);
        var other = await designs.DeployedBeforeAsync(Renamed(CasePath, "never-deployed"), CancellationToken.None);

        Assert.IsTrue(reformatted);
        Assert.IsFalse(other);
        Assert.AreEqual(0, store.DeploymentReads, "no model text read");
    }

    /// <summary>The case path deployed, then two renamed versions of it (the last from the designer).</summary>
    private static async Task<(ProcessDesigns Designs, CountingStore Store)> ThreeVersionsAsync()
    {
        var store = new CountingStore(new InMemoryProcessStore());
        var engine = new ProcessEngine(store);
        await engine.DeployAsync(CasePath, "case-path.bpmn");
        await engine.DeployAsync(Renamed(CasePath, "v2"), "case-path.bpmn");
        await engine.DeployAsync(Renamed(CasePath, "v3"), ProcessDesigns.DesignerPrefix + "aiko");
        store.DeploymentReads = 0;
        var designs = new ProcessDesigns(store, engine, Path.Combine(Path.GetTempPath(), "tsunagu-drafts-" + Guid.NewGuid().ToString("N")), new FakeTimeProvider());
        return (designs, store);
    }

    /// <summary>The model with its process renamed, so it hashes as a new version.</summary>
    private static string Renamed(string xml, string suffix)
    {
        var at = xml.IndexOf("<bpmn:process ", StringComparison.Ordinal);
        return xml[..at] + xml[at..].Replace("name=\"", $"name=\"{suffix} ", StringComparison.Ordinal);
    }

    private sealed class CountingStore(IProcessStore inner) : DelegatingProcessStore(inner)
    {
        public int DeploymentReads { get; set; }

        public int VersionLists { get; private set; }

        public override Task<DeploymentRecord?> GetDeploymentAsync(string processKey, int? version, CancellationToken cancellationToken)
        {
            DeploymentReads++;
            return base.GetDeploymentAsync(processKey, version, cancellationToken);
        }

        public override Task<IReadOnlyList<DeploymentVersion>> GetDeploymentVersionsAsync(string processKey, CancellationToken cancellationToken)
        {
            VersionLists++;
            return base.GetDeploymentVersionsAsync(processKey, cancellationToken);
        }
    }
}
