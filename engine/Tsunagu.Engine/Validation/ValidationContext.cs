using System.Xml;
using System.Xml.Linq;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Validation;

/// <summary>What every rule needs: the model, its XML (for what the model does not carry), an id index, and the error sink.</summary>
internal sealed class ValidationContext
{
    public ValidationContext(BpmnDefinitions definitions)
    {
        Definitions = definitions;
        Root = definitions.Document.Root!;
        foreach (var element in Root.DescendantsAndSelf())
        {
            if (BpmnReader.Attr(element, "id") is { } id)
            {
                ById.TryAdd(id, element);
            }
        }
    }

    public BpmnDefinitions Definitions { get; }

    /// <summary>Whether the document writes the (redundant) incoming/outgoing elements of flow nodes.</summary>
    public bool ListsFlows => Root.Descendants(Bpmn + "incoming").Any() || Root.Descendants(Bpmn + "outgoing").Any();

    public XElement Root { get; }

    public Dictionary<string, XElement> ById { get; } = new(StringComparer.Ordinal);

    public List<BpmnValidationError> Errors { get; } = [];

    /// <summary>Findings that do not stop a deployment: the spec allows the model but part of it has no effect.</summary>
    public List<BpmnValidationError> Warnings { get; } = [];

    public static XNamespace Bpmn => BpmnReader.Bpmn;

    /// <summary>The BPMN element with this id, or null; a QName reference's prefix is ignored.</summary>
    public XElement? Find(string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        return ById.GetValueOrDefault(reference) ?? (colon >= 0 ? ById.GetValueOrDefault(reference[(colon + 1)..]) : null);
    }

    public void Add(string code, XObject at, string message)
    {
        var info = (IXmlLineInfo)at;
        var element = at as XElement ?? at.Parent;
        var id = element?.AncestorsAndSelf().Select(e => BpmnReader.Attr(e, "id")).FirstOrDefault(i => i is not null);
        Errors.Add(new BpmnValidationError { Code = code, ElementId = id, Line = info.LineNumber, Column = info.LinePosition, Message = message });
    }

    public void Add(string code, BpmnElement at, string message) => Errors.Add(Finding(code, at, message));

    public void Warn(string code, BpmnElement at, string message) => Warnings.Add(Finding(code, at, message));

    private static BpmnValidationError Finding(string code, BpmnElement at, string message) =>
        new() { Code = code, ElementId = at.Id, Line = at.Line, Column = at.Column, Message = message };

    public void Add(string code, string? elementId, int line, int column, string message) =>
        Errors.Add(new BpmnValidationError { Code = code, ElementId = elementId, Line = line, Column = column, Message = message });

    /// <summary>True when <paramref name="e"/> lies in an executable process (or is a root element used by one).</summary>
    public static bool InExecutableProcess(XElement e) =>
        e.AncestorsAndSelf(Bpmn + "process").FirstOrDefault() is { } process && BpmnReader.Bool(process, "isExecutable", false);
}
