using System.Xml.Linq;
using Tsunagu.Engine.Model;

namespace Tsunagu.Engine.Parsing;

internal sealed partial class BpmnReader
{
    private static readonly HashSet<string> SubProcessKinds = new(StringComparer.Ordinal) { "subProcess", "transaction", "adHocSubProcess" };

    private ProcessDefinition ReadProcess(XElement e)
    {
        var id = RequiredId(e);
        var scope = new ScopeContents();
        ReadScope(e, id, scope);
        var flows = scope.Flows;
        var incoming = flows.ToLookup(f => f.TargetRef, f => f.Id, StringComparer.Ordinal);
        var outgoing = flows.ToLookup(f => f.SourceRef, f => f.Id, StringComparer.Ordinal);
        var nodes = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        foreach (var node in scope.Nodes)
        {
            nodes[node.Id] = node with { Incoming = [.. incoming[node.Id]], Outgoing = [.. outgoing[node.Id]] };
        }

        return Located(e, new ProcessDefinition
        {
            Id = id,
            IsExecutable = Bool(e, "isExecutable", false),
            Nodes = nodes,
            SequenceFlows = flows.ToDictionary(f => f.Id, StringComparer.Ordinal),
            TopLevelNodeIds = [.. scope.Nodes.Where(n => n.ParentId == id).Select(n => n.Id)],
            Lanes = [.. Children(e, "laneSet").SelectMany(s => ReadLanes(s, null))],
            Properties = ReadProperties(e),
            DataObjects = scope.DataObjects,
            DataObjectReferences = scope.DataObjectReferences,
            Associations = scope.Associations,
        });
    }

    /// <summary>Reads the flow elements directly in a process or subprocess, recursing into subprocesses.</summary>
    private void ReadScope(XElement container, string scopeId, ScopeContents scope)
    {
        foreach (var e in container.Elements().Where(e => e.Name.Namespace == Bpmn))
        {
            switch (e.Name.LocalName)
            {
                case "sequenceFlow":
                    scope.Flows.Add(Located(e, new SequenceFlow
                    {
                        Id = RequiredId(e),
                        SourceRef = RequiredAttr(e, "sourceRef"),
                        TargetRef = RequiredAttr(e, "targetRef"),
                        ParentId = scopeId,
                        ConditionExpression = Expression(Child(e, "conditionExpression")),
                    }));
                    break;
                case "dataObject":
                    scope.DataObjects.Add(Located(e, new DataObject
                    {
                        Id = RequiredId(e),
                        ParentId = scopeId,
                        ItemSubjectRef = Attr(e, "itemSubjectRef"),
                        IsCollection = Bool(e, "isCollection", false),
                    }));
                    break;
                case "dataObjectReference":
                    scope.DataObjectReferences.Add(Located(e, new DataObjectReference
                    {
                        Id = RequiredId(e),
                        ParentId = scopeId,
                        DataObjectRef = Attr(e, "dataObjectRef"),
                    }));
                    break;
                case "association" when Attr(e, "sourceRef") is { } source && Attr(e, "targetRef") is { } target:
                    scope.Associations.Add(Located(e, new Association { Id = Attr(e, "id") ?? "", SourceRef = source, TargetRef = target }));
                    break;
                default:
                    if (ReadNode(e, e.Name.LocalName, scopeId) is { } node)
                    {
                        scope.Nodes.Add(node);
                        if (SubProcessKinds.Contains(e.Name.LocalName))
                        {
                            ReadScope(e, node.Id, scope);
                        }
                    }

                    break;
            }
        }
    }

    private static IEnumerable<Lane> ReadLanes(XElement laneSet, string? parentLaneId)
    {
        foreach (var lane in Children(laneSet, "lane"))
        {
            var id = RequiredId(lane);
            yield return Located(lane, new Lane
            {
                Id = id,
                ParentLaneId = parentLaneId,
                FlowNodeRefs = [.. Children(lane, "flowNodeRef").Select(Text).OfType<string>()],
            });
            foreach (var child in Children(lane, "childLaneSet").SelectMany(s => ReadLanes(s, id)))
            {
                yield return child;
            }
        }
    }

    private static List<Property> ReadProperties(XElement e) =>
        [.. Children(e, "property").Select(p => Located(p, new Property { Id = RequiredId(p), ItemSubjectRef = Attr(p, "itemSubjectRef") }))];

    private static List<DataItem> ReadDataItems(XElement e, string localName) =>
        [.. Children(e, localName).Select(d => Located(d, new DataItem
        {
            Id = RequiredId(d),
            ItemSubjectRef = Attr(d, "itemSubjectRef"),
            IsCollection = Bool(d, "isCollection", false),
        }))];

    private static List<DataAssociation> ReadAssociations(XElement e, string localName) =>
        [.. Children(e, localName).Select(a =>
        {
            var (line, column) = Position(a);
            return new DataAssociation
            {
                Id = Attr(a, "id"),
                SourceRefs = [.. Children(a, "sourceRef").Select(Text).OfType<string>()],
                TargetRef = ChildText(a, "targetRef"),
                Transformation = Expression(Child(a, "transformation")),
                Assignments = [.. Children(a, "assignment").Select(ReadAssignment).OfType<DataAssignment>()],
                Line = line,
                Column = column,
            };
        })];

    private static DataAssignment? ReadAssignment(XElement e) =>
        Expression(Child(e, "from")) is { } from && Expression(Child(e, "to")) is { } to ? new DataAssignment { From = from, To = to } : null;

    /// <summary>What one process holds, gathered while walking it and its subprocesses.</summary>
    private sealed class ScopeContents
    {
        public List<FlowNode> Nodes { get; } = [];

        public List<SequenceFlow> Flows { get; } = [];

        public List<DataObject> DataObjects { get; } = [];

        public List<DataObjectReference> DataObjectReferences { get; } = [];

        public List<Association> Associations { get; } = [];
    }
}
