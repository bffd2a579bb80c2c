using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Tsunagu.Engine.Parsing;

/// <summary>Loads untrusted XML: no DTDs (so no entity expansion), no external resolution, bounded size.</summary>
internal static class SecureBpmnXml
{
    /// <summary>16 MiB of characters: far above any real model, small enough to bound memory.</summary>
    internal const long MaxCharacters = 16L * 1024 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        CloseInput = false,
    };

    static SecureBpmnXml()
    {
        // Modelers such as Yaoqiang save as WINDOWS-1252, which .NET only decodes with the code-pages provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

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
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            // The framework's DTD message suggests enabling DTD processing, which is exactly what must not happen.
            var message = e.Message.Contains("DTD", StringComparison.Ordinal)
                ? "Invalid XML: DOCTYPE declarations (DTDs and entities) are not allowed."
                : $"Invalid XML: {e.Message}";
            throw new BpmnParseException(message, e.LineNumber, e.LinePosition, null, e);
        }
    }
}
