using System.Xml.Linq;
using Tsunagu.Engine.Model;

namespace Tsunagu.Engine.Parsing;

/// <summary>Reads BPMN 2.0 XML into <see cref="BpmnDefinitions"/>. Bad input only ever raises <see cref="BpmnParseException"/>.</summary>
internal static class BpmnParser
{
    public static BpmnDefinitions Parse(Stream xml) => FromDocument(BpmnParseException.Load(xml));

    public static BpmnDefinitions Parse(TextReader xml) => FromDocument(BpmnParseException.Load(xml));

    /// <summary>Parses XML text (not a file path).</summary>
    public static BpmnDefinitions Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var reader = new StringReader(xml);
        return Parse(reader);
    }

    private static BpmnDefinitions FromDocument(XDocument document)
    {
        var root = document.Root ?? throw new BpmnParseException("The document has no root element.");
        if (root.Name != BpmnReader.Bpmn + "definitions")
        {
            throw BpmnParseException.At(root, $"Unknown root element '{root.Name}': expected 'definitions' in {BpmnReader.Bpmn.NamespaceName}.");
        }

        return new BpmnReader(document).Read();
    }
}
