using System.Xml.Linq;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Rules.Dmn;

/// <summary>A DMN or TCK document that cannot be read: not well-formed, refused for security (DTD), or structurally wrong.</summary>
public sealed class DmnParseException : XmlModelException
{
    public DmnParseException()
    {
    }

    public DmnParseException(string message)
        : base(message)
    {
    }

    public DmnParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DmnParseException(string message, int line, int column, string? elementId, Exception? innerException = null)
        : base(message, line, column, elementId, innerException)
    {
    }

    /// <summary>An error located at <paramref name="at"/>, naming the nearest enclosing element id.</summary>
    internal static DmnParseException At(XObject at, string message)
    {
        var (line, column, id) = Locate(at);
        return new DmnParseException(message, line, column, id);
    }

    /// <summary>Loads untrusted DMN/TCK XML, reporting bad XML as a <see cref="DmnParseException"/>.</summary>
    internal static XDocument Load(Stream input) => SecureXmlReader.Load(input, LoadOptions.PreserveWhitespace, Fail);

    internal static XDocument Load(TextReader input) => SecureXmlReader.Load(input, LoadOptions.PreserveWhitespace, Fail);

    private static DmnParseException Fail(string message, int line, int column, Exception cause) => new(message, line, column, null, cause);
}
