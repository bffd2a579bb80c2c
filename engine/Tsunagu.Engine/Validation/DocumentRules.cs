using System.Text.RegularExpressions;
using System.Xml.Linq;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Validation;

/// <summary>Rules over the document as a whole: formats of attributes, expression elements, what an engine can deploy.</summary>
internal static partial class DocumentRules
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Elements of type tExpression: to be executed they must be formal expressions with a body.</summary>
    private static readonly HashSet<string> ExpressionElements = new(StringComparer.Ordinal)
    {
        "conditionExpression", "condition", "loopCardinality", "completionCondition", "loopCondition", "activationCondition",
        "timeDate", "timeDuration", "timeCycle", "transformation", "from", "to", "messagePath", "dataPath",
    };

    /// <summary>Choreographies and conversations describe interactions between partners; there is nothing for an engine to run.</summary>
    private static readonly HashSet<string> Unexecutable = new(StringComparer.Ordinal)
    {
        "choreography", "globalChoreographyTask", "choreographyTask", "subChoreography", "callChoreography",
        "globalConversation", "conversation", "subConversation", "callConversation", "conversationLink", "choreographyRef",
    };

    public static void Check(ValidationContext context)
    {
        var root = context.Root;
        if (!context.Definitions.Processes.Any(p => p.IsExecutable))
        {
            context.Add("TSU.NoExecutableProcess", root, "The document has no executable process (isExecutable=\"true\"): nothing to deploy.");
        }

        foreach (var e in root.DescendantsAndSelf().Where(e => e.Name.Namespace == ValidationContext.Bpmn))
        {
            CheckFormats(context, e);
            if (Unexecutable.Contains(e.Name.LocalName))
            {
                context.Add("EXT.036", e, $"<{e.Name.LocalName}> (choreography or conversation) cannot be deployed to a process engine.");
            }

            if (ExpressionElements.Contains(e.Name.LocalName) && ValidationContext.InExecutableProcess(e))
            {
                CheckExpressionElement(context, e);
            }
        }

        foreach (var performer in root.Descendants().Where(e => e.Element(ValidationContext.Bpmn + "resourceAssignmentExpression") is not null || e.Element(ValidationContext.Bpmn + "resourceParameterBinding") is not null))
        {
            var hasRef = performer.Element(ValidationContext.Bpmn + "resourceRef") is not null;
            if (hasRef && performer.Element(ValidationContext.Bpmn + "resourceAssignmentExpression") is not null)
            {
                context.Add("EXT.039", performer, "A resource role names its resource either by resourceRef or by resourceAssignmentExpression, not both.");
            }
            else if (!hasRef && performer.Element(ValidationContext.Bpmn + "resourceParameterBinding") is not null)
            {
                context.Add("EXT.040", performer, "resourceParameterBinding needs the resourceRef whose parameters it binds.");
            }
        }

        foreach (var process in context.Definitions.Processes.Where(p => p.IsExecutable))
        {
            if (process.Nodes.Count == 0)
            {
                context.Add("TSU.EmptyProcess", process, $"Executable process '{process.Id}' has no flow nodes.");
            }

            if (context.Find(process.Id) is { } element && BpmnReader.Attr(element, "processType") == "Public")
            {
                context.Add("EXT.035", element, "A public process (processType=\"Public\") only shows the interactions with partners; it cannot be executable.");
            }
        }
    }

    private static void CheckFormats(ValidationContext context, XElement e)
    {
        if (e.Attribute("textFormat") is { } format && !MimeType().IsMatch(format.Value))
        {
            context.Add("EXT.004", format, $"textFormat '{format.Value}' is not a MIME type (type/subtype).");
        }

        foreach (var attribute in e.Attributes().Where(a => a.Name.LocalName is "language" or "expressionLanguage" or "typeLanguage" && a.Name.Namespace == XNamespace.None))
        {
            if (!Uri.TryCreate(attribute.Value, UriKind.Absolute, out _))
            {
                context.Add("EXT.014", attribute, $"{attribute.Name.LocalName} '{attribute.Value}' is not a URI.");
            }
        }

        if (e.Name.LocalName == "sequenceFlow" && BpmnReader.Attr(e, "isImmediate") == "false" && ValidationContext.InExecutableProcess(e))
        {
            context.Add("EXT.024", e, "isImmediate=\"false\" (other activities may run between source and target) has no execution semantics.");
        }
    }

    private static void CheckExpressionElement(ValidationContext context, XElement e)
    {
        var type = (string?)e.Attribute(Xsi + "type");
        var local = type?[(type.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (BpmnReader.Text(e) is null)
        {
            context.Add("EXT.013", e, $"<{e.Name.LocalName}> has an empty body.");
        }

        // betsy's executable complex-behavior model leaves that condition untyped; it is evaluated like any other.
        else if (local != "tFormalExpression" && e.Parent?.Name.LocalName != "complexBehaviorDefinition")
        {
            context.Add("EXT.012", e, $"<{e.Name.LocalName}> must be a formal expression (xsi:type=\"tFormalExpression\") to be executed; a plain tExpression is natural-language text.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\s*;.*)?$")]
    private static partial Regex MimeType();
}
