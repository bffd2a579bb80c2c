using System.Xml.Linq;
using Tsunagu.Engine.Model;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Engine.Parsing;

internal sealed partial class BpmnReader
{
    /// <summary>The <c>tsunagu:</c> elements in the node's <c>extensionElements</c>; other vendors' extensions are ignored.</summary>
    private static TsunaguExtensions ReadExtensions(XElement node)
    {
        var elements = node.Elements(Bpmn + "extensionElements").Elements().Where(x => x.Name.Namespace == Tsunagu).ToList();
        if (elements.Count == 0)
        {
            return TsunaguExtensions.None;
        }

        XElement? One(string name) => elements.Find(x => x.Name.LocalName == name);
        return new TsunaguExtensions
        {
            Assignment = One("assignment") is { } a
                ? new TaskAssignment
                {
                    CandidateInstitution = AttrExpression(a, "candidateInstitution"),
                    CandidateRole = AttrExpression(a, "candidateRole"),
                    CandidateUser = AttrExpression(a, "candidateUser"),
                    Decision = Attr(a, "decision"),
                }
                : null,
            FormRef = One("form") is { } form ? RequiredAttr(form, "ref") : null,
            Due = One("due") is { } due ? AttrExpression(due, "expression") ?? throw ModelParseException.At(due, "<tsunagu:due> has no 'expression' attribute.") : null,
            Handler = One("handler") is { } handler ? RequiredAttr(handler, "name") : null,
            Decision = One("decision") is { } d
                ? new DecisionReference { Ref = RequiredAttr(d, "ref"), Model = Attr(d, "model"), ResultVariable = Attr(d, "resultVariable") }
                : null,
            Inputs = [.. elements.Where(x => x.Name.LocalName == "input").Select(ReadMapping)],
            Outputs = [.. elements.Where(x => x.Name.LocalName == "output").Select(ReadMapping)],
            Retry = One("retry") is { } r ? new RetryPolicy { Attempts = Int(r, "attempts") ?? 0, Backoff = Attr(r, "backoff") } : null,
            CorrelationKey = One("correlation") is { } c ? AttrExpression(c, "key") : null,
            CalledVersion = One("calledVersion") is { } v ? ReadCalledVersion(v) : null,
        };
    }

    private static IoMapping ReadMapping(XElement e) => new()
    {
        Name = RequiredAttr(e, "name"),
        Expression = AttrExpression(e, "expression") ?? throw ModelParseException.At(e, $"<tsunagu:{e.Name.LocalName}> has no 'expression' attribute."),
    };

    private static CalledVersion ReadCalledVersion(XElement e)
    {
        var binding = Attr(e, "binding") switch
        {
            null or "latest" => CalledVersionBinding.Latest,
            "version" => CalledVersionBinding.Version,
            var other => throw ModelParseException.At(e, $"Unknown calledVersion binding '{other}': expected 'latest' or 'version'."),
        };
        var version = Int(e, "version");
        if (binding == CalledVersionBinding.Version && version is not > 0)
        {
            throw ModelParseException.At(e, "calledVersion binding 'version' needs a positive 'version'.");
        }

        return new CalledVersion { Binding = binding, Version = version };
    }

    /// <summary>An expression written in an attribute, located at the attribute.</summary>
    private static BpmnExpression? AttrExpression(XElement e, string name)
    {
        if (e.Attribute(name) is not { } attribute || Attr(e, name) is not { } text)
        {
            return null;
        }

        var (line, column) = Position(attribute);
        return new BpmnExpression { Text = text, Line = line, Column = column };
    }
}
