using Tsunagu.Engine.Model;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Validation;

/// <summary>Pools and message flows.</summary>
internal static class CollaborationRules
{
    public static void Check(ValidationContext context)
    {
        foreach (var multiplicity in context.Root.Descendants(ValidationContext.Bpmn + "participantMultiplicity"))
        {
            var minimum = BpmnReader.Int(multiplicity, "minimum") ?? 0;
            var maximum = BpmnReader.Int(multiplicity, "maximum") ?? 1;
            if (minimum < 0 || maximum < 1 || maximum < minimum)
            {
                context.Add("EXT.029", multiplicity, $"participantMultiplicity needs 0 <= minimum <= maximum and maximum >= 1 (got {minimum}..{maximum}).");
            }
        }

        foreach (var collaboration in context.Definitions.Collaborations)
        {
            foreach (var flow in collaboration.MessageFlows)
            {
                CheckMessageFlow(context, collaboration, flow);
            }
        }
    }

    private static void CheckMessageFlow(ValidationContext context, Collaboration collaboration, MessageFlow flow)
    {
        var source = PoolOf(context, collaboration, flow.SourceRef);
        var target = PoolOf(context, collaboration, flow.TargetRef);
        if (source is not null && source == target)
        {
            context.Add("EXT.031", flow, "A message flow connects two different pools; within one pool use sequence flows.");
        }

        if (NodeOf(context, flow.SourceRef) is Event sender && (sender is not (IntermediateThrowEvent or EndEvent) || !HasMessage(sender)))
        {
            context.Add("EXT.102", flow, $"Message flow source '{sender.Id}' is an event that does not send a message.");
        }

        if (NodeOf(context, flow.TargetRef) is Event receiver && (receiver is not (StartEvent or IntermediateCatchEvent or BoundaryEvent) || !HasMessage(receiver)))
        {
            context.Add("EXT.103", flow, $"Message flow target '{receiver.Id}' is an event that does not receive a message.");
        }
    }

    private static bool HasMessage(Event e) => e.EventDefinitions.Any(d => d is MessageEventDefinition);

    private static FlowNode? NodeOf(ValidationContext context, string id) =>
        context.Definitions.Processes.Select(p => p.Nodes.GetValueOrDefault(id)).FirstOrDefault(n => n is not null);

    /// <summary>The participant a message flow end belongs to: the pool itself, or the pool of the node's process.</summary>
    private static string? PoolOf(ValidationContext context, Collaboration collaboration, string reference)
    {
        if (collaboration.Participants.FirstOrDefault(p => p.Id == reference) is { } pool)
        {
            return pool.Id;
        }

        var process = context.Definitions.Processes.FirstOrDefault(p => p.Nodes.ContainsKey(reference));
        return process is null ? null : collaboration.Participants.FirstOrDefault(p => p.ProcessRef == process.Id)?.Id;
    }
}
