using System.Xml.Linq;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Validation;

/// <summary>A call activity must fit what it calls: data inputs and outputs, interfaces, and a way to start.</summary>
internal static class CallRules
{
    public static void Check(ValidationContext context, CallActivity call)
    {
        if (context.Find(call.CalledElement) is not { } called)
        {
            return;
        }

        var calledSpec = BpmnReader.Child(called, "ioSpecification");
        var ownSpec = call.IoSpecification;
        if (ownSpec is not null || calledSpec is not null)
        {
            CompareData(context, call, "input", ownSpec?.DataInputs ?? [], Items(calledSpec, "dataInput"));
            CompareData(context, call, "output", ownSpec?.DataOutputs ?? [], Items(calledSpec, "dataOutput"));
        }

        if (context.Definitions.FindProcess(called.Attribute("id")!.Value) is { } process
            && !process.TopLevelNodeIds.Select(id => process.Nodes[id]).Any(n => n is StartEvent { EventDefinitions.Count: 0 }))
        {
            context.Add("EXT.099", call, $"Called process '{process.Id}' has no none start event to be started by a call activity.");
        }
    }

    private static List<string?> Items(XElement? spec, string kind) =>
        spec is null ? [] : [.. BpmnReader.Children(spec, kind).Select(d => BpmnReader.Attr(d, "itemSubjectRef"))];

    private static void CompareData(ValidationContext context, CallActivity call, string kind, IReadOnlyList<DataItem> own, List<string?> called)
    {
        if (own.Count != called.Count)
        {
            context.Add("EXT.063", call, $"The call activity has {own.Count} data {kind}(s); the called element has {called.Count}.");
            return;
        }

        for (var i = 0; i < own.Count; i++)
        {
            if (!ItemTypes.Equivalent(context, own[i].ItemSubjectRef, called[i]))
            {
                context.Add("EXT.063", own[i], $"Data {kind} '{own[i].Id}' does not hold the same item as the called element's.");
            }
        }
    }

    /// <summary>A callable element that supports interfaces binds each of their operations to its data (ioBinding).</summary>
    internal static void CheckInterfaces(ValidationContext context, XElement called)
    {
        var spec = BpmnReader.Child(called, "ioSpecification");
        var bindings = BpmnReader.Children(called, "ioBinding").ToList();
        foreach (var reference in BpmnReader.Children(called, "supportedInterfaceRef"))
        {
            var operations = context.Find(BpmnReader.Text(reference)) is { } face ? BpmnReader.Children(face, "operation").ToList() : [];
            foreach (var operation in operations.Where(o => !bindings.Any(b => BpmnReader.Attr(b, "operationRef") == BpmnReader.Attr(o, "id"))))
            {
                context.Add("EXT.064", reference, $"Operation '{BpmnReader.Attr(operation, "id")}' of the supported interface has no ioBinding.");
            }
        }

        foreach (var binding in bindings)
        {
            if (TaskRules.OperationOf(context, BpmnReader.Attr(binding, "operationRef")) is not { } operation || spec is null)
            {
                continue;
            }

            Bind(context, binding, "inputDataRef", BpmnReader.ChildText(operation, "inMessageRef"));
            Bind(context, binding, "outputDataRef", BpmnReader.ChildText(operation, "outMessageRef"));
        }
    }

    private static void Bind(ValidationContext context, XElement binding, string attribute, string? messageRef)
    {
        var data = context.Find(BpmnReader.Attr(binding, attribute));
        if (data is not null && messageRef is not null
            && !ItemTypes.Equivalent(context, ItemTypes.ItemOf(context, data), ItemTypes.ItemOf(context, context.Find(messageRef))))
        {
            context.Add("EXT.065", binding, $"{attribute} '{BpmnReader.Attr(data, "id")}' does not hold the item of message '{messageRef}'.");
        }
    }
}
