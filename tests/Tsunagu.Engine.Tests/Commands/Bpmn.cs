namespace Tsunagu.Engine.Tests.Commands;

/// <summary>Small inline process models in the shape bpmn-js writes, for command tests.</summary>
internal static class Bpmn
{
    public static string Process(string id, string body) => Definitions(id, $"""
          <bpmn:process id="{id}" isExecutable="true">
        {body}
          </bpmn:process>
        """);

    /// <summary>A document with several root elements (processes, messages).</summary>
    public static string Definitions(string id, string content) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xmlns:tsunagu="https://tsunagu.dev/schema/bpmn" id="Definitions_{id}" targetNamespace="https://tsunagu.dev/test">
        {content}
        </bpmn:definitions>
        """;

    /// <summary>start → user task <paramref name="task"/> → end.</summary>
    public static string OneTask(string id, string task = "Review") => Process(id, $"""
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="{task}" />
            <bpmn:userTask id="{task}" name="{task}" />
            <bpmn:sequenceFlow id="F2" sourceRef="{task}" targetRef="End" />
            <bpmn:endEvent id="End" />
        """);
}
