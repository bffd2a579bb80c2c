using System.Xml.Linq;
using Tsunagu.Rules.Dmn.Model;

namespace Tsunagu.Rules.Dmn;

/// <summary>Reads DMN 1.1–1.5 XML into <see cref="DmnDefinitions"/>. Bad input only ever raises <see cref="DmnParseException"/>.</summary>
public static class DmnParser
{
    public static DmnDefinitions Parse(Stream xml) => FromDocument(DmnParseException.Load(xml));

    public static DmnDefinitions Parse(TextReader xml) => FromDocument(DmnParseException.Load(xml));

    /// <summary>Parses XML text (not a file path).</summary>
    public static DmnDefinitions Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var reader = new StringReader(xml);
        return Parse(reader);
    }

    private static DmnDefinitions FromDocument(XDocument document)
    {
        var root = document.Root ?? throw new DmnParseException("The document has no root element.");
        if (root.Name.LocalName != "definitions" || !DmnNamespaces.TryGetVersion(root.Name.NamespaceName, out var version))
        {
            throw DmnParseException.At(root, $"Unknown root element '{root.Name}': expected 'definitions' in a DMN 1.1–1.5 namespace.");
        }

        return new DmnReader(root.Name.Namespace).ReadDefinitions(root, version, document);
    }
}
