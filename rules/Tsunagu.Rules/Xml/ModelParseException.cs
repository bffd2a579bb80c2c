using System.Xml;
using System.Xml.Linq;

namespace Tsunagu.Rules.Xml;

/// <summary>
/// A model document — DMN, BPMN or a TCK file; the XML layer here serves both engines — that cannot be read: not
/// well-formed, refused for safety (DTD, size, depth), or structurally wrong. <see cref="Line"/> and
/// <see cref="Column"/> are 1-based, 0 when unknown; <see cref="ElementId"/> is the nearest enclosing element's id.
/// </summary>
public sealed class ModelParseException : DmnException
{
    public ModelParseException()
    {
    }

    public ModelParseException(string message)
        : base(message)
    {
    }

    public ModelParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelParseException(string message, int line, int column, string? elementId, Exception? innerException = null)
        : base(Describe(message, line, column, elementId), innerException!)
    {
        Line = line;
        Column = column;
        ElementId = elementId;
    }

    public int Line { get; }

    public int Column { get; }

    public string? ElementId { get; }

    /// <summary>An error located at <paramref name="at"/> (loaded with line info), naming the nearest enclosing element id.</summary>
    public static ModelParseException At(XObject at, string message)
    {
        ArgumentNullException.ThrowIfNull(at);
        var info = (IXmlLineInfo)at;
        var element = at as XElement ?? at.Parent;
        var id = element?.AncestorsAndSelf().Select(e => (string?)e.Attribute("id")).FirstOrDefault(i => i is not null);
        return new ModelParseException(message, info.LineNumber, info.LinePosition, id);
    }

    /// <summary>Loads an untrusted model document (<see cref="SecureXmlReader"/>), reporting bad XML as this exception.</summary>
    public static XDocument Load(Stream input, LoadOptions options) => SecureXmlReader.Load(input, options, Fail);

    public static XDocument Load(TextReader input, LoadOptions options) => SecureXmlReader.Load(input, options, Fail);

    private static ModelParseException Fail(string message, int line, int column, Exception cause) => new(message, line, column, null, cause);

    private static string Describe(string message, int line, int column, string? elementId)
    {
        var where = line > 0 ? $" (line {line}, column {column}" + (elementId is null ? ")" : $", element '{elementId}')") : "";
        return message + where;
    }
}
