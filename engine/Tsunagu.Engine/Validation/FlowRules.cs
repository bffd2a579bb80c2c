using Tsunagu.Engine.Model;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Validation;

/// <summary>Sequence flows, gateways and the shape of each scope.</summary>
internal static class FlowRules
{
    public static void Check(ValidationContext context)
    {
        foreach (var process in context.Definitions.Processes)
        {
            foreach (var flow in process.SequenceFlows.Values)
            {
                CheckFlow(context, process, flow);
            }

            foreach (var node in process.Nodes.Values)
            {
                CheckListedFlows(context, process, node);
                CheckDefault(context, process, node);
                CheckConditions(context, process, node);
                if (node is Gateway gateway)
                {
                    GatewayRules.Check(context, process, gateway);
                }
            }

            ScopeRules.Check(context, process);
        }
    }

    private static void CheckFlow(ValidationContext context, ProcessDefinition process, SequenceFlow flow)
    {
        foreach (var end in new[] { flow.SourceRef, flow.TargetRef })
        {
            if (process.Nodes.TryGetValue(end, out var node) && node.ParentId != flow.ParentId)
            {
                context.Add("EXT.028", flow, $"Sequence flow '{flow.Id}' connects '{end}', which is not in the same process or subprocess as the flow.");
            }
            else if (!process.Nodes.ContainsKey(end) && context.Find(end) is { } other && BpmnKinds.FlowNodes.Contains(other.Name.LocalName))
            {
                context.Add("EXT.028", flow, $"Sequence flow '{flow.Id}' connects '{end}' in another process; use a message flow between pools.");
            }
        }

        if (flow.ConditionExpression is not null && process.Nodes.GetValueOrDefault(flow.SourceRef) is ParallelGateway)
        {
            // BPMN 2.0 (13.3.2) and Camunda ignore them: every outgoing flow of a parallel gateway is taken.
            context.Warn("TSU.ParallelCondition", flow, $"The condition of '{flow.Id}' is ignored: a parallel gateway takes every outgoing flow.");
        }
        else if (flow.ConditionExpression is not null && process.Nodes.GetValueOrDefault(flow.SourceRef) is { } source
            && source is not (Activity or ExclusiveGateway or InclusiveGateway or ComplexGateway))
        {
            var code = source is EventBasedGateway ? "EXT.137" : "EXT.025";
            context.Add(code, flow, $"A sequence flow out of a {Describe(source)} cannot have a condition.");
        }
    }

    /// <summary>The <c>incoming</c>/<c>outgoing</c> elements are redundant with the flows' refs; when written they must agree.</summary>
    private static void CheckListedFlows(ValidationContext context, ProcessDefinition process, FlowNode node)
    {
        if (context.Find(node.Id) is not { } element)
        {
            return;
        }

        // A document that writes incoming/outgoing at all must write them all (modelers do; hand-written models may omit them).
        if (context.ListsFlows)
        {
            var listed = BpmnReader.Children(element, "incoming").Concat(BpmnReader.Children(element, "outgoing")).Select(BpmnReader.Text).ToHashSet(StringComparer.Ordinal);
            foreach (var missing in node.Incoming.Concat(node.Outgoing).Where(f => !listed.Contains(f)))
            {
                context.Add("EXT.023", node, $"Sequence flow '{missing}' connects '{node.Id}' but is not listed in its incoming/outgoing elements.");
            }
        }

        foreach (var listed in BpmnReader.Children(element, "incoming").Concat(BpmnReader.Children(element, "outgoing")))
        {
            var incoming = listed.Name.LocalName == "incoming";
            var id = BpmnReader.Text(listed);
            if (id is null || !process.SequenceFlows.TryGetValue(id, out var flow) || (incoming ? flow.TargetRef : flow.SourceRef) != node.Id)
            {
                context.Add("EXT.023", listed, $"<{listed.Name.LocalName}> '{id}' is not a sequence flow {(incoming ? "into" : "out of")} '{node.Id}'.");
            }
        }
    }

    private static void CheckDefault(ValidationContext context, ProcessDefinition process, FlowNode node)
    {
        var fallback = node switch
        {
            Activity a => a.Default,
            ExclusiveGateway g => g.Default,
            InclusiveGateway g => g.Default,
            ComplexGateway g => g.Default,
            _ => null,
        };
        if (fallback is null)
        {
            return;
        }

        if (!node.Outgoing.Contains(fallback))
        {
            context.Add("EXT.026", node, $"The default flow '{fallback}' is not an outgoing flow of '{node.Id}'.");
        }
        else if (process.SequenceFlows[fallback].ConditionExpression is not null)
        {
            context.Add("TSU.DefaultWithCondition", process.SequenceFlows[fallback], $"The default flow '{fallback}' cannot have a condition: it is taken when no condition holds.");
        }
    }

    private static void CheckConditions(ValidationContext context, ProcessDefinition process, FlowNode node)
    {
        var outgoing = node.Outgoing.Select(id => process.SequenceFlows[id]).ToList();
        var conditional = outgoing.Count(f => f.ConditionExpression is not null);
        if (node is Activity && conditional > 0 && outgoing.Count == 1)
        {
            context.Add("EXT.025", outgoing[0], "A conditional flow out of an activity must not be its only outgoing flow.");
        }

        var fallback = node switch
        {
            ExclusiveGateway g => g.Default,
            InclusiveGateway g => g.Default,
            _ => "",
        };
        if (fallback is null && outgoing.Count > 1 && conditional == 0)
        {
            context.Add("TSU.GatewayWithoutConditions", node, $"'{node.Id}' has {outgoing.Count} outgoing flows but neither conditions nor a default flow.");
        }
    }

    internal static string Describe(FlowNode node) => node switch
    {
        Gateway => "gateway of this kind",
        Event => "event",
        _ => node.GetType().Name,
    };
}
