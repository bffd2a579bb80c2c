using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Storage;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Engine.Tests.Commands;

[TestClass]
public sealed class TaskDueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryProcessStore _store = new();
    private ProcessEngine _engine = null!;

    [TestInitialize]
    public void Create() => _engine = new ProcessEngine(_store, new EngineOptions { Time = _clock });

    private static string WithDue(string expression) => Bpmn.Process("due", $"""
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:userTask id="Review" name="Review">
              <bpmn:extensionElements><tsunagu:due expression="{System.Security.SecurityElement.Escape(expression)}" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
            <bpmn:endEvent id="End" />
        """);

    private async Task<TaskRecord?> StartAsync(string expression, Dictionary<string, JsonNode?>? variables = null)
    {
        await _engine.DeployAsync(WithDue(expression));
        var instance = await _engine.StartInstanceAsync("due", variables);
        return (await _engine.QueryTasksAsync(new TaskQuery { InstanceId = instance })).SingleOrDefault();
    }

    [TestMethod]
    [DataRow("\"P3D\"", 3 * 24 * 60)]
    [DataRow("duration(\"PT90M\")", 90)]
    [DataRow("P14D", 14 * 24 * 60)]
    [DataRow("date and time(\"2026-04-02T09:00:00Z\")", 24 * 60)]
    public async Task UserTask_DueExpression_DueAtThatTime(string expression, int minutesAfterStart)
    {
        var task = await StartAsync(expression);

        Assert.AreEqual(T0.AddMinutes(minutesAfterStart), task!.DueAt);
    }

    [TestMethod]
    public async Task UserTask_DueFromVariable_DueAtTheVariablesDateAndTime()
    {
        var task = await StartAsync("reviewBy", new Dictionary<string, JsonNode?> { ["reviewBy"] = "2026-05-01T00:00:00+09:00" });

        Assert.AreEqual(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.FromHours(9)), task!.DueAt);
    }

    [TestMethod]
    public async Task UserTask_WithoutDue_HasNoDueDate()
    {
        await _engine.DeployAsync(Bpmn.OneTask("plain"));
        var instance = await _engine.StartInstanceAsync("plain");

        Assert.IsNull((await _engine.QueryTasksAsync(new TaskQuery { InstanceId = instance })).Single().DueAt);
    }

    [TestMethod]
    public async Task UserTask_DueNotATime_IncidentAndNoTask()
    {
        var task = await StartAsync("\"soon\"");

        Assert.IsNull(task);
        var incident = (await _engine.QueryIncidentsAsync()).Single();
        Assert.AreEqual("Review", incident.NodeId);
        StringAssert.Contains(incident.Message, "soon");
    }

    [TestMethod]
    public void Deploy_DueWithoutExpression_Refused()
    {
        var xml = WithDue("P1D").Replace("expression=\"P1D\"", "", StringComparison.Ordinal);

        Assert.ThrowsExactly<ModelParseException>(() => ProcessEngine.Validate(xml));
    }
}
