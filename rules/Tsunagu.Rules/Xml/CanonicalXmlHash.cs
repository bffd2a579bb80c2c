using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Tsunagu.Rules.Xml;

/// <summary>
/// The content hash of a model document (DMN, BPMN) over its canonical form (docs/adr/0002-dmn-version-hash.md):
/// layout, prefixes, attribute order and comments do not count; names, values and text do.
/// </summary>
public static class CanonicalXmlHash
{
    private const byte ElementStart = (byte)'E';
    private const byte Attribute = (byte)'A';
    private const byte Text = (byte)'T';
    private const byte ElementEnd = (byte)'e';

    public static string Compute(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (document.Root is { } root)
        {
            WriteElement(hash, root);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void WriteElement(IncrementalHash hash, XElement element)
    {
        hash.AppendData([ElementStart]);
        WriteName(hash, element.Name);
        var attributes = element.Attributes()
            .Where(a => !a.IsNamespaceDeclaration)
            .OrderBy(a => a.Name.NamespaceName, StringComparer.Ordinal)
            .ThenBy(a => a.Name.LocalName, StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            hash.AppendData([Attribute]);
            WriteName(hash, attribute.Name);
            WriteString(hash, attribute.Value);
        }

        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText run:
                    text.Append(run.Value);
                    break;
                case XElement child:
                    FlushText(hash, text);
                    WriteElement(hash, child);
                    break;
                default:
                    // Comments and processing instructions carry no model content; text around them joins up.
                    break;
            }
        }

        FlushText(hash, text);
        hash.AppendData([ElementEnd]);
    }

    private static void FlushText(IncrementalHash hash, StringBuilder text)
    {
        var trimmed = SecureXmlReader.TrimLayout(text.ToString());
        text.Clear();
        if (trimmed.Length > 0)
        {
            hash.AppendData([Text]);
            WriteString(hash, trimmed);
        }
    }

    private static void WriteName(IncrementalHash hash, XName name)
    {
        WriteString(hash, name.NamespaceName);
        WriteString(hash, name.LocalName);
    }

    /// <summary>Length-prefixed UTF-8, so no two different sequences of strings encode alike.</summary>
    private static void WriteString(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
