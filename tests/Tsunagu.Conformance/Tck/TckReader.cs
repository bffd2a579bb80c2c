using System.Xml.Linq;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Conformance.Tck;

/// <summary>Reads DMN TCK test-case files (testCases.xsd) with the same secure settings as DMN models.</summary>
public static class TckReader
{
    private static readonly XNamespace Tc = "http://www.omg.org/spec/DMN/20160719/testcase";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";

    public static TckTestFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads from <paramref name="xml"/>; <paramref name="path"/> is only recorded.</summary>
    public static TckTestFile Read(Stream xml, string path)
    {
        var root = ModelParseException.Load(xml, LoadOptions.PreserveWhitespace).Root!;
        if (root.Name != Tc + "testCases")
        {
            throw ModelParseException.At(root, $"Unknown root element '{root.Name}': expected '{Tc + "testCases"}'.");
        }

        return new TckTestFile
        {
            Path = path,
            ModelName = (string?)root.Element(Tc + "modelName"),
            Labels = root.Elements(Tc + "labels").Elements(Tc + "label").Select(l => l.Value).ToList(),
            TestCases = root.Elements(Tc + "testCase").Select(ReadTestCase).ToList(),
        };
    }

    private static TckTestCase ReadTestCase(XElement element) => new()
    {
        Id = (string?)element.Attribute("id"),
        Name = (string?)element.Attribute("name"),
        Description = (string?)element.Element(Tc + "description"),
        Type = (string?)element.Attribute("type") switch
        {
            null or "decision" => TckTestCaseType.Decision,
            "bkm" => TckTestCaseType.Bkm,
            "decisionService" => TckTestCaseType.DecisionService,
            var other => throw ModelParseException.At(element, $"Unknown test case type '{other}'."),
        },
        InvocableName = (string?)element.Attribute("invocableName"),
        InputNodes = element.Elements(Tc + "inputNode").Select(input => new TckInputNode
        {
            Name = RequiredName(input),
            Namespace = (string?)input.Attribute("namespace"),
            Value = ReadValue(input),
        }).ToList(),
        ResultNodes = element.Elements(Tc + "resultNode").Select(ReadResultNode).ToList(),
    };

    private static TckResultNode ReadResultNode(XElement element) => new()
    {
        Name = RequiredName(element),
        Namespace = (string?)element.Attribute("namespace"),
        Type = (string?)element.Attribute("type"),
        ErrorResult = (string?)element.Attribute("errorResult") switch
        {
            null or "false" or "0" => false,
            "true" or "1" => true,
            var other => throw ModelParseException.At(element, $"errorResult must be a boolean, not '{other}'."),
        },
        Expected = element.Element(Tc + "expected") is { } expected ? ReadValue(expected) : null,
    };

    private static string RequiredName(XElement element) =>
        (string?)element.Attribute("name") ?? throw ModelParseException.At(element, $"Element '{element.Name.LocalName}' needs a name.");

    /// <summary>Reads a valueType: one value, one list, or components; nothing at all is nil.</summary>
    private static TckValue ReadValue(XElement element)
    {
        if (IsNil(element))
        {
            return TckNil.Instance;
        }

        if (element.Element(Tc + "value") is { } value)
        {
            return IsNil(value) ? TckNil.Instance : new TckSimple { XsdType = XsdType(value), Text = value.Value };
        }

        if (element.Element(Tc + "list") is { } list)
        {
            return IsNil(list) ? TckNil.Instance : new TckList { Items = list.Elements(Tc + "item").Select(ReadValue).ToList() };
        }

        var components = element.Elements(Tc + "component").ToList();
        return components.Count == 0
            ? TckNil.Instance
            : new TckComponents
            {
                Components = components.Select(c => new TckComponent { Name = RequiredName(c), Value = ReadValue(c) }).ToList(),
            };
    }

    private static bool IsNil(XElement element) => (string?)element.Attribute(Xsi + "nil") is "true" or "1";

    private static string? XsdType(XElement value)
    {
        var raw = (string?)value.Attribute(Xsi + "type");
        if (raw is null)
        {
            return null;
        }

        var colon = raw.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? "" : raw[..colon];
        var declared = prefix.Length == 0 ? value.GetDefaultNamespace() : value.GetNamespaceOfPrefix(prefix);
        return declared == Xsd ? raw[(colon + 1)..] : raw;
    }
}
