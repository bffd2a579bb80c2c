using System.Xml.Linq;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Validation;

/// <summary>Input and output sets of an ioSpecification.</summary>
internal static class IoSpecificationRules
{
    public static void Check(ValidationContext context, XElement spec)
    {
        CheckSets(context, spec, "dataInput", "inputSet", "dataInputRefs", "optionalInputRefs", "whileExecutingInputRefs");
        CheckSets(context, spec, "dataOutput", "outputSet", "dataOutputRefs", "optionalOutputRefs", "whileExecutingOutputRefs");
        var inputSets = BpmnReader.Children(spec, "inputSet").ToList();
        var outputSets = BpmnReader.Children(spec, "outputSet").ToList();
        foreach (var inputSet in inputSets)
        {
            foreach (var outputSet in Refs(inputSet, "outputSetRefs").Select(context.Find).OfType<XElement>())
            {
                if (!Refs(outputSet, "inputSetRefs").Contains(BpmnReader.Attr(inputSet, "id")))
                {
                    context.Add("EXT.087", inputSet, $"Input set refers to output set '{BpmnReader.Attr(outputSet, "id")}', which does not refer back.");
                }
            }
        }

        foreach (var outputSet in outputSets)
        {
            foreach (var inputSet in Refs(outputSet, "inputSetRefs").Select(context.Find).OfType<XElement>())
            {
                if (!Refs(inputSet, "outputSetRefs").Contains(BpmnReader.Attr(outputSet, "id")))
                {
                    context.Add("EXT.087", outputSet, $"Output set refers to input set '{BpmnReader.Attr(inputSet, "id")}', which does not refer back.");
                }
            }
        }
    }

    private static void CheckSets(ValidationContext context, XElement spec, string dataName, string setName, string refs, string optional, string whileExecuting)
    {
        var sets = BpmnReader.Children(spec, setName).ToList();
        var listed = sets.SelectMany(s => Refs(s, refs)).ToHashSet(StringComparer.Ordinal);
        foreach (var data in BpmnReader.Children(spec, dataName).Where(d => !listed.Contains(BpmnReader.Attr(d, "id"))))
        {
            context.Add(dataName == "dataInput" ? "EXT.084" : "EXT.088", data, $"<{dataName}> '{BpmnReader.Attr(data, "id")}' is in no {setName}.");
        }

        foreach (var set in sets)
        {
            var members = Refs(set, refs).ToHashSet(StringComparer.Ordinal);
            foreach (var extra in Refs(set, optional).Concat(Refs(set, whileExecuting)).Where(r => !members.Contains(r)))
            {
                context.Add(dataName == "dataInput" ? "EXT.085" : "EXT.089", set, $"'{extra}' is optional or while-executing in this {setName} but not one of its {refs}.");
            }
        }
    }

    private static IEnumerable<string?> Refs(XElement set, string name) => BpmnReader.Children(set, name).Select(BpmnReader.Text);
}
