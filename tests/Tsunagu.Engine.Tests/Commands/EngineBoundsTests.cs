using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Conformance.Betsy;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Engine.Tests.Commands;

/// <summary>Runs are bounded (steps, tokens, history) and data has size limits (docs/adr/0008-engine-bounds.md).</summary>
[TestClass]
public sealed class EngineBoundsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly InMemoryProcessStore _store = new();

    /// <summary>start → [before] → Count (n := n + 1) → Loop; Loop goes back to Count until n reaches <c>limit</c>, then ends.</summary>
    private static string CountingLoop(string before = "") => Bpmn.Process("loop", $"""
            <bpmn:startEvent id="Start" />
            {before}
            <bpmn:sequenceFlow id="F1" sourceRef="{(before.Length == 0 ? "Start" : "Wait")}" targetRef="Count" />
            <bpmn:scriptTask id="Count" scriptFormat="application/feel"><bpmn:script>{"{"} n: if n = null then 1 else n + 1 {"}"}</bpmn:script></bpmn:scriptTask>
            <bpmn:sequenceFlow id="F2" sourceRef="Count" targetRef="Loop" />
            <bpmn:exclusiveGateway id="Loop" default="Back" />
            <bpmn:sequenceFlow id="Back" sourceRef="Loop" targetRef="Count" />
            <bpmn:sequenceFlow id="Out" sourceRef="Loop" targetRef="End"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">n &gt;= limit</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:endEvent id="End" />
        """);

    private static string WaitFirst(string waitNode) => $"""
            <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Wait" />
            {waitNode}
        """;

    /// <summary>Every pass through Split adds a token: Split forks back to Merge twice.</summary>
    private const string TokenFountain = """
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Merge" />
            <bpmn:exclusiveGateway id="Merge" />
            <bpmn:sequenceFlow id="F2" sourceRef="Merge" targetRef="Split" />
            <bpmn:parallelGateway id="Split" />
            <bpmn:sequenceFlow id="A" sourceRef="Split" targetRef="Merge" />
            <bpmn:sequenceFlow id="B" sourceRef="Split" targetRef="Merge" />
        """;

    private ProcessEngine Engine(int steps = 10_000, int tokens = 10_000) =>
        new(_store, new EngineOptions { Time = _clock, MaxStepsPerCommand = steps, MaxTokensPerInstance = tokens });

    private static Dictionary<string, JsonNode?> Limit(int limit) => new() { ["limit"] = limit };

    /// <summary>Starts the counting loop up to <paramref name="limit"/> with a budget of 100 steps.</summary>
    private async Task<(ProcessEngine Engine, Guid Id, InstanceState State)> StartLoopAsync(int limit)
    {
        var engine = Engine(steps: 100);
        await engine.DeployAsync(CountingLoop());
        var id = await engine.StartInstanceAsync("loop", Limit(limit));
        return (engine, id, (await engine.GetStateAsync(id))!);
    }

    [TestMethod]
    public async Task StartInstanceAsync_LoopOverStepBudget_InstanceKeptWithIncidentAndRunUndone()
    {
        var (engine, id, state) = await StartLoopAsync(1_000_000);

        Assert.AreEqual(InstanceStatus.Active, state.Status);
        var incident = state.Incidents.Single();
        Assert.AreEqual("Start", incident.NodeId);
        StringAssert.Contains(incident.Message, "100 steps");
        Assert.IsFalse(state.Scopes.Single().Variables.ContainsKey("n"), "the variables the run set are undone");
        var history = await engine.GetHistoryAsync(id);
        Assert.IsFalse(history.Any(h => h.Kind is HistoryKind.TokenMoved or HistoryKind.VariableSet), "the run's history is undone");
        Assert.AreEqual(1, history.Count(h => h.Kind == HistoryKind.IncidentCreated));
    }

    [TestMethod]
    public async Task StartInstanceAsync_LoopWithinStepBudget_Completes()
    {
        var (_, _, state) = await StartLoopAsync(40);

        Assert.AreEqual(InstanceStatus.Completed, state.Status);
        Assert.AreEqual(40, state.Scopes.Single().Variables["n"]!.GetValue<int>());
    }

    [TestMethod]
    public async Task StartInstanceAsync_TokensMultiplyPastCap_IncidentNamesTheTokenCap()
    {
        var engine = Engine(tokens: 50);
        await engine.DeployAsync(Bpmn.Process("fountain", TokenFountain));

        var id = await engine.StartInstanceAsync("fountain");

        var state = (await engine.GetStateAsync(id))!;
        Assert.HasCount(1, state.Tokens);
        StringAssert.Contains(state.Incidents.Single().Message, "50 live tokens");
    }

    [TestMethod]
    public async Task RetryIncidentAsync_BudgetIncidentWithLargerBudget_RunsOnToTheEnd()
    {
        await Engine(steps: 100).DeployAsync(CountingLoop());
        var id = await Engine(steps: 100).StartInstanceAsync("loop", Limit(200));
        var incident = (await Engine().GetStateAsync(id))!.Incidents.Single();

        await Engine(steps: 1000).RetryIncidentAsync(id, incident.Id, "admin");

        var state = (await _store.LoadStateAsync(id, CancellationToken.None))!;
        Assert.AreEqual(InstanceStatus.Completed, state.Status);
        Assert.AreEqual(200, state.Scopes.Single().Variables["n"]!.GetValue<int>());
    }

    [TestMethod]
    public async Task CompleteTaskAsync_RunOverBudget_TaskStaysCompletedAndNextTokenStandsInIncident()
    {
        var engine = Engine(steps: 100);
        await engine.DeployAsync(CountingLoop(WaitFirst("""<bpmn:userTask id="Wait" />""")));
        var id = await engine.StartInstanceAsync("loop", Limit(1_000_000));
        var task = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = id })).Single();

        await engine.CompleteTaskAsync(task.Id, null, "clerk");

        var state = (await engine.GetStateAsync(id))!;
        Assert.IsEmpty(state.Tasks);
        var token = state.Tokens.Single();
        Assert.AreEqual("Count", token.NodeId);
        Assert.AreEqual(token.Id, state.Incidents.Single().TokenId);
    }

    [TestMethod]
    public async Task RunDueJobsAsync_TimerRunOverBudget_IncidentAndOtherInstancesGoOn()
    {
        var engine = Engine(steps: 100);
        await engine.DeployAsync(CountingLoop(WaitFirst("""
            <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            """)));
        var runaway = await engine.StartInstanceAsync("loop", Limit(1_000_000));
        var fine = await engine.StartInstanceAsync("loop", Limit(10));
        _clock.Advance(TimeSpan.FromHours(2));

        Assert.AreEqual(2, await engine.RunDueJobsAsync());

        var stuck = (await engine.GetStateAsync(runaway))!;
        Assert.IsEmpty(stuck.Jobs);
        Assert.AreEqual("Count", stuck.Incidents.Single().NodeId);
        Assert.AreEqual(InstanceStatus.Completed, (await engine.GetStateAsync(fine))!.Status);
    }

    [TestMethod]
    public async Task StartInstanceAsync_VariableOverLimit_RefusedAndNothingStored()
    {
        var engine = new ProcessEngine(_store, new EngineOptions { MaxVariableBytes = 1000 });
        await engine.DeployAsync(Bpmn.OneTask("p"));
        var id = Guid.NewGuid();

        var refused = await Assert.ThrowsExactlyAsync<EngineLimitExceededException>(() =>
            engine.StartInstanceAsync("p", new Dictionary<string, JsonNode?> { ["letter"] = new string('x', 1000) }, new StartOptions { InstanceId = id }));

        StringAssert.Contains(refused.Message, "'letter'");
        Assert.IsNull(await engine.GetStateAsync(id));
    }

    [TestMethod]
    public async Task CompleteTaskAsync_VariablesOverInstanceTotal_RefusedAndTaskStaysOpen()
    {
        var engine = new ProcessEngine(_store, new EngineOptions { MaxVariableBytes = 1000, MaxInstanceVariableBytes = 2500 });
        await engine.DeployAsync(Bpmn.OneTask("p"));
        var id = await engine.StartInstanceAsync("p", new Dictionary<string, JsonNode?> { ["a"] = new string('x', 900), ["b"] = new string('x', 900) });
        var task = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = id })).Single();

        await Assert.ThrowsExactlyAsync<EngineLimitExceededException>(() =>
            engine.CompleteTaskAsync(task.Id, new Dictionary<string, JsonNode?> { ["c"] = new string('x', 900) }, "clerk"));

        Assert.HasCount(1, (await engine.GetStateAsync(id))!.Tasks);
        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, JsonNode?> { ["a"] = new string('y', 900) }, "clerk");
        Assert.AreEqual(InstanceStatus.Completed, (await engine.GetStateAsync(id))!.Status);
    }

    [TestMethod]
    public async Task StartInstanceAsync_ScriptSetsVariableOverLimit_IncidentInsteadOfValue()
    {
        var engine = new ProcessEngine(_store, new EngineOptions { MaxVariableBytes = 1000 });
        await engine.DeployAsync(Bpmn.Process("p", """
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Big" />
            <bpmn:scriptTask id="Big" scriptFormat="application/feel"><bpmn:script>{ big: string join(for i in 1..200 return "0123456789") }</bpmn:script></bpmn:scriptTask>
            <bpmn:sequenceFlow id="F2" sourceRef="Big" targetRef="End" />
            <bpmn:endEvent id="End" />
            """));

        var id = await engine.StartInstanceAsync("p");

        var state = (await engine.GetStateAsync(id))!;
        StringAssert.Contains(state.Incidents.Single().Message, "'big'");
        Assert.IsFalse(state.Scopes.Single().Variables.ContainsKey("big"));
    }

    [TestMethod]
    public async Task CompleteTaskAsync_VariableOverHistoryPayloadLimit_HistoryElidesValueButKeepsName()
    {
        var engine = new ProcessEngine(_store, new EngineOptions { MaxHistoryPayloadBytes = 500 });
        await engine.DeployAsync(Bpmn.OneTask("p"));
        var id = await engine.StartInstanceAsync("p");
        var task = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = id })).Single();
        var letter = new string('x', 800);

        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, JsonNode?> { ["letter"] = letter }, "clerk");

        var set = (await engine.GetHistoryAsync(id)).Single(h => h.Kind == HistoryKind.VariableSet).Data!;
        Assert.AreEqual("letter", set["name"]!.GetValue<string>());
        Assert.IsNull(set["value"]);
        Assert.IsGreaterThan(800, set["elidedBytes"]!.GetValue<long>());
        Assert.AreEqual(letter, (await engine.GetStateAsync(id))!.Scopes.Single().Variables["letter"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task StartInstanceAsync_HistoryOverRunBudget_IncidentAndRunUndone()
    {
        var engine = new ProcessEngine(_store, new EngineOptions { MaxHistoryBytesPerCommand = 20_000 });
        await engine.DeployAsync(CountingLoop());

        var id = await engine.StartInstanceAsync("loop", Limit(1000));

        var state = (await engine.GetStateAsync(id))!;
        StringAssert.Contains(state.Incidents.Single().Message, "bytes of history");
        Assert.IsLessThan(5, (await engine.GetHistoryAsync(id)).Count);
    }

    [TestMethod]
    public async Task StartInstanceAsync_ThrownMessageOverJobPayloadLimit_IncidentAtTheThrow()
    {
        var engine = new ProcessEngine(_store, new EngineOptions { MaxJobPayloadBytes = 300 });
        await engine.DeployAsync(Bpmn.Definitions("m", """
            <bpmn:message id="Note" name="note" />
            <bpmn:process id="m" isExecutable="true">
              <bpmn:startEvent id="Start" />
              <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Send" />
              <bpmn:intermediateThrowEvent id="Send">
                <bpmn:extensionElements><tsunagu:correlation key="text" /><tsunagu:input name="text" expression="text" /></bpmn:extensionElements>
                <bpmn:messageEventDefinition messageRef="Note" />
              </bpmn:intermediateThrowEvent>
              <bpmn:sequenceFlow id="F2" sourceRef="Send" targetRef="End" />
              <bpmn:endEvent id="End" />
            </bpmn:process>
            """));

        var id = await engine.StartInstanceAsync("m", new Dictionary<string, JsonNode?> { ["text"] = new string('x', 400) });

        StringAssert.Contains((await engine.GetStateAsync(id))!.Incidents.Single().Message, "job payload");
    }
}
