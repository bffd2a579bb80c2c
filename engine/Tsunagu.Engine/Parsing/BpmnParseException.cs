using System.Xml.Linq;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Engine.Parsing;

/// <summary>A BPMN document that cannot be read: not well-formed, refused for security (DTD, size), or structurally wrong.</summary>
public sealed class BpmnParseException : XmlModelException
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
        : base(message, line, column, elementId, innerException)
    {
    }

    /// <summary>An error located at <paramref name="at"/>, naming the nearest enclosing element id.</summary>
    internal static BpmnParseException At(XObject at, string message)
    {
        var (line, column, id) = Locate(at);
        return new BpmnParseException(message, line, column, id);
    }

    /// <summary>Loads untrusted BPMN XML, reporting bad XML as a <see cref="BpmnParseException"/>.</summary>
    internal static XDocument Load(Stream input) => SecureXmlReader.Load(input, LoadOptions.None, Fail);

    internal static XDocument Load(TextReader input) => SecureXmlReader.Load(input, LoadOptions.None, Fail);

    private static BpmnParseException Fail(string message, int line, int column, Exception cause) => new(message, line, column, null, cause);
}
