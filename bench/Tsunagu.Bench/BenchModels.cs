namespace Tsunagu.Bench;

/// <summary>The small models of the scheduling benchmarks: start → a timer → one next element (id "After") → end.</summary>
internal static class BenchModels
{
    /// <param name="timer">The timer's definition, e.g. <c>&lt;bpmn:timeDuration …&gt;PT1S&lt;/bpmn:timeDuration&gt;</c>.</param>
    /// <param name="after">The element after the timer, with id "After" (a user task, a service task with its handler).</param>
    public static string TimerThen(string processKey, string timer, string after) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tsunagu="https://tsunagu.dev/schema/bpmn" id="D" targetNamespace="https://tsunagu.dev/bench">
          <bpmn:process id="{processKey}" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Timer" />
            <bpmn:intermediateCatchEvent id="Timer">
              <bpmn:timerEventDefinition>{timer}</bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="F2" sourceRef="Timer" targetRef="After" />
            {after}
            <bpmn:sequenceFlow id="F3" sourceRef="After" targetRef="End" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
