using System.Xml.Linq;
using Tsunagu.Engine.Model;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Engine.Parsing;

internal sealed partial class BpmnReader
{
    private Event ReadEvent(XElement e, string kind, string parentId)
    {
        var id = RequiredId(e);
        Event node = kind switch
        {
            "startEvent" => new StartEvent
            {
                Id = id,
                ParentId = parentId,
                IsInterrupting = Bool(e, "isInterrupting", true),
                ParallelMultiple = Bool(e, "parallelMultiple", false),
            },
            "endEvent" => new EndEvent { Id = id, ParentId = parentId },
            "intermediateCatchEvent" => new IntermediateCatchEvent { Id = id, ParentId = parentId, ParallelMultiple = Bool(e, "parallelMultiple", false) },
            "intermediateThrowEvent" => new IntermediateThrowEvent { Id = id, ParentId = parentId },
            _ => new BoundaryEvent
            {
                Id = id,
                ParentId = parentId,
                AttachedToRef = RequiredAttr(e, "attachedToRef"),
                CancelActivity = Bool(e, "cancelActivity", true),
                ParallelMultiple = Bool(e, "parallelMultiple", false),
            },
        };
        return node with
        {
            EventDefinitions = ReadEventDefinitions(e),
            DataItems = [.. ReadDataItems(e, "dataInput"), .. ReadDataItems(e, "dataOutput")],
        };
    }

    /// <summary>The inline definitions and those named by <c>eventDefinitionRef</c>, in document order.</summary>
    private List<EventDefinition> ReadEventDefinitions(XElement e)
    {
        var definitions = new List<EventDefinition>();
        foreach (var child in e.Elements().Where(c => c.Name.Namespace == Bpmn))
        {
            if (child.Name.LocalName == "eventDefinitionRef")
            {
                var reference = Text(child) ?? throw ModelParseException.At(child, "Empty eventDefinitionRef.");
                var target = _rootEventDefinitions.GetValueOrDefault(reference)
                    ?? throw ModelParseException.At(child, $"eventDefinitionRef '{reference}' names no root-level event definition.");
                definitions.Add(ReadEventDefinition(target)!);
            }
            else if (ReadEventDefinition(child) is { } definition)
            {
                definitions.Add(definition);
            }
        }

        return definitions;
    }

    private static EventDefinition? ReadEventDefinition(XElement e)
    {
        EventDefinition? definition = e.Name.LocalName switch
        {
            "timerEventDefinition" => new TimerEventDefinition
            {
                TimeDate = Expression(Child(e, "timeDate")),
                TimeDuration = Expression(Child(e, "timeDuration")),
                TimeCycle = Expression(Child(e, "timeCycle")),
            },
            "messageEventDefinition" => new MessageEventDefinition
            {
                MessageRef = Attr(e, "messageRef"),
                OperationRef = ChildText(e, "operationRef") ?? Attr(e, "operationRef"),
            },
            "signalEventDefinition" => new SignalEventDefinition { SignalRef = Attr(e, "signalRef") },
            "errorEventDefinition" => new ErrorEventDefinition { ErrorRef = Attr(e, "errorRef") },
            "escalationEventDefinition" => new EscalationEventDefinition { EscalationRef = Attr(e, "escalationRef") },
            "terminateEventDefinition" => new TerminateEventDefinition(),
            "cancelEventDefinition" => new CancelEventDefinition(),
            "linkEventDefinition" => new LinkEventDefinition { Name = Attr(e, "name") },
            "compensateEventDefinition" => new CompensateEventDefinition
            {
                ActivityRef = Attr(e, "activityRef"),
                WaitForCompletion = Bool(e, "waitForCompletion", true),
            },
            "conditionalEventDefinition" => new ConditionalEventDefinition { Condition = Expression(Child(e, "condition")) },
            _ => null,
        };
        if (definition is null)
        {
            return null;
        }

        var (line, column) = Position(e);
        return definition with { Id = Attr(e, "id"), Line = line, Column = column };
    }
}
