using System.Text.Json.Nodes;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Tests.Execution;

namespace Tsunagu.Engine.Tests.Commands;

/// <summary>Where instances wait, as the process view reads it: a multi-instance activity counts its items, not its body too.</summary>
[TestClass]
public sealed class WaitQueryTests
{
    private static readonly string[] AtVote = ["vote"];

    [TestMethod]
    public async Task CountWaitsAsync_MultiInstanceItemWaiting_CountsTheItemNotItsBody()
    {
        var harness = await EngineHarness.DeployAsync("multi-instance.bpmn");
        var id = await harness.StartAsync("sequentialItems", ("voters", new JsonArray("ann", "bob", "cy")));

        var counts = await harness.Engine.CountWaitsAsync("sequentialItems", 1);
        var view = (await harness.Engine.GetInstanceAsync(id))!;

        CollectionAssert.AreEqual(new[] { new WaitCount("vote", 1, 0) }, counts.ToArray());
        CollectionAssert.AreEqual(AtVote, view.StandingNodes.ToArray());
        Assert.HasCount(2, view.ActiveNodes, "the body's token and its item's token both stand at vote");
    }

    [TestMethod]
    public async Task CountWaitsAsync_InstanceCompleted_CountsNothing()
    {
        var harness = await EngineHarness.DeployAsync("multi-instance.bpmn");
        var id = await harness.StartAsync("parallelItems", ("items", new JsonArray(1, 2)));

        await harness.CompleteAsync(id, "done");

        Assert.IsEmpty(await harness.Engine.CountWaitsAsync("parallelItems", 1));
    }
}
