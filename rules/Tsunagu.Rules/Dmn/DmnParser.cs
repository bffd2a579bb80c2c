using System.Xml.Linq;
using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Rules.Dmn;

/// <summary>Reads DMN 1.1–1.5 XML into <see cref="DmnDefinitions"/>. Bad input only ever raises <see cref="ModelParseException"/>.</summary>
public static class DmnParser
{
    public static DmnDefinitions Parse(Stream xml) => FromDocument(ModelParseException.Load(xml, LoadOptions.PreserveWhitespace));

    public static DmnDefinitions Parse(TextReader xml) => FromDocument(ModelParseException.Load(xml, LoadOptions.PreserveWhitespace));

    /// <summary>Parses XML text (not a file path).</summary>
    public static DmnDefinitions Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var reader = new StringReader(xml);
        return Parse(reader);
    }

    private static DmnDefinitions FromDocument(XDocument document)
    {
        var root = document.Root ?? throw new ModelParseException("The document has no root element.");
        if (root.Name.LocalName != "definitions" || !DmnNamespaces.TryGetVersion(root.Name.NamespaceName, out var version))
        {
            throw ModelParseException.At(root, $"Unknown root element '{root.Name}': expected 'definitions' in a DMN 1.1–1.5 namespace.");
        }

        return new DmnReader(root.Name.Namespace).ReadDefinitions(root, version, document);
    }
}
