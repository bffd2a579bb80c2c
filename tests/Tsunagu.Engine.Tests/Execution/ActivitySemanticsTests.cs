using System.Text.Json.Nodes;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Tests.Execution;

[TestClass]
public sealed class ActivitySemanticsTests
{
    [TestMethod]
    public async Task MultiInstanceParallel_Collection_CollectsOutputsInItemOrder()
    {
        var harness = await EngineHarness.DeployAsync("multi-instance.bpmn");

        var id = await harness.StartAsync("parallelItems", ("items", new JsonArray(1, 2, 3)));

        var root = (await harness.StateAsync(id)).Scopes.Single(s => s.ParentScopeId is null);
        Assert.AreEqual("[2,4,6]", root.Variables["doubled"]!.ToJsonString());
        await harness.AssertOpenTasksAsync(id, "done");
    }

    [TestMethod]
    public async Task MultiInstanceSequential_CompletionCondition_StopsAfterTwoOfThree()
    {
        var harness = await EngineHarness.DeployAsync("multi-instance.bpmn");
        var id = await harness.StartAsync("sequentialItems", ("voters", new JsonArray("ann", "bob", "cy")));

        await harness.AssertOpenTasksAsync(id, "vote");
        await harness.CompleteAsync(id, "vote", ("approved", true));
        await harness.AssertOpenTasksAsync(id, "vote");
        await harness.CompleteAsync(id, "vote", ("approved", false));

        await harness.AssertOpenTasksAsync(id, "tally");
        var root = (await harness.StateAsync(id)).Scopes.Single(s => s.ParentScopeId is null);
        Assert.AreEqual("[true,false,null]", root.Variables["votes"]!.ToJsonString());
    }

    [TestMethod]
    public async Task AdHocSubProcess_Sequential_RunsActivitiesInOrderUntilTheConditionHolds()
    {
        var harness = await EngineHarness.DeployAsync("ad-hoc.bpmn");
        var id = await harness.StartAsync("adHoc", ("enough", false));

        await harness.AssertOpenTasksAsync(id, "first");
        await harness.CompleteAsync(id, "first");
        await harness.AssertOpenTasksAsync(id, "second");
        await harness.CompleteAsync(id, "second", ("enough", true));

        await harness.AssertOpenTasksAsync(id, "after");
    }

    [TestMethod]
    public async Task ServiceTask_FailsTwiceThenSucceeds_RetriesWithDoublingBackoff()
    {
        var handler = new FlakyHandler(failures: 2);
        var harness = await EngineHarness.DeployAsync("service-retry.bpmn", new Dictionary<string, IServiceTaskHandler> { ["flaky"] = handler });
        var id = await harness.StartAsync("serviceRetry");

        await harness.AdvanceAsync(TimeSpan.FromSeconds(59));
        Assert.AreEqual(1, handler.Calls);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.AreEqual(2, handler.Calls);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.AreEqual(3, handler.Calls);
        await harness.AssertOpenTasksAsync(id, "next");
        Assert.IsEmpty((await harness.StateAsync(id)).Incidents);
    }

    [TestMethod]
    public async Task ServiceTask_AlwaysFailing_RaisesAnIncidentThatRetryResumes()
    {
        var handler = new FlakyHandler(failures: 3);
        var harness = await EngineHarness.DeployAsync("service-retry.bpmn", new Dictionary<string, IServiceTaskHandler> { ["flaky"] = handler });
        var id = await harness.StartAsync("serviceRetry");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(3));

        var incident = (await harness.StateAsync(id)).Incidents.Single();
        Assert.AreEqual("call", incident.NodeId);
        await harness.Engine.RetryIncidentAsync(id, incident.Id, "admin");

        Assert.AreEqual(4, handler.Calls);
        await harness.AssertOpenTasksAsync(id, "next");
        var resolved = (await harness.HistoryAsync(id, HistoryKind.IncidentResolved)).Single();
        Assert.AreEqual("admin", resolved.Actor);
    }

    [TestMethod]
    public async Task History_UserTaskRun_RecordsActivitiesVariablesTaskLifecycleAndIncidentsWithActorAndTime()
    {
        var handler = new FlakyHandler(failures: 3);
        var harness = await EngineHarness.DeployAsync("service-retry.bpmn", new Dictionary<string, IServiceTaskHandler> { ["flaky"] = handler });
        var id = await harness.StartAsync("serviceRetry");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(3));
        var incident = (await harness.StateAsync(id)).Incidents.Single();
        await harness.Engine.RetryIncidentAsync(id, incident.Id, "admin");
        await harness.CompleteAsync(id, "next", ("decision", "ok"));

        var history = await harness.Engine.GetHistoryAsync(id);

        Assert.IsTrue(history.Any(h => h.Kind == HistoryKind.ActivityStarted && h.NodeId == "call"));
        Assert.IsTrue(history.Any(h => h.Kind == HistoryKind.ActivityCompleted && h.NodeId == "call"));
        Assert.IsTrue(history.Any(h => h.Kind == HistoryKind.TaskCreated && h.NodeId == "next"));
        var created = history.Single(h => h.Kind == HistoryKind.IncidentCreated);
        Assert.AreEqual("scheduler", created.Actor);
        Assert.AreEqual(EngineHarness.Epoch.AddMinutes(3), created.At);
        var completed = history.Single(h => h.Kind == HistoryKind.TaskCompleted);
        Assert.AreEqual("clerk", completed.Actor);
        Assert.IsTrue(history.Any(h => h.Kind == HistoryKind.VariableSet && h.Actor == "clerk" && h.Data!["name"]!.GetValue<string>() == "decision"));
        Assert.AreEqual(HistoryKind.InstanceCompleted, history[^1].Kind);
    }

    /// <summary>Fails the first <c>failures</c> calls, then succeeds.</summary>
    private sealed class FlakyHandler(int failures) : IServiceTaskHandler
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            Calls++;
            return Calls <= failures
                ? throw new InvalidOperationException($"Service unavailable (call {Calls}).")
                : Task.FromResult<IReadOnlyDictionary<string, JsonNode?>?>(null);
        }
    }
}
