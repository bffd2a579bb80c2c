using Microsoft.Extensions.Time.Testing;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;

namespace Tsunagu.Storage.Tests;

/// <summary>
/// Two hosts on one PostgreSQL database, no leader: each due job runs on exactly one host, and the jobs of a host that
/// claimed them and died go to the other once their lease runs out.
/// </summary>
[TestClass]
public sealed class TwoHostTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2031, 4, 1, 9, 0, 0, TimeSpan.Zero));

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RunDueJobsAsync_TwoHostsAtOnce_EachTimerFiresOnceOnOneHost()
    {
        var (stores, hosts) = await HostsAsync();
        var instances = await StartAsync(hosts[0], 40);
        _clock.Advance(TimeSpan.FromDays(8));

        var ran = await Task.WhenAll(hosts.Select(host => Task.Run(() => DrainAsync(host), TestContext.CancellationToken)));

        Assert.AreEqual(instances.Count, ran.Sum(), "no job ran on both hosts");
        foreach (var instance in instances)
        {
            Assert.AreEqual(1, (await stores[0].QueryTasksAsync(new TaskQuery { InstanceId = instance }, TestContext.CancellationToken)).Count(t => t.NodeId == "Remind"));
        }

        await DisposeAsync(stores);
    }

    [TestMethod]
    public async Task RunDueJobsAsync_HostDiedAfterClaiming_OtherHostRunsTheJobsAfterTheLease()
    {
        var (stores, hosts) = await HostsAsync();
        var instances = await StartAsync(hosts[0], 5);
        _clock.Advance(TimeSpan.FromDays(8));

        // The first host claims every due job and dies before running them.
        var claimed = await ((IJobClaims)stores[0]).ClaimDueJobsAsync(_clock.GetUtcNow(), TimeSpan.FromMinutes(2), 100, TestContext.CancellationToken);
        var beforeLease = await hosts[1].RunDueJobsAsync(100, TestContext.CancellationToken);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var afterLease = await DrainAsync(hosts[1]);

        Assert.AreEqual((instances.Count, 0, instances.Count), (claimed.Count, beforeLease, afterLease));
        await DisposeAsync(stores);
    }

    private static async Task<int> DrainAsync(ProcessEngine host)
    {
        var total = 0;
        while (await host.RunDueJobsAsync(5) is var ran && ran > 0)
        {
            total += ran;
        }

        return total;
    }

    private static async Task DisposeAsync(PostgreSqlProcessStore[] stores)
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    private async Task<(PostgreSqlProcessStore[] Stores, ProcessEngine[] Hosts)> HostsAsync()
    {
        if (TestServers.PostgreSql.SkipReason is { } reason)
        {
            Assert.Inconclusive(reason);
        }

        var stores = new PostgreSqlProcessStore[2];
        for (var i = 0; i < stores.Length; i++)
        {
            stores[i] = await PostgreSqlProcessStore.OpenAsync(TestServers.PostgreSql.ConnectionString!, TestContext.CancellationToken, _clock);
        }

        var hosts = stores.Select(s => new ProcessEngine(s, new EngineOptions { Time = _clock, JobLease = TimeSpan.FromMinutes(2) })).ToArray();
        await hosts[0].DeployAsync(StoreSamples.RemindModel);
        return (stores, hosts);
    }

    private static async Task<List<Guid>> StartAsync(ProcessEngine host, int count)
    {
        var instances = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            instances.Add(await host.StartInstanceAsync(StoreSamples.RemindKey));
        }

        return instances;
    }
}
