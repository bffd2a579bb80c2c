using System.Xml.Linq;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Validation;

/// <summary>Comparing the item definitions data elements and messages carry.</summary>
internal static class ItemTypes
{
    /// <summary>The same item definition, or two with the same structureRef; a missing item only matches a missing item.</summary>
    public static bool Equivalent(ValidationContext context, string? left, string? right)
    {
        if (left is null || right is null || left == right)
        {
            return left == right;
        }

        var l = context.Find(left);
        var r = context.Find(right);
        return l is not null && r is not null && BpmnReader.Attr(l, "structureRef") is { } structure && structure == BpmnReader.Attr(r, "structureRef");
    }

    public static bool IsCollection(ValidationContext context, string? itemDefinition) =>
        context.Find(itemDefinition) is { } item && BpmnReader.Bool(item, "isCollection", false);

    /// <summary>The item a data element holds: its itemSubjectRef, or through a data object reference, the data object's.</summary>
    public static string? ItemOf(ValidationContext context, XElement? element) => element?.Name.LocalName switch
    {
        null => null,
        "dataObjectReference" => ItemOf(context, context.Find(BpmnReader.Attr(element, "dataObjectRef"))),
        "message" => BpmnReader.Attr(element, "itemRef"),
        "signal" or "error" or "escalation" => BpmnReader.Attr(element, "structureRef"),
        _ => BpmnReader.Attr(element, "itemSubjectRef"),
    };
}
