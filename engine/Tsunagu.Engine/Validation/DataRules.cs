using System.Xml.Linq;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Validation;

/// <summary>Data objects, io specifications and data associations.</summary>
internal static class DataRules
{
    public static void Check(ValidationContext context)
    {
        foreach (var property in context.Root.Elements(ValidationContext.Bpmn + "property"))
        {
            context.Add("EXT.078", property, "A property belongs to a process, activity or event, not to the definitions.");
        }

        foreach (var e in context.Root.Descendants().Where(e => e.Name.Namespace == ValidationContext.Bpmn))
        {
            switch (e.Name.LocalName)
            {
                case "dataInput" or "dataOutput" or "dataObject":
                    if (ItemTypes.IsCollection(context, BpmnReader.Attr(e, "itemSubjectRef")) && !BpmnReader.Bool(e, "isCollection", false))
                    {
                        context.Add("EXT.020", e, $"<{e.Name.LocalName}> holds a collection item definition, so it must be isCollection=\"true\".");
                    }

                    break;
                case var name when BpmnKinds.CallableElements.Contains(name):
                    CallRules.CheckInterfaces(context, e);
                    break;
                case "ioSpecification":
                    IoSpecificationRules.Check(context, e);
                    break;
                case "dataInputAssociation" or "dataOutputAssociation":
                    CheckAssociation(context, e);
                    break;
                case "dataState" when BpmnReader.Attr(e, "name") is null:
                    context.Add("EXT.076", e, "A dataState needs a name.");
                    break;
                case "inputDataItem" or "outputDataItem":
                    CheckLoopDataItem(context, e);
                    break;
            }
        }
    }

    private static void CheckAssociation(ValidationContext context, XElement association)
    {
        var input = association.Name.LocalName == "dataInputAssociation";
        var sources = BpmnReader.Children(association, "sourceRef").Select(s => context.Find(BpmnReader.Text(s))).ToList();
        var target = context.Find(BpmnReader.ChildText(association, "targetRef"));
        var hasTransformation = BpmnReader.Child(association, "transformation") is not null;
        if (sources.Count > 1 && !hasTransformation)
        {
            context.Add("EXT.092", association, "A data association with several sources needs a transformation to combine them.");
        }

        // Only the process's own inputs/outputs are visible inside it; an activity's belong to its associations.
        foreach (var source in sources.OfType<XElement>().Where(s => input && (s.Name.LocalName == "dataOutput" || s.Name.LocalName == "dataInput" && !OfProcess(s))))
        {
            context.Add(source.Name.LocalName == "dataOutput" ? "EXT.082" : "EXT.079", association, $"'{BpmnReader.Attr(source, "id")}' cannot be read here.");
        }

        if (!input && target is not null && (target.Name.LocalName == "dataInput" || target.Name.LocalName == "dataOutput" && !OfProcess(target)))
        {
            context.Add("EXT.080", association, $"'{BpmnReader.Attr(target, "id")}' cannot be written here.");
        }

        if (!hasTransformation && sources.Count == 1 && sources[0] is { } single && target is not null
            && ItemTypes.ItemOf(context, single) is { } from && ItemTypes.ItemOf(context, target) is { } to && !ItemTypes.Equivalent(context, from, to))
        {
            context.Add("EXT.091", association, $"Source item '{from}' and target item '{to}' differ and there is no transformation.");
        }
    }

    private static bool OfProcess(XElement data) => data.Parent?.Name.LocalName == "ioSpecification" && data.Parent.Parent?.Name.LocalName == "process";

    private static void CheckLoopDataItem(ValidationContext context, XElement item)
    {
        var subject = BpmnReader.Attr(item, "itemSubjectRef");
        if (ItemTypes.IsCollection(context, subject) || BpmnReader.Bool(item, "isCollection", false))
        {
            context.Add("EXT.069", item, $"<{item.Name.LocalName}> holds one element of the loop collection, so it cannot be a collection.");
            return;
        }

        var loopRef = item.Name.LocalName == "inputDataItem" ? "loopDataInputRef" : "loopDataOutputRef";
        var collection = context.Find(BpmnReader.ChildText(item.Parent!, loopRef));
        var collectionItem = ItemTypes.ItemOf(context, collection);
        var structure = context.Find(collectionItem) is { } c ? BpmnReader.Attr(c, "structureRef") : null;
        var own = context.Find(subject) is { } s ? BpmnReader.Attr(s, "structureRef") : null;
        if (structure is not null && own is not null && structure != own)
        {
            context.Add("EXT.070", item, $"<{item.Name.LocalName}> has structure '{own}' but the loop collection holds '{structure}'.");
        }
    }
}
