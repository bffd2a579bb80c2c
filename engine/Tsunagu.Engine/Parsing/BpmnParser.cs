using System.Xml.Linq;
using Tsunagu.Engine.Model;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Engine.Parsing;

/// <summary>Reads BPMN 2.0 XML into <see cref="BpmnDefinitions"/>. Bad input only ever raises <see cref="ModelParseException"/>.</summary>
internal static class BpmnParser
{
    public static BpmnDefinitions Parse(Stream xml) => FromDocument(ModelParseException.Load(xml, LoadOptions.None));

    public static BpmnDefinitions Parse(TextReader xml) => FromDocument(ModelParseException.Load(xml, LoadOptions.None));

    /// <summary>Parses XML text (not a file path).</summary>
    public static BpmnDefinitions Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var reader = new StringReader(xml);
        return Parse(reader);
    }

    private static BpmnDefinitions FromDocument(XDocument document)
    {
        var root = document.Root ?? throw new ModelParseException("The document has no root element.");
        if (root.Name != BpmnReader.Bpmn + "definitions")
        {
            throw ModelParseException.At(root, $"Unknown root element '{root.Name}': expected 'definitions' in {BpmnReader.Bpmn.NamespaceName}.");
        }

        return new BpmnReader(document).Read();
    }
}
