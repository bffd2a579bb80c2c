using Tsunagu.Engine.Model;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Tests.Parsing;

[TestClass]
public sealed class BpmnParserModelTests
{
    /// <summary>As bpmn-js saves it: bpmn: prefix, a collaboration of two pools, lanes, incoming/outgoing, DI.</summary>
    private const string BpmnJs = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
            xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:collaboration id="Collaboration_1">
            <bpmn:participant id="Pool_A" name="Applicant" processRef="Process_A" />
            <bpmn:participant id="Pool_B" name="Office" processRef="Process_B" />
            <bpmn:messageFlow id="Flow_M" sourceRef="Send_1" targetRef="Pool_B" />
          </bpmn:collaboration>
          <bpmn:process id="Process_A" isExecutable="true">
            <bpmn:laneSet id="LaneSet_1">
              <bpmn:lane id="Lane_1" name="Clerk"><bpmn:flowNodeRef>Start_1</bpmn:flowNodeRef><bpmn:flowNodeRef>Send_1</bpmn:flowNodeRef></bpmn:lane>
              <bpmn:lane id="Lane_2" name="Boss"><bpmn:flowNodeRef>End_1</bpmn:flowNodeRef></bpmn:lane>
            </bpmn:laneSet>
            <bpmn:startEvent id="Start_1"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:task id="Send_1" name="Send"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:task>
            <bpmn:endEvent id="End_1"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Start_1" targetRef="Send_1" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Send_1" targetRef="End_1" />
          </bpmn:process>
          <bpmn:process id="Process_B" isExecutable="false" />
          <bpmndi:BPMNDiagram id="BPMNDiagram_1">
            <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">
              <bpmndi:BPMNShape id="Send_1_di" bpmnElement="Send_1"><dc:Bounds x="270" y="80" width="100" height="80" /></bpmndi:BPMNShape>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    [TestMethod]
    public void Parse_BpmnJsCollaboration_ReadsPoolsLanesFlowsAndKeepsDi()
    {
        var definitions = BpmnParser.Parse(BpmnJs);

        var collaboration = definitions.Collaborations.Single();
        Assert.AreEqual("Process_A,Process_B", string.Join(",", collaboration.Participants.Select(p => p.ProcessRef)));
        Assert.AreEqual("Pool_B", collaboration.MessageFlows.Single().TargetRef);
        var process = definitions.FindProcess("Process_A")!;
        Assert.IsTrue(process.IsExecutable);
        Assert.AreEqual("Start_1,Send_1", string.Join(",", process.Lanes[0].FlowNodeRefs));
        var send = process.Nodes["Send_1"];
        Assert.IsInstanceOfType<AbstractTask>(send);
        Assert.AreEqual("Flow_1", string.Join(",", send.Incoming));
        Assert.AreEqual("Flow_2", string.Join(",", send.Outgoing));
        Assert.AreEqual("Process_A", send.ParentId);
        Assert.AreEqual(15, send.Line);
        var shape = definitions.Document.Descendants().Single(e => e.Name.LocalName == "BPMNShape");
        Assert.AreEqual("Send_1", (string?)shape.Attribute("bpmnElement"));
    }

    [TestMethod]
    public void Parse_SameModelReformatted_KeepsVersionHash()
    {
        var compact = BpmnParser.Parse(Models.Process("<task id=\"t\" name=\"T\"/>"));
        var spread = BpmnParser.Parse(Models.Process("\n  <task name=\"T\"   id=\"t\" />\n  <!-- note -->\n"));
        var renamed = BpmnParser.Parse(Models.Process("<task id=\"t\" name=\"U\"/>"));

        Assert.AreEqual(compact.VersionHash, spread.VersionHash);
        Assert.AreNotEqual(compact.VersionHash, renamed.VersionHash);
        StringAssert.StartsWith(compact.VersionHash, "sha256:");
    }

    [TestMethod]
    public void Parse_NestedSubProcess_PutsChildrenInNodesWithParent()
    {
        var definitions = BpmnParser.Parse(Models.Process("""
            <subProcess id="sub"><startEvent id="inner"/><subProcess id="deep" triggeredByEvent="true"><startEvent id="deepStart"><signalEventDefinition signalRef="s"/></startEvent></subProcess></subProcess>
            """));

        var process = definitions.Processes[0];
        Assert.AreEqual("sub", string.Join(",", process.TopLevelNodeIds));
        Assert.AreEqual("sub", process.Nodes["inner"].ParentId);
        Assert.IsTrue(((SubProcess)process.Nodes["deep"]).TriggeredByEvent);
        Assert.AreEqual("deep", process.Nodes["deepStart"].ParentId);
    }

    [TestMethod]
    public void Parse_EventDefinitions_ReadsEachKindAndResolvesEventDefinitionRef()
    {
        var definitions = BpmnParser.Parse(Models.Process(
            """
            <intermediateCatchEvent id="timer"><timerEventDefinition><timeDuration xsi:type="tFormalExpression">PT5M</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <boundaryEvent id="err" attachedToRef="t" cancelActivity="false"><errorEventDefinition/></boundaryEvent>
            <endEvent id="multi"><eventDefinitionRef>shared</eventDefinitionRef><terminateEventDefinition/></endEvent>
            <task id="t"/>
            """,
            """<escalation id="esc" escalationCode="E1"/><escalationEventDefinition id="shared" escalationRef="esc"/>"""));

        var nodes = definitions.Processes[0].Nodes;
        Assert.AreEqual("PT5M", ((TimerEventDefinition)((Event)nodes["timer"]).EventDefinitions.Single()).TimeDuration!.Text);
        var boundary = (BoundaryEvent)nodes["err"];
        Assert.IsFalse(boundary.CancelActivity);
        Assert.IsNull(((ErrorEventDefinition)boundary.EventDefinitions.Single()).ErrorRef);
        var multi = ((Event)nodes["multi"]).EventDefinitions;
        Assert.AreEqual("esc", ((EscalationEventDefinition)multi[0]).EscalationRef);
        Assert.IsInstanceOfType<TerminateEventDefinition>(multi[1]);
        Assert.AreEqual("E1", definitions.Escalations.Single().EscalationCode);
    }

    [TestMethod]
    public void Parse_LoopCharacteristics_ReadsStandardAndMultiInstance()
    {
        var definitions = BpmnParser.Parse(Models.Process($"""
            <task id="loop"><standardLoopCharacteristics testBefore="true" loopMaximum="5">{Models.Expr("loopCondition", "n &lt; 3")}</standardLoopCharacteristics></task>
            <task id="mi"><multiInstanceLoopCharacteristics isSequential="true">
              <extensionElements><tsunagu:multiInstance inputCollection="orders" inputElement="order" outputCollection="results" outputElement="order.total"/></extensionElements>
              {Models.Expr("completionCondition", "done")}
            </multiInstanceLoopCharacteristics></task>
            """));

        var loop = (StandardLoopCharacteristics)((Activity)definitions.Processes[0].Nodes["loop"]).LoopCharacteristics!;
        Assert.IsTrue(loop.TestBefore);
        Assert.AreEqual(5, loop.LoopMaximum);
        Assert.AreEqual("n < 3", loop.LoopCondition!.Text);
        var multi = (MultiInstanceLoopCharacteristics)((Activity)definitions.Processes[0].Nodes["mi"]).LoopCharacteristics!;
        Assert.IsTrue(multi.IsSequential);
        Assert.AreEqual("orders", multi.InputCollection);
        Assert.AreEqual("order", multi.InputElement);
        Assert.AreEqual("results", multi.OutputCollection);
        Assert.AreEqual("order.total", multi.OutputElement);
        Assert.AreEqual("done", multi.CompletionCondition!.Text);
    }
}
