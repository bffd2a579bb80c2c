using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Conformance.Betsy;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Engine.Tests.Execution;

/// <summary>A real engine over an in-memory store and a manual clock, with a fixture model deployed.</summary>
internal sealed class EngineHarness
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private EngineHarness(ProcessEngine engine, FakeTimeProvider clock)
    {
        Engine = engine;
        Clock = clock;
    }

    public ProcessEngine Engine { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<EngineHarness> DeployAsync(string fixture, IReadOnlyDictionary<string, IServiceTaskHandler>? handlers = null)
    {
        var clock = new FakeTimeProvider(Epoch);
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions
        {
            Time = clock,
            Handlers = handlers ?? new Dictionary<string, IServiceTaskHandler>(),
        });
        await engine.DeployAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Execution", "Fixtures", fixture)));
        return new EngineHarness(engine, clock);
    }

    /// <summary>
    /// Runs a fixture's process with the betsy marker scripts (<c>SCRIPT_taskN</c> appends to the trace) on a manual
    /// clock advanced by <paramref name="wait"/>; returns the trace words in order, space-separated, ending with an
    /// <c>ERROR_…</c> word when the instance did not end normally.
    /// </summary>
    public static async Task<string> TraceAsync(string fixture, string processId, TimeSpan wait, params (string Name, JsonNode? Value)[] variables) =>
        string.Join(' ', await BetsyRunner.RunModelAsync(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Execution", "Fixtures", fixture)),
            processId,
            variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal),
            wait));

    /// <summary>The trace of a run without waiting, its words sorted: for models whose branches may interleave.</summary>
    public static async Task<string> SortedTraceAsync(string fixture, string processId, params (string Name, JsonNode? Value)[] variables) =>
        string.Join(' ', (await TraceAsync(fixture, processId, TimeSpan.Zero, variables)).Split(' ').Order(StringComparer.Ordinal));

    public Task<Guid> StartAsync(string processKey, params (string Name, JsonNode? Value)[] variables) =>
        Engine.StartInstanceAsync(processKey, variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));

    public async Task<InstanceState> StateAsync(Guid instanceId) => (await Engine.GetStateAsync(instanceId))!;

    /// <summary>The node ids of the instance's open user tasks, sorted.</summary>
    public async Task<List<string>> OpenTasksAsync(Guid instanceId) =>
        [.. (await Engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId })).Select(t => t.NodeId).Order(StringComparer.Ordinal)];

    public async Task AssertOpenTasksAsync(Guid instanceId, params string[] expected) =>
        CollectionAssert.AreEqual(expected, await OpenTasksAsync(instanceId));

    public async Task CompleteAsync(Guid instanceId, string nodeId, params (string Name, JsonNode? Value)[] variables)
    {
        var task = (await Engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId })).First(t => t.NodeId == nodeId);
        await Engine.CompleteTaskAsync(task.Id, variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal), "clerk");
    }

    /// <summary>Moves the clock forward, stopping at each job due on the way to run it at its time.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        var end = Clock.GetUtcNow() + by;
        while (await Engine.Store.GetNextDueAsync(CancellationToken.None) is { } next && next <= end)
        {
            Clock.SetUtcNow(next > Clock.GetUtcNow() ? next : Clock.GetUtcNow());
            await Engine.RunDueJobsAsync();
        }

        Clock.SetUtcNow(end);
    }

    public async Task<List<HistoryEvent>> HistoryAsync(Guid instanceId, HistoryKind kind) =>
        [.. (await Engine.GetHistoryAsync(instanceId)).Where(h => h.Kind == kind)];
}
