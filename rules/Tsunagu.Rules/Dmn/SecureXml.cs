using System.Xml;
using System.Xml.Linq;

namespace Tsunagu.Rules.Dmn;

/// <summary>Loads untrusted XML: no DTDs (so no entity expansion), no external resolution, bounded size.</summary>
internal static class SecureXml
{
    /// <summary>16 MiB of characters: far above any real model, small enough to bound memory.</summary>
    internal const long MaxCharacters = 16L * 1024 * 1024;

    /// <summary>The XML whitespace characters (XML 1.0 production S), for trimming layout off text.</summary>
    internal static readonly char[] Whitespace = [' ', '\t', '\r', '\n'];

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = false,
        CloseInput = false,
    };

    public static XDocument Load(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Load(() => XmlReader.Create(input, Settings));
    }

    public static XDocument Load(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Load(() => XmlReader.Create(input, Settings));
    }

    private static XDocument Load(Func<XmlReader> open)
    {
        try
        {
            using var reader = open();
            return XDocument.Load(reader, LoadOptions.PreserveWhitespace | LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            // The framework's DTD message suggests enabling DTD processing, which is exactly what must not happen.
            var message = e.Message.Contains("DTD", StringComparison.Ordinal)
                ? "Invalid XML: DOCTYPE declarations (DTDs and entities) are not allowed."
                : $"Invalid XML: {e.Message}";
            throw new DmnParseException(message, e.LineNumber, e.LinePosition, null, e);
        }
    }
}
