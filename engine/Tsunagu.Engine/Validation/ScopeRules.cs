using Tsunagu.Engine.Model;

namespace Tsunagu.Engine.Validation;

/// <summary>The shape of each process and subprocess: where flows start and end, event subprocesses, links, reachability.</summary>
internal static class ScopeRules
{
    public static void Check(ValidationContext context, ProcessDefinition process)
    {
        foreach (var scopeId in process.Nodes.Values.OfType<SubProcess>().Select(s => s.Id).Prepend(process.Id))
        {
            var children = process.ChildrenOf(scopeId).ToList();
            var scope = process.Nodes.GetValueOrDefault(scopeId) as SubProcess;
            CheckEnds(context, children);
            CheckLinks(context, children);
            if (scope is { TriggeredByEvent: true })
            {
                CheckEventSubProcess(context, scope, children);
            }
            else if (scope is AdHocSubProcess adHoc)
            {
                CheckAdHoc(context, adHoc, children);
            }
            else if (scope is not null)
            {
                CheckNested(context, process, scope, children);
            }
        }

        CheckReachable(context, process);
    }

    /// <summary>Exempt from needing flows: they start or end by other means (boundary, link, compensation, event subprocess).</summary>
    private static bool Detached(FlowNode node) =>
        node is BoundaryEvent or Activity { IsForCompensation: true } or SubProcess { TriggeredByEvent: true };

    private static bool IsLink(FlowNode node) => node is Event e && e.EventDefinitions.Any(d => d is LinkEventDefinition);

    private static void CheckEnds(ValidationContext context, List<FlowNode> children)
    {
        var hasStart = children.Any(n => n is StartEvent);
        var hasEnd = children.Any(n => n is EndEvent);
        foreach (var node in children)
        {
            switch (node)
            {
                case StartEvent when node.Incoming.Count > 0:
                    context.Add("EXT.096", node, "A start event cannot have incoming sequence flows.");
                    break;
                case EndEvent when node.Outgoing.Count > 0:
                    context.Add("EXT.101", node, "An end event cannot have outgoing sequence flows.");
                    break;
                case IntermediateCatchEvent when IsLink(node) && node.Incoming.Count > 0:
                    context.Add("EXT.117", node, "A link catch event continues a flow that jumped: it cannot have incoming flows.");
                    break;
                case IntermediateThrowEvent when IsLink(node) && node.Outgoing.Count > 0:
                    context.Add("EXT.117", node, "A link throw event jumps to its catch event: it cannot have outgoing flows.");
                    break;
                case IntermediateCatchEvent or IntermediateThrowEvent when !IsLink(node) && node.Incoming.Count == 0:
                    context.Add("EXT.115", node, "An intermediate event needs an incoming sequence flow.");
                    break;
                case IntermediateCatchEvent or IntermediateThrowEvent when !IsLink(node) && node.Outgoing.Count == 0:
                    context.Add("EXT.116", node, "An intermediate event needs an outgoing sequence flow.");
                    break;
                default:
                    CheckConnected(context, node, hasStart, hasEnd);
                    break;
            }
        }
    }

    /// <summary>With a start event every other node needs an incoming flow; with an end event, an outgoing one (spec 10.5.2/10.5.3).</summary>
    private static void CheckConnected(ValidationContext context, FlowNode node, bool hasStart, bool hasEnd)
    {
        if (Detached(node) || IsLink(node) || node is StartEvent or EndEvent || node is ReceiveTask { Instantiate: true } || node is EventBasedGateway { Instantiate: true })
        {
            return;
        }

        if (hasStart && node.Incoming.Count == 0)
        {
            context.Add("EXT.150", node, "The scope has a start event, so this node needs an incoming sequence flow.");
        }

        if (hasEnd && node.Outgoing.Count == 0)
        {
            context.Add("EXT.151", node, "The scope has an end event, so this node needs an outgoing sequence flow.");
        }
    }

    private static void CheckLinks(ValidationContext context, List<FlowNode> children)
    {
        var targets = children.OfType<IntermediateCatchEvent>()
            .SelectMany(e => e.EventDefinitions.OfType<LinkEventDefinition>())
            .Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var thrower in children.OfType<IntermediateThrowEvent>())
        {
            foreach (var link in thrower.EventDefinitions.OfType<LinkEventDefinition>().Where(l => !targets.Contains(l.Name)))
            {
                context.Add("EXT.118", thrower, $"No link catch event named '{link.Name}' in the same scope receives this link.");
            }
        }
    }

    private static void CheckEventSubProcess(ValidationContext context, SubProcess scope, List<FlowNode> children)
    {
        if (scope.Incoming.Count > 0 || scope.Outgoing.Count > 0)
        {
            context.Add("EXT.021", scope, "An event subprocess is started by its start event: it cannot have incoming or outgoing sequence flows.");
        }

        if (children.Count(n => n is StartEvent) != 1)
        {
            context.Add("EXT.058", scope, "An event subprocess has exactly one start event.");
        }
    }

    /// <summary>Start and end events are used at every level or at none: a subprocess follows its parent (spec 10.5.2, 10.5.3).</summary>
    private static void CheckNested(ValidationContext context, ProcessDefinition process, SubProcess scope, List<FlowNode> children)
    {
        var parent = process.ChildrenOf(scope.ParentId).ToList();
        if (parent.Any(n => n is StartEvent) && !children.Any(n => n is StartEvent))
        {
            context.Add("EXT.105", scope, "Its parent uses start events, so this subprocess needs a start event too.");
        }

        if (parent.Any(n => n is EndEvent) && !children.Any(n => n is EndEvent))
        {
            context.Add("EXT.097", scope, "Its parent uses end events, so this subprocess needs an end event too.");
        }
    }

    private static void CheckAdHoc(ValidationContext context, AdHocSubProcess adHoc, List<FlowNode> children)
    {
        if (!children.Any(n => n is Activity))
        {
            context.Add("EXT.061", adHoc, "An ad-hoc subprocess contains at least one activity.");
        }

        foreach (var node in children.Where(n => n is StartEvent or EndEvent))
        {
            context.Add("EXT.062", node, "An ad-hoc subprocess cannot contain start or end events.");
        }
    }

    /// <summary>Every node must be reachable from where its scope starts (Tsunagu rule: dead model parts are mistakes).</summary>
    private static void CheckReachable(ValidationContext context, ProcessDefinition process)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FlowNode>(Entries(process, process.Id));
        while (pending.TryDequeue(out var node))
        {
            if (!reached.Add(node.Id))
            {
                continue;
            }

            var next = node.Outgoing.Select(f => process.SequenceFlows[f].TargetRef)
                .Select(process.Nodes.GetValueOrDefault).OfType<FlowNode>()
                .Concat(process.Nodes.Values.Where(n => n is BoundaryEvent b && b.AttachedToRef == node.Id))
                .Concat(node is SubProcess ? Entries(process, node.Id) : [])
                .Concat(LinkTargets(process, node));
            foreach (var target in next)
            {
                pending.Enqueue(target);
            }
        }

        foreach (var node in process.Nodes.Values.Where(n => !reached.Contains(n.Id) && !Detached(n) && Reached(process, n.ParentId, reached)))
        {
            context.Add("TSU.Unreachable", node, $"'{node.Id}' can never be reached from a start of its process or subprocess.");
        }
    }

    private static bool Reached(ProcessDefinition process, string scopeId, HashSet<string> reached) =>
        scopeId == process.Id || reached.Contains(scopeId);

    /// <summary>Where a scope starts: its start events, or (without any) every node with no incoming flow; event subprocesses start on their own.</summary>
    private static IEnumerable<FlowNode> Entries(ProcessDefinition process, string scopeId)
    {
        var children = process.ChildrenOf(scopeId).ToList();
        var starts = children.Where(n => n is StartEvent).ToList();
        var entries = starts.Count > 0 ? starts : children.Where(n => n.Incoming.Count == 0 && !Detached(n) && !IsLink(n)).ToList();
        var eventScopes = children.Where(n => n is SubProcess { TriggeredByEvent: true } or Activity { IsForCompensation: true });
        return entries.Concat(eventScopes).Concat(children.Where(n => n is ReceiveTask { Instantiate: true } or EventBasedGateway { Instantiate: true }));
    }

    private static IEnumerable<FlowNode> LinkTargets(ProcessDefinition process, FlowNode node)
    {
        if (node is not IntermediateThrowEvent thrower)
        {
            return [];
        }

        var names = thrower.EventDefinitions.OfType<LinkEventDefinition>().Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        return process.ChildrenOf(node.ParentId).OfType<IntermediateCatchEvent>()
            .Where(c => c.EventDefinitions.OfType<LinkEventDefinition>().Any(l => names.Contains(l.Name)));
    }
}
