using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Tsunagu.Engine.Parsing;

/// <summary>
/// The content hash of a BPMN document, over the same canonical form as DMN models (docs/adr/0002-dmn-version-hash.md):
/// layout, prefixes, attribute order and comments do not count; names, values, text and DI do.
/// </summary>
internal static class BpmnVersionHash
{
    public static string Compute(XDocument document)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (document.Root is { } root)
        {
            Write(hash, root);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Write(IncrementalHash hash, XElement element)
    {
        hash.AppendData("E"u8);
        WriteName(hash, element.Name);
        foreach (var attribute in element.Attributes()
            .Where(a => !a.IsNamespaceDeclaration)
            .OrderBy(a => a.Name.NamespaceName, StringComparer.Ordinal)
            .ThenBy(a => a.Name.LocalName, StringComparer.Ordinal))
        {
            hash.AppendData("A"u8);
            WriteName(hash, attribute.Name);
            WriteString(hash, attribute.Value);
        }

        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            if (node is XText run)
            {
                text.Append(run.Value);
            }
            else if (node is XElement child)
            {
                FlushText(hash, text);
                Write(hash, child);
            }
        }

        FlushText(hash, text);
        hash.AppendData("e"u8);
    }

    private static void FlushText(IncrementalHash hash, StringBuilder text)
    {
        var trimmed = text.ToString().Trim(BpmnReader.Whitespace);
        text.Clear();
        if (trimmed.Length > 0)
        {
            hash.AppendData("T"u8);
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
