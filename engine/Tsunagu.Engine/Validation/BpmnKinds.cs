namespace Tsunagu.Engine.Validation;

/// <summary>Sets of BPMN element local names, for checking what a reference may point at.</summary>
internal static class BpmnKinds
{
    public static readonly HashSet<string> Activities = new(StringComparer.Ordinal)
    {
        "task", "userTask", "manualTask", "serviceTask", "scriptTask", "businessRuleTask", "sendTask", "receiveTask",
        "subProcess", "transaction", "adHocSubProcess", "callActivity",
    };

    public static readonly HashSet<string> Events = new(StringComparer.Ordinal)
    {
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
    };

    public static readonly HashSet<string> FlowNodes = new(
        [.. Activities, .. Events, "exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway",
            "choreographyTask", "subChoreography", "callChoreography"],
        StringComparer.Ordinal);

    public static readonly HashSet<string> ItemAware = new(StringComparer.Ordinal)
    {
        "dataObject", "dataObjectReference", "property", "dataInput", "dataOutput", "dataStore", "dataStoreReference",
    };

    public static readonly HashSet<string> EventDefinitions = new(StringComparer.Ordinal)
    {
        "timerEventDefinition", "messageEventDefinition", "signalEventDefinition", "errorEventDefinition", "escalationEventDefinition",
        "terminateEventDefinition", "cancelEventDefinition", "linkEventDefinition", "compensateEventDefinition", "conditionalEventDefinition",
    };

    public static readonly HashSet<string> InteractionNodes = new(
        [.. Activities, .. Events, "participant", "conversation", "subConversation", "callConversation"],
        StringComparer.Ordinal);

    public static readonly HashSet<string> CallableElements = new(StringComparer.Ordinal)
    {
        "process", "globalTask", "globalUserTask", "globalManualTask", "globalScriptTask", "globalBusinessRuleTask",
    };

    public static HashSet<string> Of(params string[] names) => new(names, StringComparer.Ordinal);
}
