using System.Xml;
using System.Xml.Linq;

namespace Tsunagu.Engine.Parsing;

/// <summary>
/// A BPMN document that cannot be read: not well-formed, refused for security (DTD, size), or structurally wrong.
/// <see cref="Line"/> and <see cref="Column"/> are 1-based, 0 when unknown.
/// </summary>
public sealed class BpmnParseException : Exception
{
    public BpmnParseException()
    {
    }

    public BpmnParseException(string message)
        : base(message)
    {
    }

    public BpmnParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BpmnParseException(string message, int line, int column, string? elementId, Exception? innerException = null)
        : base(Describe(message, line, column, elementId), innerException)
    {
        Line = line;
        Column = column;
        ElementId = elementId;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The id of the nearest enclosing element that has one.</summary>
    public string? ElementId { get; }

    /// <summary>An error located at <paramref name="at"/> (loaded with line info), naming the nearest enclosing element id.</summary>
    internal static BpmnParseException At(XObject at, string message)
    {
        var info = (IXmlLineInfo)at;
        var element = at as XElement ?? at.Parent;
        var id = element?.AncestorsAndSelf().Select(e => (string?)e.Attribute("id")).FirstOrDefault(i => i is not null);
        return new BpmnParseException(message, info.LineNumber, info.LinePosition, id);
    }

    private static string Describe(string message, int line, int column, string? elementId)
    {
        var where = line > 0 ? $" (line {line}, column {column}" + (elementId is null ? ")" : $", element '{elementId}')") : "";
        return message + where;
    }
}
