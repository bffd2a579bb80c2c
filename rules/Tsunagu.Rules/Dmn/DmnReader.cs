using System.Xml.Linq;
using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Rules.Dmn;

/// <summary>Element-level reading helpers shared by the parts of the DMN reader; one instance per document.</summary>
internal sealed partial class DmnReader(XNamespace ns)
{
    private static ModelParseException Fail(XObject at, string message) => ModelParseException.At(at, message);

    private IEnumerable<XElement> Children(XElement parent, string name) => parent.Elements(ns + name);

    private XElement? Child(XElement parent, string name) => parent.Element(ns + name);

    private static string? Attr(XElement element, string name) => (string?)element.Attribute(name);

    private static string RequiredAttr(XElement element, string name) =>
        Attr(element, name) is { Length: > 0 } value
            ? value
            : throw Fail(element, $"Element '{element.Name.LocalName}' is missing the required attribute '{name}'.");

    /// <summary>Surrounding whitespace is layout (documents are read with whitespace preserved), never meaning.</summary>
    private static string Trimmed(XElement element) => SecureXmlReader.TrimLayout(element.Value);

    /// <summary>The text of <c>&lt;name&gt;&lt;text&gt;…&lt;/text&gt;&lt;/name&gt;</c> (unary tests, literal clauses), or null.</summary>
    private string? TextOf(XElement parent, string name) => Child(parent, name) is { } wrapper ? EntryText(wrapper) : null;

    /// <summary>The <c>&lt;text&gt;</c> of an entry element; an entry without one is empty.</summary>
    private string EntryText(XElement entry) => Child(entry, "text") is { } text ? Trimmed(text) : "";

    private static bool BoolAttr(XElement element, string name) =>
        Attr(element, name) switch
        {
            null => false,
            "true" or "1" => true,
            "false" or "0" => false,
            var other => throw Fail(element, $"Attribute '{name}' must be a boolean, not '{other}'."),
        };

    private static InformationItem ReadInformationItem(XElement element) => new()
    {
        Id = Attr(element, "id"),
        Name = RequiredAttr(element, "name"),
        Label = Attr(element, "label"),
        TypeRef = Attr(element, "typeRef"),
    };

    private static DmnHref ReadHref(XElement element) => DmnHref.Parse(RequiredAttr(element, "href"));

    private List<DmnHref> Hrefs(XElement parent, string name) => Children(parent, name).Select(ReadHref).ToList();
}
