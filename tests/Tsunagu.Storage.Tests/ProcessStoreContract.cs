using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using static Tsunagu.Storage.Tests.StoreSamples;

namespace Tsunagu.Storage.Tests;

/// <summary>
/// Every behaviour an <see cref="IProcessStore"/> must have. A provider's test class derives from this (or from
/// <see cref="SqlProcessStoreContract"/> for a database) and supplies a factory for an empty store; a provider that
/// needs a server it cannot reach overrides <see cref="SkipReason"/> (e.g. "PostgreSQL not reachable at localhost:5432"),
/// and each test then ends Inconclusive with that reason instead of failing.
/// </summary>
public abstract partial class ProcessStoreContract
{
    // Two writers racing from the same revision; each leaves its name as the business key.
    private static readonly string[] Racers = ["a", "b"];

    public TestContext TestContext { get; set; } = null!;

    protected IProcessStore Store { get; private set; } = null!;

    protected CancellationToken Ct => TestContext.CancellationToken;

    /// <summary>Why this provider cannot be tested on this machine, or null when it can.</summary>
    protected virtual string? SkipReason => null;

    [TestInitialize]
    public async Task InitializeStoreAsync()
    {
        if (SkipReason is { } reason)
        {
            Assert.Inconclusive(reason);
        }

        Store = await CreateEmptyStoreAsync(Ct);
    }

    [TestCleanup]
    public async Task CleanupStoreAsync()
    {
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>A store with no deployments, instances or history.</summary>
    protected abstract Task<IProcessStore> CreateEmptyStoreAsync(CancellationToken cancellationToken);

    [TestMethod]
    public async Task AddDeploymentAsync_NewHashes_NumbersVersionsPerKey()
    {
        var first = await Store.AddDeploymentAsync("leave", "<a/>", "h1", "Leave", T0, Ct);
        var second = await Store.AddDeploymentAsync("leave", "<b/>", "h2", "Leave v2", T0.AddHours(1), Ct);
        var other = await Store.AddDeploymentAsync("permit", "<c/>", "h1", null, T0, Ct);

        Assert.AreEqual((1, 2, 1), (first.Version, second.Version, other.Version));
        Assert.AreEqual(first, await Store.GetDeploymentAsync("leave", 1, Ct));
        Assert.AreEqual(second, await Store.GetDeploymentAsync("leave", null, Ct));
        Assert.AreEqual(other, await Store.GetDeploymentAsync("permit", null, Ct));
        Assert.AreNotEqual(first.Id, second.Id);
    }

    [TestMethod]
    public async Task AddDeploymentAsync_SameHashAsLatest_ReturnsLatestWithoutNewVersion()
    {
        var first = await Store.AddDeploymentAsync("leave", "<a/>", "h1", "Leave", T0, Ct);

        var again = await Store.AddDeploymentAsync("leave", "<a/>", "h1", "Leave", T0.AddHours(1), Ct);

        Assert.AreEqual(first, again);
        Assert.AreEqual(1, (await Store.GetDeploymentAsync("leave", null, Ct))!.Version);
    }

    [TestMethod]
    public async Task AddDeploymentAsync_HashOfOlderVersion_AddsNewVersion()
    {
        await Store.AddDeploymentAsync("leave", "<a/>", "h1", null, T0, Ct);
        await Store.AddDeploymentAsync("leave", "<b/>", "h2", null, T0, Ct);

        var reverted = await Store.AddDeploymentAsync("leave", "<a/>", "h1", null, T0, Ct);

        Assert.AreEqual(3, reverted.Version);
    }

    [TestMethod]
    public async Task AddDeploymentAsync_ParallelDeploysOfSameHash_AddOneVersion()
    {
        var deployed = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(
            () => Store.AddDeploymentAsync("leave", "<a/>", "h1", null, T0, Ct), Ct)));

        Assert.AreEqual(1, deployed.Select(d => (d.Id, d.Version)).Distinct().Single().Version);
    }

    [TestMethod]
    public async Task GetDeploymentAsync_UnknownKeyOrVersion_ReturnsNull()
    {
        await Store.AddDeploymentAsync("leave", "<a/>", "h1", null, T0, Ct);

        Assert.IsNull(await Store.GetDeploymentAsync("unknown", null, Ct));
        Assert.IsNull(await Store.GetDeploymentAsync("leave", 2, Ct));
    }

    [TestMethod]
    public async Task GetLatestDeploymentsAsync_SeveralKeys_ReturnsLatestVersionOfEach()
    {
        await Store.AddDeploymentAsync("leave", "<a/>", "h1", null, T0, Ct);
        var leave = await Store.AddDeploymentAsync("leave", "<b/>", "h2", null, T0, Ct);
        var permit = await Store.AddDeploymentAsync("permit", "<c/>", "h3", null, T0, Ct);

        var latest = await Store.GetLatestDeploymentsAsync(Ct);

        CollectionAssert.AreEquivalent(new[] { leave, permit }, latest.ToArray());
    }

    [TestMethod]
    public async Task GetDeploymentVersionsAsync_ThreeVersionsAndAnotherKey_ListsTheKeysVersionsOldestFirstWithoutXml()
    {
        var first = await Store.AddDeploymentAsync("leave", "<a/>", "h1", "Leave", T0, Ct);
        var second = await Store.AddDeploymentAsync("leave", "<b/>", "h2", null, T0.AddHours(1), Ct);
        await Store.AddDeploymentAsync("permit", "<c/>", "h3", null, T0, Ct);
        var third = await Store.AddDeploymentAsync("leave", "<a/>", "h1", "designer/aiko", T0.AddDays(1), Ct);

        var versions = await Store.GetDeploymentVersionsAsync("leave", Ct);

        CollectionAssert.AreEqual(
            new[] { first, second, third }.Select(d => new DeploymentVersion(d.Id, d.ProcessKey, d.Version, d.VersionHash, d.Name, d.DeployedAt)).ToArray(),
            versions.ToArray());
        Assert.IsEmpty(await Store.GetDeploymentVersionsAsync("unknown", Ct));
    }

    [TestMethod]
    public async Task CommitAsync_NewInstance_LoadReturnsEqualState()
    {
        var state = Instance();
        state.Tasks.Add(UserTask(T0, institutions: ["tokyo"]));
        state.Jobs.Add(Job(T0));
        state.Subscriptions.Add(Subscription(SubscriptionKind.Message, "paid", "k1"));

        await Store.CommitAsync(New(state), Ct);

        Assert.AreEqual(StateJson.Serialize(state), StateJson.Serialize((await Store.LoadStateAsync(state.Id, Ct))!));
    }

    [TestMethod]
    public async Task LoadInstancesAsync_SomeKnown_ReturnsEachKnownStateOnce()
    {
        var states = Enumerable.Range(0, 3).Select(_ => Instance()).ToList();
        foreach (var state in states)
        {
            await Store.CommitAsync(New(state), Ct);
        }

        await Store.CommitAsync(Next(states[1], s => s.BusinessKey = "moved on"), Ct);

        var loaded = await Store.LoadInstancesAsync([states[0].Id, Guid.NewGuid(), states[1].Id], Ct);

        Assert.HasCount(2, loaded);
        Assert.AreEqual(StateJson.Serialize(states[0]), loaded.Single(i => i.Id == states[0].Id).StateJson);
        Assert.AreEqual(("moved on", 2), loaded.Single(i => i.Id == states[1].Id) is var moved ? (moved.BusinessKey, moved.Revision) : default);
    }

    [TestMethod]
    public async Task LoadInstanceAsync_UnknownInstance_ReturnsNull()
    {
        Assert.IsNull(await Store.LoadStateAsync(Guid.NewGuid(), Ct));
    }

    [TestMethod]
    public async Task CommitAsync_ExpectedRevision_ReplacesState()
    {
        var state = Instance();
        await Store.CommitAsync(New(state), Ct);
        var next = Next(state, s => s.Status = InstanceStatus.Completed);

        await Store.CommitAsync(next, Ct);

        Assert.AreEqual(next.Instance.StateJson, StateJson.Serialize((await Store.LoadStateAsync(state.Id, Ct))!));
    }

    [TestMethod]
    public async Task CommitAsync_StaleRevision_ThrowsAndChangesNothing()
    {
        var state = Instance();
        state.Tasks.Add(UserTask(T0, assignee: "aiko"));
        await Store.CommitAsync(New(state, Event(state, HistoryKind.InstanceStarted, 0)), Ct);
        var winner = Next(state, s => s.Tasks[0].Assignee = "ben");
        await Store.CommitAsync(winner, Ct);

        var stale = Next(state, s => s.Tasks.Clear(), Event(state, HistoryKind.TaskCompleted, 1));
        await Assert.ThrowsExactlyAsync<ConcurrencyConflictException>(() => Store.CommitAsync(stale, Ct));

        Assert.AreEqual(winner.Instance.StateJson, StateJson.Serialize((await Store.LoadStateAsync(state.Id, Ct))!));
        Assert.AreEqual("ben", (await Store.QueryTasksAsync(new TaskQuery { InstanceId = state.Id }, Ct)).Single().Assignee);
        Assert.HasCount(1, await Store.GetHistoryAsync(state.Id, Ct));
    }

    [TestMethod]
    public async Task CommitAsync_NewInstanceThatExists_ThrowsConcurrencyConflict()
    {
        var state = Instance();
        await Store.CommitAsync(New(state), Ct);

        await Assert.ThrowsExactlyAsync<ConcurrencyConflictException>(() => Store.CommitAsync(New(Copy(state)), Ct));
    }

    [TestMethod]
    public async Task CommitAsync_UnknownInstanceWithRevision_ThrowsConcurrencyConflict()
    {
        var state = Instance();

        await Assert.ThrowsExactlyAsync<ConcurrencyConflictException>(() => Store.CommitAsync(Next(state, _ => { }), Ct));
        Assert.IsNull(await Store.LoadStateAsync(state.Id, Ct));
    }

    [TestMethod]
    public async Task CommitAsync_ParallelStepsFromSameRevision_ExactlyOneWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var state = Instance();
            await Store.CommitAsync(New(state), Ct);
            var steps = Racers.Select(racer => Next(state, s => s.BusinessKey = racer)).ToArray();

            var (wins, conflicts) = await CommitInParallelAsync(steps);

            Assert.AreEqual((1, 1), (wins.Count, conflicts));
            Assert.AreEqual(wins[0].Instance.BusinessKey, (await Store.LoadStateAsync(state.Id, Ct))!.BusinessKey);
        }
    }

    [TestMethod]
    public async Task CommitAsync_ParallelCreatesOfSameInstance_ExactlyOneWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var state = Instance();
            var creates = Racers.Select(racer => { var copy = Copy(state); copy.BusinessKey = racer; return New(copy); }).ToArray();

            var (wins, conflicts) = await CommitInParallelAsync(creates);

            Assert.AreEqual((1, 1), (wins.Count, conflicts));
            Assert.AreEqual(wins[0].Instance.BusinessKey, (await Store.LoadStateAsync(state.Id, Ct))!.BusinessKey);
        }
    }

    /// <summary>Starts the commits on pool threads at the same moment; returns those that won and how many conflicted.</summary>
    private async Task<(List<InstanceCommit> Wins, int Conflicts)> CommitInParallelAsync(InstanceCommit[] commits)
    {
        using var start = new Barrier(commits.Length);
        var outcomes = await Task.WhenAll(commits.Select(commit => Task.Run(
            async () =>
            {
                start.SignalAndWait(Ct);
                try
                {
                    await Store.CommitAsync(commit, Ct);
                    return commit;
                }
                catch (ConcurrencyConflictException)
                {
                    return null;
                }
            },
            Ct)));
        return ([.. outcomes.OfType<InstanceCommit>()], outcomes.Count(o => o is null));
    }
}
