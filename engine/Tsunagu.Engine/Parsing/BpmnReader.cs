using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Tsunagu.Engine.Model;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Engine.Parsing;

/// <summary>Builds the model from a loaded BPMN document; one instance per document.</summary>
internal sealed partial class BpmnReader
{
    internal static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    internal static readonly XNamespace Tsunagu = TsunaguExtensions.Namespace;

    /// <summary>The XML whitespace characters (XML 1.0 production S), for trimming layout off text.</summary>

    private readonly XDocument _document;
    private readonly XElement _root;
    private readonly Dictionary<string, XElement> _rootEventDefinitions = new(StringComparer.Ordinal);

    public BpmnReader(XDocument document)
    {
        _document = document;
        _root = document.Root!;
    }

    public BpmnDefinitions Read()
    {
        CheckIds();
        foreach (var definition in _root.Elements().Where(e => e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)))
        {
            _rootEventDefinitions[RequiredId(definition)] = definition;
        }

        var id = RequiredId(_root);
        return new BpmnDefinitions
        {
            Id = id,
            Name = Attr(_root, "name"),
            TargetNamespace = Attr(_root, "targetNamespace"),
            ExpressionLanguage = Attr(_root, "expressionLanguage"),
            Processes = [.. Children(_root, "process").Select(ReadProcess)],
            Collaborations = [.. Children(_root, "collaboration").Select(ReadCollaboration)],
            Messages = [.. Children(_root, "message").Select(e => Located(e, new BpmnMessage { Id = RequiredId(e), ItemRef = Attr(e, "itemRef") }))],
            Signals = [.. Children(_root, "signal").Select(e => Located(e, new BpmnSignal { Id = RequiredId(e) }))],
            Errors = [.. Children(_root, "error").Select(e => Located(e, new BpmnError { Id = RequiredId(e), ErrorCode = Attr(e, "errorCode") }))],
            Escalations = [.. Children(_root, "escalation").Select(e => Located(e, new BpmnEscalation { Id = RequiredId(e), EscalationCode = Attr(e, "escalationCode") }))],
            ItemDefinitions = [.. Children(_root, "itemDefinition").Select(ReadItemDefinition)],
            Interfaces = [.. Children(_root, "interface").Select(ReadInterface)],
            GlobalTasks = ReadGlobalTasks(id),
            Document = _document,
            VersionHash = CanonicalXmlHash.Compute(_document),
        };
    }

    /// <summary>Ids are XML IDs: unique in the document, so references cannot be ambiguous.</summary>
    private void CheckIds()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in _root.DescendantsAndSelf().Select(e => e.Attribute("id")).OfType<XAttribute>())
        {
            if (!seen.Add(attribute.Value))
            {
                throw ModelParseException.At(attribute, $"Duplicate id '{attribute.Value}'.");
            }
        }
    }

    private static Collaboration ReadCollaboration(XElement e) => Located(e, new Collaboration
    {
        Id = RequiredId(e),
        Participants = [.. Children(e, "participant").Select(p => Located(p, new Participant { Id = RequiredId(p), ProcessRef = Attr(p, "processRef") }))],
        MessageFlows = [.. Children(e, "messageFlow").Select(f => Located(f, new MessageFlow
        {
            Id = RequiredId(f),
            SourceRef = RequiredAttr(f, "sourceRef"),
            TargetRef = RequiredAttr(f, "targetRef"),
            MessageRef = Attr(f, "messageRef"),
        }))],
    });

    private static ItemDefinition ReadItemDefinition(XElement e) => Located(e, new ItemDefinition
    {
        Id = RequiredId(e),
        StructureRef = Attr(e, "structureRef"),
        IsCollection = Bool(e, "isCollection", false),
    });

    private static BpmnInterface ReadInterface(XElement e) => Located(e, new BpmnInterface
    {
        Id = RequiredId(e),
        Operations = [.. Children(e, "operation").Select(o => Located(o, new BpmnOperation
        {
            Id = RequiredId(o),
            InMessageRef = ChildText(o, "inMessageRef"),
            OutMessageRef = ChildText(o, "outMessageRef"),
        }))],
    });

    private Dictionary<string, Activity> ReadGlobalTasks(string definitionsId)
    {
        var tasks = new Dictionary<string, Activity>(StringComparer.Ordinal);
        foreach (var e in _root.Elements().Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName.StartsWith("global", StringComparison.Ordinal)
            && e.Name.LocalName.EndsWith("Task", StringComparison.Ordinal)))
        {
            // A global task reads like the task it names: globalScriptTask is a scriptTask that can be called.
            var kind = char.ToLowerInvariant(e.Name.LocalName[6]) + e.Name.LocalName[7..];
            if (ReadNode(e, kind, definitionsId) is Activity activity)
            {
                tasks[activity.Id] = activity;
            }
        }

        return tasks;
    }

    internal static IEnumerable<XElement> Children(XElement e, string localName) => e.Elements(Bpmn + localName);

    internal static XElement? Child(XElement e, string localName) => e.Element(Bpmn + localName);

    internal static string? Attr(XElement e, string name)
    {
        var value = (string?)e.Attribute(name);
        return string.IsNullOrWhiteSpace(value) ? null : SecureXmlReader.TrimLayout(value);
    }

    internal static string RequiredAttr(XElement e, string name) =>
        Attr(e, name) ?? throw ModelParseException.At(e, $"<{e.Name.LocalName}> has no '{name}' attribute.");

    internal static string RequiredId(XElement e) => RequiredAttr(e, "id");

    internal static bool Bool(XElement e, string name, bool fallback)
    {
        var attribute = e.Attribute(name);
        if (attribute is null)
        {
            return fallback;
        }

        return SecureXmlReader.TrimLayout(attribute.Value) switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw ModelParseException.At(attribute, $"'{name}' must be true or false, not '{attribute.Value}'."),
        };
    }

    internal static int? Int(XElement e, string name)
    {
        var attribute = e.Attribute(name);
        if (attribute is null)
        {
            return null;
        }

        return int.TryParse(SecureXmlReader.TrimLayout(attribute.Value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ModelParseException.At(attribute, $"'{name}' must be an integer, not '{attribute.Value}'.");
    }

    internal static string? ChildText(XElement e, string localName) => Child(e, localName) is { } child ? Text(child) : null;

    internal static string? Text(XElement e)
    {
        var text = SecureXmlReader.TrimLayout(e.Value);
        return text.Length == 0 ? null : text;
    }

    /// <summary>The expression in <paramref name="e"/>, or null when it is absent or empty.</summary>
    internal static BpmnExpression? Expression(XElement? e)
    {
        if (e is null || Text(e) is not { } text)
        {
            return null;
        }

        var (line, column) = Position(e);
        return new BpmnExpression { Text = text, Language = Attr(e, "language"), Line = line, Column = column };
    }

    internal static (int Line, int Column) Position(XObject o)
    {
        var info = (IXmlLineInfo)o;
        return (info.LineNumber, info.LinePosition);
    }

    /// <summary><paramref name="element"/> with the name and position of <paramref name="e"/>.</summary>
    internal static T Located<T>(XElement e, T element)
        where T : BpmnElement
    {
        var (line, column) = Position(e);
        return (T)((BpmnElement)element with { Name = Attr(e, "name"), Line = line, Column = column });
    }
}
