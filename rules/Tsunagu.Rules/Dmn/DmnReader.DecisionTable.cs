using System.Xml.Linq;
using Tsunagu.Rules.Dmn.Model;

namespace Tsunagu.Rules.Dmn;

/// <summary>Decision tables: clauses, rules and the checks that keep rule entries aligned with clauses.</summary>
internal sealed partial class DmnReader
{
    private DecisionTable ReadDecisionTable(XElement element)
    {
        var inputs = Children(element, "input").Select(ReadInputClause).ToList();
        var outputs = Children(element, "output").Select(ReadOutputClause).ToList();
        var annotations = Children(element, "annotation").Select(a => Attr(a, "name") ?? "").ToList();
        return new DecisionTable
        {
            HitPolicy = ReadHitPolicy(element),
            Aggregation = Attr(element, "aggregation") switch
            {
                null => Aggregation.None,
                "SUM" => Aggregation.Sum,
                "MIN" => Aggregation.Min,
                "MAX" => Aggregation.Max,
                "COUNT" => Aggregation.Count,
                var other => throw Fail(element, $"Unknown aggregation '{other}': expected SUM, MIN, MAX or COUNT."),
            },
            OutputLabel = Attr(element, "outputLabel"),
            Inputs = inputs,
            Outputs = outputs,
            RuleAnnotationClauses = annotations,
            Rules = Children(element, "rule").Select(r => ReadRule(r, inputs.Count, outputs.Count, annotations.Count)).ToList(),
        };
    }

    private static HitPolicy ReadHitPolicy(XElement element) => Attr(element, "hitPolicy") switch
    {
        null or "UNIQUE" => HitPolicy.Unique,
        "FIRST" => HitPolicy.First,
        "PRIORITY" => HitPolicy.Priority,
        "ANY" => HitPolicy.Any,
        "COLLECT" => HitPolicy.Collect,
        "RULE ORDER" => HitPolicy.RuleOrder,
        "OUTPUT ORDER" => HitPolicy.OutputOrder,
        var other => throw Fail(element, $"Unknown hit policy '{other}'."),
    };

    private InputClause ReadInputClause(XElement element) => new()
    {
        Id = Attr(element, "id"),
        Label = Attr(element, "label"),
        InputExpression = Child(element, "inputExpression") is { } expression
            ? WithCommon(ReadLiteral(expression), expression)
            : throw Fail(element, "A decision table input needs an inputExpression."),
        InputValues = TextOf(element, "inputValues"),
    };

    private OutputClause ReadOutputClause(XElement element) => new()
    {
        Id = Attr(element, "id"),
        Name = Attr(element, "name"),
        Label = Attr(element, "label"),
        TypeRef = Attr(element, "typeRef"),
        OutputValues = TextOf(element, "outputValues"),
        DefaultOutputEntry = TextOf(element, "defaultOutputEntry"),
    };

    private Rule ReadRule(XElement element, int inputCount, int outputCount, int annotationCount)
    {
        var inputs = Entries(element, "inputEntry", inputCount);
        var outputs = Entries(element, "outputEntry", outputCount);
        var annotations = Children(element, "annotationEntry").Select(EntryText).ToList();
        if (annotations.Count == 0)
        {
            // Annotations carry no logic and some tools omit the entries; keep rules aligned with the clauses.
            annotations = Enumerable.Repeat("", annotationCount).ToList();
        }
        else if (annotations.Count != annotationCount)
        {
            throw Fail(element, $"The rule has {annotations.Count} annotation entries but the table has {annotationCount} annotation columns.");
        }

        return new Rule
        {
            Id = Attr(element, "id"),
            Description = Child(element, "description") is { } description ? Trimmed(description) : null,
            InputEntries = inputs,
            OutputEntries = outputs,
            AnnotationEntries = annotations,
        };
    }

    private List<string> Entries(XElement rule, string name, int expected)
    {
        var entries = Children(rule, name).Select(EntryText).ToList();
        return entries.Count == expected
            ? entries
            : throw Fail(rule, $"The rule has {entries.Count} {name} elements but the table has {expected} matching clauses.");
    }
}
