using System.Xml;
using System.Xml.Linq;

namespace Tsunagu.Rules.Xml;

/// <summary>
/// A model document (DMN, BPMN, TCK) that cannot be read: not well-formed, refused for security (DTD, size), or
/// structurally wrong. <see cref="Line"/> and <see cref="Column"/> are 1-based, 0 when unknown.
/// </summary>
public abstract class XmlModelException : Exception
{
    protected XmlModelException()
    {
    }

    protected XmlModelException(string message)
        : base(message)
    {
    }

    protected XmlModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    protected XmlModelException(string message, int line, int column, string? elementId, Exception? innerException)
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

    /// <summary>Where <paramref name="at"/> (loaded with line info) stands, and the nearest enclosing element id.</summary>
    protected static (int Line, int Column, string? ElementId) Locate(XObject at)
    {
        ArgumentNullException.ThrowIfNull(at);
        var info = (IXmlLineInfo)at;
        var element = at as XElement ?? at.Parent;
        var id = element?.AncestorsAndSelf().Select(e => (string?)e.Attribute("id")).FirstOrDefault(i => i is not null);
        return (info.LineNumber, info.LinePosition, id);
    }

    private static string Describe(string message, int line, int column, string? elementId)
    {
        var where = line > 0 ? $" (line {line}, column {column}" + (elementId is null ? ")" : $", element '{elementId}')") : "";
        return message + where;
    }
}
