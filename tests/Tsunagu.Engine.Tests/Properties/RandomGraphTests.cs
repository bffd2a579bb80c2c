using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Parsing;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Validation;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Engine.Tests.Properties;

/// <summary>
/// Property: any BPMN graph is refused with a typed exception or runs bounded. Each seeded graph (<see cref="RandomGraph"/>)
/// is deployed, started, and driven a few rounds (complete open tasks, correlate the message, fire due timers, retry an
/// incident); after every command the instance waits, has ended or stands in incident, within the token cap and with
/// bounded allocation, and only the engine's typed exceptions ever reach the caller.
/// More graphs: <c>TSUNAGU_PROPERTY_GRAPHS=100000</c> (default 2000; at least 1000, so that every outcome occurs);
/// another range: <c>TSUNAGU_PROPERTY_SEED</c> (default 1).
/// A failure names the seed and prints the document.
/// </summary>
[TestClass]
public sealed class RandomGraphTests
{
    private const int Steps = 500;
    private const int Tokens = 100;

    /// <summary>Far above what a graph needs within the budgets, far below what a runaway allocates.</summary>
    private const long MaxAllocatedBytes = 256L * 1024 * 1024;

    private static readonly DateTimeOffset Epoch = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [TestMethod]
    public async Task DeployAndRun_RandomGraphs_RefusedOrBoundedWithTypedExceptionsOnly()
    {
        var first = Setting("TSUNAGU_PROPERTY_SEED", 1);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var seed = first; seed < first + Setting("TSUNAGU_PROPERTY_GRAPHS", 2000); seed++)
        {
            var xml = RandomGraph.Write(seed);
            string outcome;
            try
            {
                outcome = await RunAsync(xml, seed);
            }
            catch (Exception e) when (e is not AssertFailedException)
            {
                Assert.Fail($"Seed {seed}: {e.GetType().Name} escaped: {e}\n{xml}");
                throw;
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The generator explores every kind of result, or the property proves little.
        var seen = string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}"));
        foreach (var outcome in new[] { "refused", "ended", "waiting", "incident", "budget" })
        {
            Assert.IsGreaterThan(0, outcomes.GetValueOrDefault(outcome), $"no graph ended as '{outcome}' ({seen})");
        }
    }

    /// <summary>Seeds whose graphs once broke the property (an incident or a task without its token, a token cap passed by jobs).</summary>
    [TestMethod]
    [DataRow(5443)]
    [DataRow(11862)]
    [DataRow(32517)]
    public async Task DeployAndRun_SeedThatOnceFailed_RefusedOrBounded(int seed) =>
        Assert.IsFalse(string.IsNullOrEmpty(await RunAsync(RandomGraph.Write(seed), seed)));

    private static async Task<string> RunAsync(string xml, int seed)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = new FakeTimeProvider(Epoch);

        // Jobs in turn on this thread, so this thread's allocation counter sees all of the run.
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = clock, MaxStepsPerCommand = Steps, MaxTokensPerInstance = Tokens, JobConcurrency = 1 });
        try
        {
            await engine.DeployAsync(xml);
        }
        catch (Exception e) when (e is BpmnDeploymentException or ModelParseException)
        {
            return "refused";
        }

        var random = new Random(seed);
        var id = Guid.NewGuid();
        await TypedAsync(() => engine.StartInstanceAsync("random", Variables(random), new StartOptions { InstanceId = id }));
        await CheckAsync(engine, id, seed);
        for (var round = 0; round < 3; round++)
        {
            foreach (var task in await engine.QueryTasksAsync(new TaskQuery { InstanceId = id }))
            {
                await TypedAsync(() => engine.CompleteTaskAsync(task.Id, Variables(random), "clerk"));
                await CheckAsync(engine, id, seed);
            }

            await TypedAsync(() => engine.CorrelateMessageAsync(RandomGraph.MessageName, random.Next(2) == 0 ? "k" : null));
            await CheckAsync(engine, id, seed);
            clock.Advance(TimeSpan.FromHours(2));
            await TypedAsync(() => engine.RunDueJobsAsync());
            await CheckAsync(engine, id, seed);
            if ((await engine.GetStateAsync(id))?.Incidents.FirstOrDefault() is { } incident)
            {
                await TypedAsync(() => engine.RetryIncidentAsync(id, incident.Id, "admin"));
                await CheckAsync(engine, id, seed);
            }
        }

        Assert.IsLessThan(MaxAllocatedBytes, GC.GetAllocatedBytesForCurrentThread() - allocated, $"seed {seed}: allocation\n{xml}");
        var state = await engine.GetStateAsync(id);
        var history = await engine.GetHistoryAsync(id);
        return state switch
        {
            null => "refused",
            { Status: not InstanceStatus.Active } => "ended",
            _ when history.Any(h => h.Data?["message"]?.GetValue<string>().Contains("steps without reaching a wait state", StringComparison.Ordinal) == true
                || h.Data?["message"]?.GetValue<string>().Contains("live tokens", StringComparison.Ordinal) == true) => "budget",
            { Incidents.Count: > 0 } => "incident",
            _ => "waiting",
        };
    }

    private static Dictionary<string, JsonNode?> Variables(Random random) => new(StringComparer.Ordinal)
    {
        ["x"] = random.Next(5),
        ["flag"] = random.Next(2) == 0,
        ["ck"] = "k",
    };

    /// <summary>Runs a command; the engine's typed refusals are answers too, anything else escapes and fails the property.</summary>
    private static async Task TypedAsync(Func<Task> command)
    {
        try
        {
            await command();
        }
        catch (Exception e) when (e is EngineNotFoundException or EngineStateException or EngineLimitExceededException)
        {
            // A typed refusal leaves the instance as it was; CheckAsync looks at it next.
        }
    }

    /// <summary>After any command: no token is left mid-run, tokens stay under the cap, nothing outlives its token, and no job failed with an untyped exception.</summary>
    private static async Task CheckAsync(ProcessEngine engine, Guid id, int seed)
    {
        if (await engine.GetStateAsync(id) is not { } state)
        {
            return;
        }

        Assert.IsLessThanOrEqualTo(Tokens, state.Tokens.Count, $"seed {seed}: tokens");
        Assert.IsTrue(state.Status != InstanceStatus.Active || state.Tokens.All(t => t.Status == TokenStatus.Waiting), $"seed {seed}: a token was left ready");
        var tokens = state.Tokens.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var orphans = state.Tasks.Where(t => !tokens.Contains(t.TokenId)).Select(t => $"task {t.NodeId}")
            .Concat(state.Incidents.Where(i => !tokens.Contains(i.TokenId)).Select(i => $"incident {i.NodeId}"))
            .Concat(state.Jobs.Where(j => j.TokenId is not null && !tokens.Contains(j.TokenId)).Select(j => $"job {j.Kind} {j.NodeId}"))
            .Concat(state.Subscriptions.Where(s => s.TokenId is not null && !tokens.Contains(s.TokenId)).Select(s => $"subscription {s.NodeId}"));
        Assert.IsEmpty(orphans, $"seed {seed}: left behind by a removed token");
        var untyped = (await engine.GetHistoryAsync(id))
            .Where(h => h.Data?["job"] is not null && h.Data["error"]?.GetValue<string>() != nameof(EngineLimitExceededException))
            .Select(h => $"{h.Data!["error"]}: {h.Data["message"]}");
        Assert.IsEmpty(untyped, $"seed {seed}: a job threw");
    }
}
