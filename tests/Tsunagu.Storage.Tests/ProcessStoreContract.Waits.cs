using Tsunagu.Engine;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using static Tsunagu.Storage.Tests.StoreSamples;

namespace Tsunagu.Storage.Tests;

public abstract partial class ProcessStoreContract
{
    [TestMethod]
    public async Task CountWaitsAsync_InstancesOfSeveralVersions_CountsTokensPerNodeOfThatVersion()
    {
        // Each sample instance has a token at "review" and one at "check" stopped by an incident.
        await Store.CommitAsync(New(Instance("leave", 1)), Ct);
        await Store.CommitAsync(New(Instance("leave", 1)), Ct);
        var fresh = Instance("leave", 1);
        fresh.Incidents.Clear();
        await Store.CommitAsync(New(fresh), Ct);
        await Store.CommitAsync(New(Instance("leave", 2)), Ct);
        await Store.CommitAsync(New(Instance("permit", 1)), Ct);

        var counts = await Store.CountWaitsAsync("leave", 1, Ct);

        CollectionAssert.AreEqual(new[] { new WaitCount("check", 3, 2), new WaitCount("review", 3, 0) }, counts.ToArray());
    }

    [TestMethod]
    public async Task CountWaitsAsync_InstanceEndedOrTokenMoved_CountsOnlyWhereTokensStandNow()
    {
        var ended = Instance("leave", 1);
        await Store.CommitAsync(New(ended), Ct);
        var moved = Instance("leave", 1);
        await Store.CommitAsync(New(moved), Ct);

        await Store.CommitAsync(Next(ended, s => s.Status = InstanceStatus.Completed), Ct);
        await Store.CommitAsync(Next(moved, s => s.Tokens[0].NodeId = "approve"), Ct);

        var counts = await Store.CountWaitsAsync("leave", 1, Ct);

        CollectionAssert.AreEqual(new[] { new WaitCount("approve", 1, 0), new WaitCount("check", 1, 1) }, counts.ToArray());
    }

    [TestMethod]
    public async Task QueryIncidentsAsync_OpenIncidents_ReturnsThemOldestFirstUpToLimit()
    {
        var later = Instance("leave", 1);
        later.Incidents[0].CreatedAt = T0.AddHours(2);
        var earlier = Instance("permit", 3);
        var orphan = Instance("leave", 1);
        orphan.Incidents[0].TokenId = "gone";
        orphan.Incidents[0].CreatedAt = T0.AddHours(5);
        var resolved = Instance("leave", 1);
        foreach (var state in new[] { later, earlier, orphan, resolved })
        {
            await Store.CommitAsync(New(state), Ct);
        }

        await Store.CommitAsync(Next(resolved, s => s.Incidents.Clear()), Ct);

        var incidents = await Store.QueryIncidentsAsync(2, Ct);

        CollectionAssert.AreEqual(
            new[]
            {
                new IncidentRecord(earlier.Id, "permit", 3, earlier.BusinessKey, "i1", "check", "timeout", T0),
                new IncidentRecord(later.Id, "leave", 1, later.BusinessKey, "i1", "check", "timeout", T0.AddHours(2)),
            },
            incidents.ToArray());
        Assert.HasCount(3, await Store.QueryIncidentsAsync(10, Ct), "an incident whose token went on stays listed until retried");
    }

    [TestMethod]
    public async Task FindInstancesWithoutWaitsAsync_RowsMissing_ReturnsOnlyActiveInstancesWithout()
    {
        var kept = Instance();
        var missing = Instance();
        var ended = Instance();
        ended.Status = InstanceStatus.Completed;
        await Store.CommitAsync(New(kept), Ct);
        await Store.CommitAsync(New(missing) with { Waits = [] }, Ct);
        await Store.CommitAsync(New(ended), Ct);

        var found = await Store.FindInstancesWithoutWaitsAsync(10, Ct);

        CollectionAssert.AreEqual(new[] { missing.Id }, found.ToArray());
    }

    [TestMethod]
    public async Task WriteMissingWaitsAsync_InstanceStoredWithoutWaitRows_IsCountedAfterwards()
    {
        var old = Instance("leave", 1);
        await Store.CommitAsync(New(old) with { Waits = [] }, Ct);
        Assert.IsEmpty(await Store.CountWaitsAsync("leave", 1, Ct));

        var written = await new ProcessEngine(Store).WriteMissingWaitsAsync(cancellationToken: Ct);

        Assert.AreEqual(1, written);
        CollectionAssert.AreEqual(new[] { new WaitCount("check", 1, 1), new WaitCount("review", 1, 0) }, (await Store.CountWaitsAsync("leave", 1, Ct)).ToArray());
        Assert.IsEmpty(await Store.FindInstancesWithoutWaitsAsync(10, Ct));
        Assert.AreEqual(old.Revision + 1, (await Store.LoadInstanceAsync(old.Id, Ct))!.Revision);
    }
}
