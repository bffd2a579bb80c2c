using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Tsunagu.Rules.Xml;

/// <summary>Loads untrusted XML: no DTDs (so no entity expansion), no external resolution, bounded size.</summary>
public static class SecureXmlReader
{
    /// <summary>16 MiB of characters: far above any real model, small enough to bound memory.</summary>
    public const long MaxCharacters = 16L * 1024 * 1024;

    /// <summary>Real models nest a few dozen elements; deeper input is refused while streaming, in time linear in its size.</summary>
    public const int MaxDepth = 256;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        CloseInput = false,
    };

    static SecureXmlReader()
    {
        // Some modelers save as WINDOWS-1252, which .NET only decodes with the code-pages provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private static readonly char[] Whitespace = [' ', '\t', '\r', '\n'];

    /// <summary>Trims XML whitespace (XML 1.0 production S) off text: the layout around element content.</summary>
    public static string TrimLayout(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim(Whitespace);
    }

    /// <summary>Loads a document; XML that is malformed or declares a DTD becomes the exception <paramref name="fail"/> makes (message, line, column, cause).</summary>
    public static XDocument Load(TextReader input, LoadOptions options, Func<string, int, int, XmlException, Exception> fail)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Load(() => XmlReader.Create(input, Settings), options, fail);
    }

    public static XDocument Load(Stream input, LoadOptions options, Func<string, int, int, XmlException, Exception> fail)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Load(() => XmlReader.Create(input, Settings), options, fail);
    }

    private static XDocument Load(Func<XmlReader> open, LoadOptions options, Func<string, int, int, XmlException, Exception> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        try
        {
            using var reader = new DepthLimitedXmlReader(open(), MaxDepth);
            return XDocument.Load(reader, options | LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            // The framework's DTD message suggests enabling DTD processing, which is exactly what must not happen.
            var message = e.Message.Contains("DTD", StringComparison.Ordinal)
                ? "Invalid XML: DOCTYPE declarations (DTDs and entities) are not allowed."
                : $"Invalid XML: {e.Message}";
            throw fail(message, e.LineNumber, e.LinePosition, e);
        }
    }
}
