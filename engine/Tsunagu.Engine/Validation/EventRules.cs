using Tsunagu.Engine.Model;

namespace Tsunagu.Engine.Validation;

/// <summary>Which triggers each kind of event may have, and where (spec tables 10.84–10.93).</summary>
internal static class EventRules
{
    public static void Check(ValidationContext context)
    {
        foreach (var process in context.Definitions.Processes)
        {
            foreach (var node in process.Nodes.Values.OfType<Event>())
            {
                var scope = process.Nodes.GetValueOrDefault(node.ParentId) as SubProcess;
                CheckTriggers(context, process, node, scope);
                CheckTimers(context, node);
                CheckThrownEscalations(context, node);
                CheckMessageOperations(context, process, node);
            }
        }
    }

    private static void CheckTriggers(ValidationContext context, ProcessDefinition process, Event node, SubProcess? scope)
    {
        var kinds = node.EventDefinitions.Select(d => d.GetType()).ToList();
        bool Has<T>() => kinds.Contains(typeof(T));
        switch (node)
        {
            case StartEvent start when scope is { TriggeredByEvent: true }:
                if (kinds.Count == 0 || Has<CancelEventDefinition>() || Has<LinkEventDefinition>() || Has<TerminateEventDefinition>())
                {
                    context.Add("EXT.059", node, "The start event of an event subprocess needs a trigger: message, timer, conditional, signal, error, escalation or compensation.");
                }
                else if (!start.IsInterrupting && (Has<ErrorEventDefinition>() || Has<CompensateEventDefinition>()))
                {
                    context.Add("EXT.059", node, "Error and compensation start events of an event subprocess are always interrupting.");
                }

                break;
            case StartEvent when scope is not null:
                if (kinds.Count > 0)
                {
                    context.Add("EXT.100", node, "The start event of an embedded subprocess must be a none start event: the subprocess starts when a token arrives.");
                }

                break;
            case StartEvent:
                if (Has<CancelEventDefinition>() || Has<CompensateEventDefinition>() || Has<ErrorEventDefinition>()
                    || Has<EscalationEventDefinition>() || Has<LinkEventDefinition>() || Has<TerminateEventDefinition>())
                {
                    context.Add("EXT.098", node, "A process start event can only be none, message, timer, conditional or signal (error, escalation and compensation start only event subprocesses).");
                }

                break;
            case EndEvent:
                if (Has<ConditionalEventDefinition>() || Has<LinkEventDefinition>() || Has<TimerEventDefinition>())
                {
                    context.Add("EXT.146", node, "An end event cannot wait: conditional, link and timer triggers are not allowed.");
                }

                if (Has<CancelEventDefinition>() && scope is not Transaction)
                {
                    context.Add("EXT.106", node, "A cancel end event is only allowed inside a transaction.");
                }

                break;
            case IntermediateCatchEvent:
                if (kinds.Count == 0 || Has<CancelEventDefinition>() || Has<CompensateEventDefinition>() || Has<ErrorEventDefinition>()
                    || Has<EscalationEventDefinition>() || Has<TerminateEventDefinition>())
                {
                    context.Add("EXT.148", node, "An intermediate catch event must be message, timer, conditional, link or signal.");
                }

                break;
            case IntermediateThrowEvent:
                if (Has<CancelEventDefinition>() || Has<ConditionalEventDefinition>() || Has<ErrorEventDefinition>()
                    || Has<TerminateEventDefinition>() || Has<TimerEventDefinition>())
                {
                    context.Add("EXT.149", node, "An intermediate throw event can only be none, message, escalation, compensation, link or signal.");
                }

                break;
            case BoundaryEvent boundary:
                CheckBoundary(context, process, boundary, kinds);
                break;
        }
    }

    private static void CheckBoundary(ValidationContext context, ProcessDefinition process, BoundaryEvent boundary, List<Type> kinds)
    {
        bool Has<T>() => kinds.Contains(typeof(T));
        if (kinds.Count == 0 || Has<LinkEventDefinition>() || Has<TerminateEventDefinition>())
        {
            context.Add("EXT.110", boundary, "A boundary event needs a trigger other than link or terminate.");
        }
        else if (!boundary.CancelActivity && (Has<CancelEventDefinition>() || Has<CompensateEventDefinition>() || Has<ErrorEventDefinition>()))
        {
            context.Add("EXT.147", boundary, "Cancel, compensation and error boundary events always interrupt (cancelActivity must be true).");
        }

        var attached = process.Nodes.GetValueOrDefault(boundary.AttachedToRef);
        if (attached is not null and not Activity)
        {
            context.Add("EXT.111", boundary, $"attachedToRef '{boundary.AttachedToRef}' is not an activity.");
        }

        if (Has<CancelEventDefinition>() && attached is not Transaction)
        {
            context.Add("EXT.111", boundary, "A cancel boundary event can only be attached to a transaction.");
        }

        if (boundary.Incoming.Count > 0)
        {
            context.Add("EXT.112", boundary, "A boundary event cannot have incoming sequence flows.");
        }

        if (Has<CompensateEventDefinition>())
        {
            CheckCompensationBoundary(context, process, boundary);
        }
        else if (boundary.Outgoing.Count == 0)
        {
            context.Add("EXT.113", boundary, "A boundary event needs an outgoing sequence flow.");
        }
    }

    /// <summary>A compensation boundary event leads, by an association rather than a flow, to its compensation handler.</summary>
    private static void CheckCompensationBoundary(ValidationContext context, ProcessDefinition process, BoundaryEvent boundary)
    {
        if (boundary.Outgoing.Count > 0)
        {
            context.Add("EXT.114", boundary, "A compensation boundary event cannot have outgoing sequence flows; it is associated with its handler.");
        }

        var handlers = context.Root.Descendants(ValidationContext.Bpmn + "association")
            .Where(a => (string?)a.Attribute("sourceRef") == boundary.Id)
            .Select(a => process.Nodes.GetValueOrDefault((string?)a.Attribute("targetRef") ?? ""))
            .ToList();
        if (handlers.Count == 0)
        {
            context.Add("EXT.143", boundary, "A compensation boundary event needs an association to its compensation handler.");
        }
        else if (handlers.Any(h => h is not Activity { IsForCompensation: true }))
        {
            context.Add("EXT.144", boundary, "The handler associated with a compensation boundary event must be an activity with isForCompensation=\"true\".");
        }
    }

    private static void CheckThrownEscalations(ValidationContext context, Event node)
    {
        if (node is not (EndEvent or IntermediateThrowEvent))
        {
            return;
        }

        foreach (var escalation in node.EventDefinitions.OfType<EscalationEventDefinition>())
        {
            var target = context.Definitions.Escalations.FirstOrDefault(e => e.Id == escalation.EscalationRef);
            if (target?.EscalationCode is null)
            {
                context.Add("EXT.011", node.Id, escalation.Line, escalation.Column, "A thrown escalation must reference an escalation with an escalationCode, which catchers match on.");
            }
        }
    }

    /// <summary>The spec requires an operationRef on message events of executable processes; a Tsunagu catch event may correlate with tsunagu:correlation instead.</summary>
    private static void CheckMessageOperations(ValidationContext context, ProcessDefinition process, Event node)
    {
        if (!process.IsExecutable || node.Extensions.CorrelationKey is not null)
        {
            return;
        }

        foreach (var message in node.EventDefinitions.OfType<MessageEventDefinition>().Where(m => m.OperationRef is null))
        {
            context.Add("EXT.128", node.Id, message.Line, message.Column, "A message event of an executable process names the operation it implements (operationRef) or, when catching, a tsunagu:correlation key.");
        }
    }

    private static void CheckTimers(ValidationContext context, Event node)
    {
        foreach (var timer in node.EventDefinitions.OfType<TimerEventDefinition>())
        {
            var values = new[] { timer.TimeDate, timer.TimeDuration, timer.TimeCycle }.Count(v => v is not null);
            if (values == 0)
            {
                context.Add("TSU.TimerWithoutValue", node.Id, timer.Line, timer.Column, "The timer has no timeDate, timeDuration or timeCycle.");
            }
            else if (values > 1)
            {
                context.Add("EXT.131", node.Id, timer.Line, timer.Column, "A timer has exactly one of timeDate, timeDuration and timeCycle.");
            }
        }
    }
}
