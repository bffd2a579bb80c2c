using System.Text.Json.Nodes;

namespace Tsunagu.Engine.Tests.Commands;

[TestClass]
public sealed class ThrownMessageTests
{
    /// <summary>waiter: receive task correlated by orderId → user task; sender: throws the message for its orderId with a note.</summary>
    private static readonly string Model = Bpmn.Definitions("messages", """
          <bpmn:process id="waiter" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Receive" />
            <bpmn:receiveTask id="Receive" messageRef="Shipped">
              <bpmn:extensionElements><tsunagu:correlation key="orderId"/></bpmn:extensionElements>
            </bpmn:receiveTask>
            <bpmn:sequenceFlow id="F2" sourceRef="Receive" targetRef="Done" />
            <bpmn:userTask id="Done" />
            <bpmn:sequenceFlow id="F3" sourceRef="Done" targetRef="End" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
          <bpmn:process id="sender" isExecutable="true">
            <bpmn:startEvent id="SendStart" />
            <bpmn:sequenceFlow id="S1" sourceRef="SendStart" targetRef="Send" />
            <bpmn:intermediateThrowEvent id="Send">
              <bpmn:extensionElements>
                <tsunagu:correlation key="orderId"/>
                <tsunagu:input name="note" expression="note"/>
              </bpmn:extensionElements>
              <bpmn:messageEventDefinition id="SendDef" messageRef="Shipped" />
            </bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="S2" sourceRef="Send" targetRef="SendEnd" />
            <bpmn:endEvent id="SendEnd" />
          </bpmn:process>
          <bpmn:message id="Shipped" name="shipped" />
        """);

    [TestMethod]
    public async Task ThrownMessage_GoesToTheCorrelatedInstance_WithOnlyItsMappedVariables()
    {
        var engine = new ProcessEngine(new Storage.InMemoryProcessStore());
        await engine.DeployAsync(Model);
        var a = await engine.StartInstanceAsync("waiter", new Dictionary<string, JsonNode?> { ["orderId"] = "A" });
        var b = await engine.StartInstanceAsync("waiter", new Dictionary<string, JsonNode?> { ["orderId"] = "B" });

        await engine.StartInstanceAsync("sender", new Dictionary<string, JsonNode?> { ["orderId"] = "B", ["note"] = "boxed", ["secret"] = "x" });

        Assert.IsEmpty(await engine.QueryTasksAsync(new Storage.TaskQuery { InstanceId = a }));
        Assert.HasCount(1, await engine.QueryTasksAsync(new Storage.TaskQuery { InstanceId = b }));
        var variables = (await engine.GetStateAsync(b))!.Scopes.Single(s => s.ParentScopeId is null).Variables;
        Assert.AreEqual("boxed", variables["note"]!.GetValue<string>());
        Assert.IsFalse(variables.ContainsKey("secret"));
    }

    [TestMethod]
    [DataRow("alpha", "a")]
    [DataRow("beta", "b")]
    public async Task CorrelateMessageAsync_TwoDocumentsReuseAMessageId_EachStartsOnItsOwnName(string message, string started)
    {
        var engine = new ProcessEngine(new Storage.InMemoryProcessStore());
        await engine.DeployAsync(MessageStart("a", "alpha"));
        await engine.DeployAsync(MessageStart("b", "beta"));

        Assert.IsTrue(await engine.CorrelateMessageAsync(message, null));

        Assert.AreEqual(started, (await engine.QueryTasksAsync(new Storage.TaskQuery())).Single().ProcessKey);
    }

    /// <summary>A process started by message <c>Msg</c>, named <paramref name="name"/> in its own document.</summary>
    private static string MessageStart(string id, string name) => Bpmn.Definitions(id, $"""
          <bpmn:process id="{id}" isExecutable="true">
            <bpmn:startEvent id="Start">
              <bpmn:extensionElements><tsunagu:correlation key="caseId"/></bpmn:extensionElements>
              <bpmn:messageEventDefinition id="StartDef" messageRef="Msg" />
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
            <bpmn:userTask id="Work" />
            <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
          <bpmn:message id="Msg" name="{name}" />
        """);
}
