using Tsunagu.Rules.Xml;
using System.Xml.Linq;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Validation;

/// <summary>Every reference (attribute or element) must name an existing element of a kind it may point at.</summary>
internal static class ReferenceRules
{
    private static readonly Dictionary<string, HashSet<string>> ByName = new(StringComparer.Ordinal)
    {
        ["messageRef"] = BpmnKinds.Of("message"),
        ["inMessageRef"] = BpmnKinds.Of("message"),
        ["outMessageRef"] = BpmnKinds.Of("message"),
        ["signalRef"] = BpmnKinds.Of("signal"),
        ["errorRef"] = BpmnKinds.Of("error"),
        ["escalationRef"] = BpmnKinds.Of("escalation"),
        ["processRef"] = BpmnKinds.Of("process"),
        ["definitionalCollaborationRef"] = BpmnKinds.Of("collaboration"),
        ["attachedToRef"] = BpmnKinds.Activities,
        ["activityRef"] = BpmnKinds.Activities,
        ["calledElement"] = BpmnKinds.CallableElements,
        ["default"] = BpmnKinds.Of("sequenceFlow"),
        ["itemSubjectRef"] = BpmnKinds.Of("itemDefinition"),
        ["itemRef"] = BpmnKinds.Of("itemDefinition"),
        ["operationRef"] = BpmnKinds.Of("operation"),
        ["dataObjectRef"] = BpmnKinds.Of("dataObject"),
        ["dataStoreRef"] = BpmnKinds.Of("dataStore"),
        ["eventDefinitionRef"] = BpmnKinds.EventDefinitions,
        ["oneBehaviorEventRef"] = BpmnKinds.EventDefinitions,
        ["noneBehaviorEventRef"] = BpmnKinds.EventDefinitions,
        ["categoryValueRef"] = BpmnKinds.Of("categoryValue"),
        ["interfaceRef"] = BpmnKinds.Of("interface"),
        ["supportedInterfaceRef"] = BpmnKinds.Of("interface"),
        ["resourceRef"] = BpmnKinds.Of("resource"),
        ["parameterRef"] = BpmnKinds.Of("resourceParameter"),
        ["correlationPropertyRef"] = BpmnKinds.Of("correlationProperty"),
        ["correlationKeyRef"] = BpmnKinds.Of("correlationKey"),
        ["participantRef"] = BpmnKinds.Of("participant"),
        ["initiatingParticipantRef"] = BpmnKinds.Of("participant"),
        ["messageFlowRef"] = BpmnKinds.Of("messageFlow"),
        ["choreographyRef"] = BpmnKinds.Of("choreography"),
        ["dataInputRefs"] = BpmnKinds.Of("dataInput"),
        ["optionalInputRefs"] = BpmnKinds.Of("dataInput"),
        ["whileExecutingInputRefs"] = BpmnKinds.Of("dataInput"),
        ["dataOutputRefs"] = BpmnKinds.Of("dataOutput"),
        ["optionalOutputRefs"] = BpmnKinds.Of("dataOutput"),
        ["whileExecutingOutputRefs"] = BpmnKinds.Of("dataOutput"),
        ["inputSetRefs"] = BpmnKinds.Of("inputSet"),
        ["outputSetRefs"] = BpmnKinds.Of("outputSet"),
        ["inputDataRef"] = BpmnKinds.Of("dataInput"),
        ["outputDataRef"] = BpmnKinds.Of("dataOutput"),
        ["loopDataInputRef"] = BpmnKinds.Of("dataInput", "property", "dataObject", "dataObjectReference"),
        ["loopDataOutputRef"] = BpmnKinds.Of("dataOutput", "property", "dataObject", "dataObjectReference"),
        ["flowNodeRef"] = BpmnKinds.FlowNodes,
    };

    public static void Check(ValidationContext context)
    {
        foreach (var e in context.Root.Descendants().Where(e => e.Name.Namespace == ValidationContext.Bpmn))
        {
            foreach (var attribute in e.Attributes().Where(a => a.Name.Namespace == XNamespace.None))
            {
                if (Allowed(e.Name.LocalName, attribute.Name.LocalName) is { } kinds)
                {
                    Resolve(context, attribute, SecureXmlReader.TrimLayout(attribute.Value), kinds);
                }
            }

            // Element references (<sourceRef>x</sourceRef>) are named after the parent that holds them.
            if (!e.HasElements && e.Parent is { } parent && Allowed(parent.Name.LocalName, e.Name.LocalName) is { } elementKinds && BpmnReader.Text(e) is { } text)
            {
                Resolve(context, e, text, elementKinds);
            }
        }
    }

    private static HashSet<string>? Allowed(string owner, string name) => (owner, name) switch
    {
        ("sequenceFlow", "sourceRef" or "targetRef") => BpmnKinds.FlowNodes,
        ("messageFlow", "sourceRef" or "targetRef") => BpmnKinds.InteractionNodes,
        ("conversationLink", "sourceRef" or "targetRef") => BpmnKinds.InteractionNodes,
        ("association", "sourceRef" or "targetRef") => null,
        ("dataInputAssociation" or "dataOutputAssociation", "sourceRef" or "targetRef") => BpmnKinds.ItemAware,
        (_, "sourceRef" or "targetRef") => null,
        _ => ByName.GetValueOrDefault(name),
    };

    private static void Resolve(ValidationContext context, XObject at, string reference, HashSet<string> kinds)
    {
        var name = at is XAttribute a ? a.Name.LocalName : ((XElement)at).Name.LocalName;
        if (context.Find(reference) is not { } target)
        {
            context.Add("TSU.Reference", at, $"{name} '{reference}' names no element of this document.");
        }
        else if (!kinds.Contains(target.Name.LocalName))
        {
            context.Add("TSU.Reference", at, $"{name} '{reference}' names a <{target.Name.LocalName}>, not one of: {string.Join(", ", kinds.Order(StringComparer.Ordinal))}.");
        }
    }
}
