using System.Collections.Frozen;
using Tsunagu.Engine.Model;
using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Syntax;

namespace Tsunagu.Engine.Execution;

/// <summary>
/// A deployed process prepared for execution: adjacency, compiled FEEL expressions, boundary events by activity,
/// event subprocesses by scope, link targets and, for inclusive joins, the nodes from which each can still be reached.
/// Immutable and shared by every instance of the deployment.
/// </summary>
internal sealed class ProcessGraph
{
    private readonly FrozenDictionary<string, FeelExpression> _expressions;
    private readonly FrozenDictionary<string, FrozenSet<string>> _canReach;

    public ProcessGraph(BpmnDefinitions definitions, ProcessDefinition process)
    {
        Definitions = definitions;
        Process = process;
        Outgoing = process.Nodes.Values.ToFrozenDictionary(n => n.Id, n => (IReadOnlyList<SequenceFlow>)[.. n.Outgoing.Select(f => process.SequenceFlows[f])]);
        Boundaries = process.Nodes.Values.OfType<BoundaryEvent>().GroupBy(b => b.AttachedToRef)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<BoundaryEvent>)[.. g]);
        EventSubProcesses = process.Nodes.Values.OfType<SubProcess>().Where(s => s.TriggeredByEvent).GroupBy(s => s.ParentId)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<SubProcess>)[.. g]);
        _expressions = CompileExpressions(process);
        _canReach = process.Nodes.Values.Where(n => n is InclusiveGateway or ComplexGateway && n.Incoming.Count > 1)
            .SelectMany(g => g.Incoming.Select(f => process.SequenceFlows[f]))
            .ToFrozenDictionary(f => f.Id, f => Predecessors(process, f));
    }

    public BpmnDefinitions Definitions { get; }

    public ProcessDefinition Process { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<SequenceFlow>> Outgoing { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<BoundaryEvent>> Boundaries { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<SubProcess>> EventSubProcesses { get; }

    public FlowNode Node(string id) => Process.Nodes[id];

    /// <summary>The none start event of a process or subprocess scope (event subprocesses excluded).</summary>
    public StartEvent? NoneStart(string scopeId) =>
        Process.Nodes.Values.OfType<StartEvent>().FirstOrDefault(s => s.ParentId == scopeId && s.EventDefinitions.Count == 0 && s.Incoming.Count == 0);

    /// <summary>Start events of the top level that a trigger (message, signal, timer) starts.</summary>
    public IEnumerable<StartEvent> TriggeredStarts => Process.Nodes.Values.OfType<StartEvent>().Where(s => s.ParentId == Process.Id && s.EventDefinitions.Count > 0);

    public IReadOnlyList<BoundaryEvent> BoundariesOf(string activityId) => Boundaries.TryGetValue(activityId, out var b) ? b : [];

    public IReadOnlyList<SubProcess> EventSubProcessesOf(string scopeElementId) => EventSubProcesses.TryGetValue(scopeElementId, out var e) ? e : [];

    /// <summary>The handler activity a compensation boundary event of <paramref name="activityId"/> is associated with.</summary>
    public Activity? CompensationHandler(string activityId) => BoundariesOf(activityId)
        .Where(b => b.EventDefinitions.OfType<CompensateEventDefinition>().Any())
        .SelectMany(b => Process.Associations.Where(a => a.SourceRef == b.Id))
        .Select(a => Process.Nodes.GetValueOrDefault(a.TargetRef)).OfType<Activity>().FirstOrDefault();

    /// <summary>The start event of the compensation event subprocess of <paramref name="subProcessId"/>, if it has one.</summary>
    public StartEvent? CompensationStart(string subProcessId) => EventSubProcessesOf(subProcessId)
        .SelectMany(sub => Process.ChildrenOf(sub.Id).OfType<StartEvent>())
        .FirstOrDefault(s => s.EventDefinitions.OfType<CompensateEventDefinition>().Any());

    /// <summary>The catching link event named <paramref name="name"/> in scope <paramref name="scopeId"/>.</summary>
    public IntermediateCatchEvent? LinkTarget(string scopeId, string? name) => Process.Nodes.Values.OfType<IntermediateCatchEvent>()
        .FirstOrDefault(c => c.ParentId == scopeId && c.EventDefinitions.OfType<LinkEventDefinition>().Any(l => l.Name == name));

    /// <summary>The compiled FEEL of an expression (conditions, mappings, timers); compiled once at deployment.</summary>
    public FeelExpression Expression(BpmnExpression expression) => _expressions.TryGetValue(Key(expression), out var compiled)
        ? compiled
        : FeelExpression.CompileDynamic(expression.Text);

    /// <summary>True when a token at <paramref name="nodeId"/> can still arrive on <paramref name="flowId"/>, an incoming flow of an inclusive or complex join.</summary>
    public bool CanReach(string nodeId, string flowId) => _canReach.TryGetValue(flowId, out var from) && from.Contains(nodeId);

    private static string Key(BpmnExpression e) => $"{e.Line}:{e.Column}:{e.Text}";

    private static FrozenDictionary<string, FeelExpression> CompileExpressions(ProcessDefinition process)
    {
        var all = new Dictionary<string, FeelExpression>(StringComparer.Ordinal);
        foreach (var expression in process.SequenceFlows.Values.Select(f => f.ConditionExpression).Concat(NodeExpressions(process)).OfType<BpmnExpression>())
        {
            try
            {
                all.TryAdd(Key(expression), FeelExpression.CompileDynamic(expression.Text));
            }
            catch (FeelSyntaxException)
            {
                // Validation refuses such models at deployment; an unvalidated graph evaluates them lazily and fails there.
            }
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static IEnumerable<BpmnExpression?> NodeExpressions(ProcessDefinition process)
    {
        foreach (var node in process.Nodes.Values)
        {
            foreach (var mapping in node.Extensions.Inputs.Concat(node.Extensions.Outputs))
            {
                yield return mapping.Expression;
            }

            yield return node.Extensions.CorrelationKey;
            if (node is Activity { LoopCharacteristics: MultiInstanceLoopCharacteristics mi })
            {
                yield return mi.LoopCardinality;
                yield return mi.CompletionCondition;
            }
        }
    }

    /// <summary>Every node from which <paramref name="flow"/> is reachable without passing through its target, the join.</summary>
    private static FrozenSet<string> Predecessors(ProcessDefinition process, SequenceFlow flow)
    {
        var joinId = flow.TargetRef;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>();
        if (flow.SourceRef != joinId && seen.Add(flow.SourceRef))
        {
            work.Push(flow.SourceRef);
        }

        while (work.TryPop(out var id))
        {
            foreach (var incoming in process.Nodes[id].Incoming.Select(f => process.SequenceFlows[f]))
            {
                if (incoming.SourceRef != joinId && seen.Add(incoming.SourceRef))
                {
                    work.Push(incoming.SourceRef);
                }
            }

            // A boundary event can fire while its activity runs: the activity reaches whatever the boundary reaches.
            if (process.Nodes[id] is BoundaryEvent boundary && seen.Add(boundary.AttachedToRef))
            {
                work.Push(boundary.AttachedToRef);
            }
        }

        return seen.ToFrozenSet(StringComparer.Ordinal);
    }
}
