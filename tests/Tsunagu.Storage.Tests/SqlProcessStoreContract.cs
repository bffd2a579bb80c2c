using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using static Tsunagu.Storage.Tests.StoreSamples;

namespace Tsunagu.Storage.Tests;

/// <summary>
/// What a database-backed store adds to the port: a schema migrated once, and data that outlives the process.
/// A provider supplies a connection to its test database and a store factory that migrates as a starting process does;
/// the shared schema's data tables are emptied before each test, so one database serves the whole test class.
/// </summary>
public abstract class SqlProcessStoreContract : ProcessStoreContract
{
    // Children before parents, for providers that enforce foreign keys.
    private static readonly string[] DataTables = ["history", "waits", "subscriptions", "jobs", "task_candidates", "tasks", "instances", "deployments"];

    /// <summary>A new, closed connection to the test database.</summary>
    protected abstract DbConnection CreateConnection();

    /// <summary>Opens a store as a starting process does: migrating the database first.</summary>
    protected abstract Task<IProcessStore> OpenStoreAsync(CancellationToken cancellationToken);

    protected sealed override async Task<IProcessStore> CreateEmptyStoreAsync(CancellationToken cancellationToken)
    {
        var store = await OpenStoreAsync(cancellationToken);
        await using var connection = CreateConnection();
        foreach (var table in DataTables)
        {
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table}", cancellationToken: cancellationToken));
        }

        return store;
    }

    /// <summary>Each applied migration as "version|name|applied at", oldest first.</summary>
    protected async Task<IReadOnlyList<string>> ReadSchemaVersionsAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync(new CommandDefinition(
            "SELECT version, name, applied_at FROM schema_version ORDER BY version", cancellationToken: Ct));
        return [.. rows.Cast<IDictionary<string, object>>().Select(r => string.Join('|', r.Values))];
    }

    [TestMethod]
    public async Task OpenStoreAsync_DatabaseAlreadyMigrated_LeavesSchemaVersionsUnchanged()
    {
        await using var connection = CreateConnection();
        var before = await ReadSchemaVersionsAsync(connection);

        await DisposeAsync(await OpenStoreAsync(Ct));
        await DisposeAsync(await OpenStoreAsync(Ct));

        Assert.IsNotEmpty(before);
        CollectionAssert.AreEqual(before.ToArray(), (await ReadSchemaVersionsAsync(connection)).ToArray());
    }

    [TestMethod]
    public async Task OpenStoreAsync_Reopened_KeepsCommittedData()
    {
        var deployment = await Store.AddDeploymentAsync("leave", "<a/>", "h1", "Leave", T0, Ct);
        var state = Instance();
        state.Tasks.Add(UserTask(T0, institutions: ["tokyo"]));
        state.Jobs.Add(Job(T0));
        state.Subscriptions.Add(Subscription(SubscriptionKind.Message, "paid", "k1"));
        var started = Event(state, HistoryKind.InstanceStarted, 0);
        await Store.CommitAsync(New(state, started), Ct);
        await DisposeAsync(Store);

        var reopened = await OpenStoreAsync(Ct);
        try
        {
            Assert.AreEqual(deployment, await reopened.GetDeploymentAsync("leave", null, Ct));
            Assert.AreEqual(StateJson.Serialize(state), StateJson.Serialize((await reopened.LoadStateAsync(state.Id, Ct))!));
            Assert.AreEqual(state.Id, await reopened.FindTaskInstanceAsync(state.Tasks[0].Id, Ct));
            Assert.AreEqual(T0, await reopened.GetNextDueAsync(Ct));
            Assert.HasCount(1, await reopened.FindSubscriptionsAsync(SubscriptionKind.Message, "paid", "k1", Ct));
            Assert.AreEqual(started.Kind, (await reopened.GetHistoryAsync(state.Id, Ct)).Single().Kind);
        }
        finally
        {
            await DisposeAsync(reopened);
        }
    }

    [TestMethod]
    public async Task AppendAuditAsync_TwoHostsAppendAtOnce_ChainStaysLinked()
    {
        var other = await OpenStoreAsync(Ct);
        try
        {
            IAuditStore[] hosts = [(IAuditStore)Store, (IAuditStore)other];
            var before = await AuditVerifier.VerifyAsync(hosts[0], Ct);

            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => hosts[i % 2].AppendAuditAsync([AuditOf($"case-{i}")], Ct), Ct)));

            var (broken, count) = await AuditVerifier.VerifyAsync(hosts[1], Ct);
            Assert.IsNull(broken, $"the chain breaks at {broken?.Sequence}");
            Assert.AreEqual(before.Checked + 40, count);
        }
        finally
        {
            await DisposeAsync(other);
        }
    }

    [TestMethod]
    public async Task CommitAsync_CarryingAudit_AppendsItOnlyWhenTheStepCommits()
    {
        var state = Instance();
        await Store.CommitAsync(New(state), Ct);
        var winner = Copy(state);
        winner.Revision = 2;
        await Store.CommitAsync(StoreProjections.Commit(winner, 1, []), Ct);
        var caseId = "audited-" + Guid.NewGuid().ToString("N");

        var stale = Next(state, s => s.BusinessKey = "loser") with { Audit = [AuditOf(caseId)] };
        await Assert.ThrowsExactlyAsync<ConcurrencyConflictException>(() => Store.CommitAsync(stale, Ct));
        var afterConflict = await ((IAuditStore)Store).ReadAuditAsync(0, 1000, caseId, Ct);
        await Store.CommitAsync(Next(winner, s => s.BusinessKey = "next") with { Audit = [AuditOf(caseId)] }, Ct);

        Assert.IsEmpty(afterConflict);
        Assert.HasCount(1, await ((IAuditStore)Store).ReadAuditAsync(0, 1000, caseId, Ct));
    }

    [TestMethod]
    public async Task ClaimDueJobsAsync_TwoHostsClaimAtOnce_EachJobGoesToOneHost()
    {
        var jobs = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            var state = Instance();
            state.Jobs.Add(Job(T0.AddSeconds(i)));
            jobs.Add(state.Jobs[0].Id);
            await Store.CommitAsync(New(state), Ct);
        }

        var other = await OpenStoreAsync(Ct);
        try
        {
            IJobClaims[] hosts = [(IJobClaims)Store, (IJobClaims)other];
            var claimed = await Task.WhenAll(hosts.Select(host => Task.Run(async () =>
            {
                var mine = new List<Guid>();
                while (await host.ClaimDueJobsAsync(T0.AddMinutes(1), TimeSpan.FromMinutes(5), 4, Ct) is { Count: > 0 } batch)
                {
                    mine.AddRange(batch.Select(j => j.JobId));
                }

                return mine;
            }, Ct)));

            CollectionAssert.AreEquivalent(jobs, claimed.SelectMany(c => c).ToList(), "every job claimed exactly once");
        }
        finally
        {
            await DisposeAsync(other);
        }
    }

    [TestMethod]
    public async Task ClaimDueJobsAsync_LeaseRunsOut_AnotherHostMayClaim()
    {
        var state = Instance();
        state.Jobs.Add(Job(T0));
        await Store.CommitAsync(New(state), Ct);
        var claims = (IJobClaims)Store;

        var first = await claims.ClaimDueJobsAsync(T0, TimeSpan.FromMinutes(2), 10, Ct);
        var whileLeased = await claims.ClaimDueJobsAsync(T0.AddMinutes(1), TimeSpan.FromMinutes(2), 10, Ct);
        var nextDue = await Store.GetNextDueAsync(Ct);
        var afterLease = await claims.ClaimDueJobsAsync(T0.AddMinutes(2), TimeSpan.FromMinutes(2), 10, Ct);

        Assert.AreEqual(state.Jobs[0].Id, first.Single().JobId);
        Assert.IsEmpty(whileLeased);
        Assert.AreEqual(T0.AddMinutes(2), nextDue, "a leased job is next due when its lease runs out");
        Assert.AreEqual(state.Jobs[0].Id, afterLease.Single().JobId);
    }

    [TestMethod]
    public async Task CommitAsync_ClaimedJobKeptOrRescheduled_KeepsOrEndsItsLease()
    {
        var state = Instance();
        state.Jobs.Add(Job(T0));
        state.Jobs.Add(Job(T0));
        await Store.CommitAsync(New(state), Ct);
        var claims = (IJobClaims)Store;
        await claims.ClaimDueJobsAsync(T0, TimeSpan.FromHours(1), 10, Ct);

        await Store.CommitAsync(Next(state, s => s.Jobs[1].DueAt = T0.AddMinutes(1)), Ct);

        var reclaimed = await claims.ClaimDueJobsAsync(T0.AddMinutes(1), TimeSpan.FromHours(1), 10, Ct);
        Assert.AreEqual(state.Jobs[1].Id, reclaimed.Single().JobId, "only the rescheduled job is free again");
    }

    [TestMethod]
    public async Task CommitAsync_ManyStepsAtOnce_EachCommitsOrConflictsAlone()
    {
        var contested = Instance();
        await Store.CommitAsync(New(contested), Ct);
        var fresh = Enumerable.Range(0, 30).Select(_ => Instance()).ToList();

        // Ten steps from the same revision race thirty new instances; a store that writes several commits in one
        // transaction must still let each succeed or fail on its own.
        var stale = Enumerable.Range(0, 10).Select(i => Next(contested, s => s.BusinessKey = $"winner-{i}")).ToList();
        var outcomes = await CommitAllAtOnceAsync(fresh.Select(s => New(s)).Concat(stale));

        Assert.AreEqual(31, outcomes.Count(o => o), "every new instance and one of the contested steps");
        foreach (var state in fresh)
        {
            Assert.AreEqual(state.BusinessKey, (await Store.LoadInstanceAsync(state.Id, Ct))?.BusinessKey);
        }

        var winner = (await Store.LoadInstanceAsync(contested.Id, Ct))!;
        Assert.AreEqual((2, stale[outcomes.Skip(30).ToList().IndexOf(true)].Instance.BusinessKey), (winner.Revision, winner.BusinessKey));
    }

    [TestMethod]
    public async Task CommitAsync_ManyInstancesStepAtOnceWithAStaleStep_EachKeepsItsOwnRows()
    {
        var states = Enumerable.Range(0, 40).Select(i =>
        {
            var state = Instance();
            state.Tasks.Add(UserTask(T0.AddMinutes(i), institutions: [$"inst-{i}"], users: [$"user-{i}"]));
            state.Jobs.Add(Job(T0.AddMinutes(i)));
            state.Subscriptions.Add(Subscription(SubscriptionKind.Message, $"msg-{i}", $"key-{i}"));
            return state;
        }).ToList();
        await Task.WhenAll(states.Select(s => Task.Run(() => Store.CommitAsync(New(s, Event(s, HistoryKind.InstanceStarted, 0)), Ct), Ct)));

        // Every instance steps at once: its task and message wait go, a task for another user comes, its job moves. One
        // more step comes from a revision already gone, so a store that writes several commits together meets a failure.
        var steps = states.Select((s, i) => Next(s, n =>
        {
            n.Tasks[0] = UserTask(T0.AddHours(1), users: [$"next-{i}"]);
            n.Subscriptions.Clear();
            n.Jobs[0].DueAt = T0.AddDays(i + 1);
        }, Event(s, HistoryKind.TaskCompleted, 1), Event(s, HistoryKind.TaskCreated, 2))).ToList();
        var stale = Next(states[7], n => n.BusinessKey = "stale");
        var outcomes = await CommitAllAtOnceAsync(steps.Append(stale));

        Assert.AreEqual(40, outcomes.Count(o => o), "each step of its own; the stale one conflicts");
        var loser = outcomes.Select((won, i) => (won, i)).Where(o => !o.won).Select(o => o.i).Single();
        Assert.IsTrue(loser is 7 or 40, "only a step of instance 7 can lose");
        var due = await Store.GetDueJobsAsync(T0.AddDays(100), 100, Ct);
        for (var i = 0; i < states.Count; i++)
        {
            var id = states[i].Id;
            var tasks = await Store.QueryTasksAsync(new TaskQuery { InstanceId = id }, Ct);
            if (i == 7 && loser == 7)
            {
                Assert.AreEqual($"inst-{i}", tasks.Single().CandidateInstitutions.Single());
                continue;
            }

            Assert.AreEqual($"next-{i}", tasks.Single().CandidateUsers.Single(), $"instance {i}'s task");
            Assert.AreEqual(tasks.Single().Id, (await Store.QueryTasksAsync(new TaskQuery { CandidateUser = $"next-{i}" }, Ct)).Single().Id);
            Assert.IsEmpty(await Store.QueryTasksAsync(new TaskQuery { CandidateInstitution = $"inst-{i}" }, Ct));
            Assert.IsEmpty(await Store.FindSubscriptionsAsync(SubscriptionKind.Message, $"msg-{i}", $"key-{i}", Ct));
            Assert.AreEqual(T0.AddDays(i + 1), due.Single(j => j.InstanceId == id).DueAt);
            Assert.HasCount(3, await Store.GetHistoryAsync(id, Ct));
        }
    }

    /// <summary>Commits all at once, each on its own thread: whether each committed (false: it met a conflict).</summary>
    private Task<bool[]> CommitAllAtOnceAsync(IEnumerable<InstanceCommit> commits) => Task.WhenAll(commits.Select(commit => Task.Run(async () =>
    {
        try
        {
            await Store.CommitAsync(commit, Ct);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }, Ct)));

    [TestMethod]
    public async Task RunDueJobsAsync_SeveralClaimersOnTwoHosts_EachTimerFiresOnce()
    {
        var clock = new FakeTimeProvider(T0);
        var other = await OpenStoreAsync(Ct);
        try
        {
            var hosts = new[] { Store, other }.Select(s => new ProcessEngine(s, new EngineOptions { Time = clock })).ToArray();
            await hosts[0].DeployAsync(RemindModel);
            var instances = new List<Guid>();
            for (var i = 0; i < 120; i++)
            {
                instances.Add(await hosts[0].StartInstanceAsync(RemindKey));
            }

            clock.Advance(TimeSpan.FromDays(8));

            // Three claimers per host, each claiming small batches until nothing is due.
            var ran = await Task.WhenAll(hosts.SelectMany(host => Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
            {
                var total = 0;
                while (await host.RunDueJobsAsync(7, Ct) is var batch && batch > 0)
                {
                    total += batch;
                }

                return total;
            }, Ct))));

            Assert.AreEqual(instances.Count, ran.Sum(), "each due job claimed by one claimer");
            var created = (await Store.GetDefinitionHistoryAsync(RemindKey, null, Ct)).Where(h => h.Kind == HistoryKind.TaskCreated).GroupBy(h => h.InstanceId).ToList();
            CollectionAssert.AreEquivalent(instances, created.Select(g => g.Key).ToList(), "every timer fired");
            Assert.IsTrue(created.All(g => g.Count() == 1), "no timer fired twice");
        }
        finally
        {
            await DisposeAsync(other);
        }
    }

    private static AuditRecord AuditOf(string caseId) => new(T0, "aiko", "caseworker", "case.read", caseId, null, 200, "支援のため");

    private static async Task DisposeAsync(IProcessStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
