using System.Xml.Linq;
using Tsunagu.Engine.Model;

namespace Tsunagu.Engine.Parsing;

internal sealed partial class BpmnReader
{
    /// <summary>The flow node <paramref name="e"/> read as <paramref name="kind"/>, or null when it is no flow node (artifacts, data, lanes).</summary>
    private FlowNode? ReadNode(XElement e, string kind, string parentId)
    {
        FlowNode? node = kind switch
        {
            "startEvent" or "endEvent" or "intermediateCatchEvent" or "intermediateThrowEvent" or "boundaryEvent" => ReadEvent(e, kind, parentId),
            "exclusiveGateway" => new ExclusiveGateway { Id = RequiredId(e), ParentId = parentId, Default = Attr(e, "default") },
            "inclusiveGateway" => new InclusiveGateway { Id = RequiredId(e), ParentId = parentId, Default = Attr(e, "default") },
            "parallelGateway" => new ParallelGateway { Id = RequiredId(e), ParentId = parentId },
            "complexGateway" => new ComplexGateway
            {
                Id = RequiredId(e),
                ParentId = parentId,
                Default = Attr(e, "default"),
                ActivationCondition = Expression(Child(e, "activationCondition")),
            },
            "eventBasedGateway" => new EventBasedGateway
            {
                Id = RequiredId(e),
                ParentId = parentId,
                Instantiate = Bool(e, "instantiate", false),
                EventGatewayType = Attr(e, "eventGatewayType") ?? "Exclusive",
            },
            _ => ReadActivity(e, kind, parentId),
        };
        if (node is null)
        {
            return null;
        }

        if (node is Gateway gateway)
        {
            node = gateway with { GatewayDirection = Attr(e, "gatewayDirection") ?? "Unspecified" };
        }

        var (line, column) = Position(e);
        return node with
        {
            Name = Attr(e, "name"),
            Line = line,
            Column = column,
            Extensions = ReadExtensions(e),
            DataInputAssociations = ReadAssociations(e, "dataInputAssociation"),
            DataOutputAssociations = ReadAssociations(e, "dataOutputAssociation"),
        };
    }

    private Activity? ReadActivity(XElement e, string kind, string parentId)
    {
        if (!Validation.BpmnKinds.Activities.Contains(kind))
        {
            return null;
        }

        var id = RequiredId(e);
        Activity? activity = kind switch
        {
            "task" => new AbstractTask { Id = id, ParentId = parentId },
            "userTask" => new UserTask { Id = id, ParentId = parentId },
            "manualTask" => new ManualTask { Id = id, ParentId = parentId },
            "serviceTask" => new ServiceTask { Id = id, ParentId = parentId, Implementation = Attr(e, "implementation"), OperationRef = Attr(e, "operationRef") },
            "scriptTask" => new ScriptTask { Id = id, ParentId = parentId, ScriptFormat = Attr(e, "scriptFormat"), Script = ChildText(e, "script") },
            "businessRuleTask" => new BusinessRuleTask { Id = id, ParentId = parentId, Implementation = Attr(e, "implementation") },
            "sendTask" => new SendTask { Id = id, ParentId = parentId, MessageRef = Attr(e, "messageRef"), OperationRef = Attr(e, "operationRef") },
            "receiveTask" => new ReceiveTask
            {
                Id = id,
                ParentId = parentId,
                MessageRef = Attr(e, "messageRef"),
                OperationRef = Attr(e, "operationRef"),
                Instantiate = Bool(e, "instantiate", false),
            },
            "subProcess" => new SubProcess { Id = id, ParentId = parentId, TriggeredByEvent = Bool(e, "triggeredByEvent", false) },
            "transaction" => new Transaction { Id = id, ParentId = parentId, TriggeredByEvent = Bool(e, "triggeredByEvent", false), Method = Attr(e, "method") },
            "adHocSubProcess" => new AdHocSubProcess
            {
                Id = id,
                ParentId = parentId,
                TriggeredByEvent = Bool(e, "triggeredByEvent", false),
                Ordering = Attr(e, "ordering") ?? "Parallel",
                CompletionCondition = Expression(Child(e, "completionCondition")),
                CancelRemainingInstances = Bool(e, "cancelRemainingInstances", true),
            },
            "callActivity" => new CallActivity { Id = id, ParentId = parentId, CalledElement = Attr(e, "calledElement") },
            _ => null,
        };
        if (activity is null)
        {
            return null;
        }

        var io = Child(e, "ioSpecification");
        return activity with
        {
            Default = Attr(e, "default"),
            IsForCompensation = Bool(e, "isForCompensation", false),
            StartQuantity = Int(e, "startQuantity") ?? 1,
            CompletionQuantity = Int(e, "completionQuantity") ?? 1,
            LoopCharacteristics = ReadLoop(e),
            IoSpecification = io is null ? null : new IoSpecification
            {
                DataInputs = ReadDataItems(io, "dataInput"),
                DataOutputs = ReadDataItems(io, "dataOutput"),
                InputSets = [.. Children(io, "inputSet").Select(s => (IReadOnlyList<string>)[.. Children(s, "dataInputRefs").Select(Text).OfType<string>()])],
                OutputSets = [.. Children(io, "outputSet").Select(s => (IReadOnlyList<string>)[.. Children(s, "dataOutputRefs").Select(Text).OfType<string>()])],
            },
            Properties = ReadProperties(e),
        };
    }

    private LoopCharacteristics? ReadLoop(XElement activity)
    {
        if (Child(activity, "standardLoopCharacteristics") is { } standard)
        {
            var (line, column) = Position(standard);
            return new StandardLoopCharacteristics
            {
                LoopCondition = Expression(Child(standard, "loopCondition")),
                TestBefore = Bool(standard, "testBefore", false),
                LoopMaximum = Int(standard, "loopMaximum"),
                Line = line,
                Column = column,
            };
        }

        return Child(activity, "multiInstanceLoopCharacteristics") is { } multi ? ReadMultiInstance(multi) : null;
    }

    private MultiInstanceLoopCharacteristics ReadMultiInstance(XElement e)
    {
        var (line, column) = Position(e);
        var extension = e.Element(Bpmn + "extensionElements")?.Element(Tsunagu + "multiInstance");
        var inputItem = Child(e, "inputDataItem");
        var outputItem = Child(e, "outputDataItem");
        return new MultiInstanceLoopCharacteristics
        {
            IsSequential = Bool(e, "isSequential", false),
            LoopCardinality = Expression(Child(e, "loopCardinality")),
            InputCollection = (extension is null ? null : Attr(extension, "inputCollection")) ?? ChildText(e, "loopDataInputRef"),
            InputElement = (extension is null ? null : Attr(extension, "inputElement")) ?? ItemName(inputItem),
            OutputCollection = (extension is null ? null : Attr(extension, "outputCollection")) ?? ChildText(e, "loopDataOutputRef"),
            OutputElement = (extension is null ? null : Attr(extension, "outputElement")) ?? ItemName(outputItem),
            CompletionCondition = Expression(Child(e, "completionCondition")),
            Behavior = Attr(e, "behavior") ?? "All",
            OneBehaviorEventRef = Attr(e, "oneBehaviorEventRef"),
            NoneBehaviorEventRef = Attr(e, "noneBehaviorEventRef"),
            OneBehaviorEvent = RootEventDefinition(Attr(e, "oneBehaviorEventRef")),
            NoneBehaviorEvent = RootEventDefinition(Attr(e, "noneBehaviorEventRef")),
            ComplexBehaviorDefinitions = [.. Children(e, "complexBehaviorDefinition").Select(c => new ComplexBehaviorDefinition
            {
                Condition = Expression(Child(c, "condition")),
                EventId = Child(c, "event") is { } thrown ? Attr(thrown, "id") : null,
                EventDefinitions = Child(c, "event") is { } ev ? ReadEventDefinitions(ev) : [],
            })],
            Line = line,
            Column = column,
        };
    }

    private EventDefinition? RootEventDefinition(string? id) =>
        id is not null && _rootEventDefinitions.GetValueOrDefault(id) is { } definition ? ReadEventDefinition(definition) : null;

    private static string? ItemName(XElement? item) => item is null ? null : Attr(item, "name") ?? Attr(item, "id");
}
