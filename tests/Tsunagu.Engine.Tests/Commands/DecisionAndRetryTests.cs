using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Conformance.Betsy;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Storage;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Tests.Commands;

[TestClass]
public sealed class DecisionAndRetryTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));

    private static string OneNode(string node) => Bpmn.Process("p", $"""
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
            {node}
            <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />
            <bpmn:endEvent id="End" />
        """);

    [TestMethod]
    [DataRow("""<bpmn:businessRuleTask id="Work"><bpmn:extensionElements><tsunagu:decision ref="grade"/></bpmn:extensionElements></bpmn:businessRuleTask>""")]
    [DataRow("""<bpmn:userTask id="Work"><bpmn:extensionElements><tsunagu:assignment decision="grade"/></bpmn:extensionElements></bpmn:userTask>""")]
    public async Task StartInstanceAsync_DecisionCannotBeEvaluated_IncidentOnTheToken(string node)
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Decisions = new BrokenDecisions() });
        await engine.DeployAsync(OneNode(node));

        var id = await engine.StartInstanceAsync("p");

        var incident = (await engine.GetStateAsync(id))!.Incidents.Single();
        Assert.AreEqual("Work", incident.NodeId);
        Assert.AreEqual("input is not a FEEL value", incident.Message);
    }

    [TestMethod]
    public async Task RunDueJobsAsync_ManyRetryAttempts_BackoffStaysWithinADay()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = _clock, Handlers = new Dictionary<string, IServiceTaskHandler> { ["down"] = new DownHandler() } });
        await engine.DeployAsync(OneNode("""<bpmn:serviceTask id="Work"><bpmn:extensionElements><tsunagu:handler name="down"/><tsunagu:retry attempts="100" backoff="PT10S"/></bpmn:extensionElements></bpmn:serviceTask>"""));
        var id = await engine.StartInstanceAsync("p");

        for (var attempt = 1; attempt < 60; attempt++)
        {
            var retry = (await engine.GetStateAsync(id))!.Jobs.Single();
            Assert.IsLessThanOrEqualTo(TimeSpan.FromDays(1), retry.DueAt - _clock.GetUtcNow(), $"attempt {attempt}");
            _clock.SetUtcNow(retry.DueAt);
            await engine.RunDueJobsAsync();
        }

        Assert.IsEmpty((await engine.GetStateAsync(id))!.Incidents);
    }

    [TestMethod]
    public async Task StartInstanceAsync_HandlersOwnTimeout_RetriedNotThrown()
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { Time = _clock, Handlers = new Dictionary<string, IServiceTaskHandler> { ["slow"] = new TimingOutHandler() } });
        await engine.DeployAsync(OneNode("""<bpmn:serviceTask id="Work"><bpmn:extensionElements><tsunagu:handler name="slow"/><tsunagu:retry attempts="3" backoff="PT10S"/></bpmn:extensionElements></bpmn:serviceTask>"""));

        var id = await engine.StartInstanceAsync("p");

        var retry = (await engine.GetStateAsync(id))!.Jobs.Single();
        Assert.AreEqual(_clock.GetUtcNow().AddSeconds(10), retry.DueAt);
    }

    [TestMethod]
    [DataRow("""<bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">4</bpmn:loopCardinality>""")]
    [DataRow("""<bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">2147483647</bpmn:loopCardinality>""")]
    public async Task StartInstanceAsync_MoreMultiInstanceItemsThanAllowed_IncidentInsteadOfItems(string loop)
    {
        var engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions { MaxMultiInstanceItems = 3 });
        await engine.DeployAsync(OneNode($"""<bpmn:userTask id="Work"><bpmn:multiInstanceLoopCharacteristics>{loop}</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>"""));

        var id = await engine.StartInstanceAsync("p");

        var state = (await engine.GetStateAsync(id))!;
        Assert.AreEqual("Multi-instance 'Work' has more than 3 items.", state.Incidents.Single().Message);
        Assert.IsEmpty(state.Tasks);
    }

    private sealed class BrokenDecisions : IDecisionService
    {
        public DecisionOutcome Evaluate(string? modelKey, string decision, FeelContext inputs) => throw new DmnEvaluationException("input is not a FEEL value");
    }

    /// <summary>A handler whose HTTP call timed out: HttpClient reports that as a TaskCanceledException of its own.</summary>
    private sealed class TimingOutHandler : IServiceTaskHandler
    {
        public Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken) =>
            throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.");
    }

    private sealed class DownHandler : IServiceTaskHandler
    {
        public Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Service unavailable.");
    }
}
