using System.Globalization;
using System.Text.RegularExpressions;
using Tsunagu.Engine.Model;
using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Syntax;

namespace Tsunagu.Engine.Validation;

/// <summary>Expressions must compile as FEEL; conditions must not be constants of another type; timers must be ISO 8601 or FEEL.</summary>
internal static partial class ExpressionRules
{
    private static readonly string[] FeelLanguages =
    [
        "https://www.omg.org/spec/DMN/20191111/FEEL/", "http://www.omg.org/spec/FEEL/20140401", "https://www.omg.org/spec/DMN/20230324/FEEL/", "feel",
    ];

    public static void Check(ValidationContext context)
    {
        foreach (var process in context.Definitions.Processes.Where(p => p.IsExecutable))
        {
            var names = VariableNames(process);
            foreach (var flow in process.SequenceFlows.Values)
            {
                Condition(context, flow.Id, flow.ConditionExpression, names);
            }

            foreach (var node in process.Nodes.Values)
            {
                CheckNode(context, node, names);
            }
        }
    }

    private static void CheckNode(ValidationContext context, FlowNode node, string[] names)
    {
        foreach (var mapping in node.Extensions.Inputs.Concat(node.Extensions.Outputs))
        {
            Compile(context, node.Id, mapping.Expression, names);
        }

        foreach (var expression in new[] { node.Extensions.CorrelationKey, node.Extensions.Assignment?.CandidateInstitution,
            node.Extensions.Assignment?.CandidateRole, node.Extensions.Assignment?.CandidateUser, node.Extensions.Due })
        {
            Compile(context, node.Id, expression, names);
        }

        switch (node)
        {
            case ComplexGateway gateway:
                Condition(context, node.Id, gateway.ActivationCondition, names);
                break;
            case AdHocSubProcess adHoc:
                Condition(context, node.Id, adHoc.CompletionCondition, names);
                break;
            case Event e:
                foreach (var definition in e.EventDefinitions)
                {
                    CheckDefinition(context, node.Id, definition, names);
                }

                break;
        }

        switch ((node as Activity)?.LoopCharacteristics)
        {
            case StandardLoopCharacteristics loop:
                Condition(context, node.Id, loop.LoopCondition, names);
                break;
            case MultiInstanceLoopCharacteristics multi:
                Compile(context, node.Id, multi.LoopCardinality, names);
                Condition(context, node.Id, multi.CompletionCondition, names);
                foreach (var behavior in multi.ComplexBehaviorDefinitions)
                {
                    Condition(context, node.Id, behavior.Condition, names);
                }

                break;
        }
    }

    private static void CheckDefinition(ValidationContext context, string nodeId, EventDefinition definition, string[] names)
    {
        switch (definition)
        {
            case ConditionalEventDefinition conditional:
                Condition(context, nodeId, conditional.Condition, names);
                break;
            case TimerEventDefinition timer:
                Timer(context, nodeId, timer.TimeDate, names, IsoTime.IsDate, "EXT.132");
                Timer(context, nodeId, timer.TimeCycle, names, IsoTime.IsCycle, "EXT.133");
                Timer(context, nodeId, timer.TimeDuration, names, IsoTime.IsDuration, "EXT.134");
                break;
        }
    }

    /// <summary>Text that looks like ISO 8601 (starts with P, R or a date) must be valid ISO 8601; anything else must be FEEL.</summary>
    private static void Timer(ValidationContext context, string nodeId, BpmnExpression? value, string[] names, Func<string, bool> isValid, string code)
    {
        if (value is null)
        {
            return;
        }

        if (IsoLike().IsMatch(value.Text))
        {
            if (!isValid(value.Text))
            {
                context.Add(code, nodeId, value.Line, value.Column, $"'{value.Text}' is not a valid ISO 8601 value for this timer.");
            }

            return;
        }

        // A lone unknown name is neither ISO 8601 nor a meaningful FEEL expression: most likely a typo.
        if (BareName().IsMatch(value.Text) && !names.Contains(value.Text))
        {
            context.Add(code, nodeId, value.Line, value.Column, $"'{value.Text}' is neither ISO 8601 nor a FEEL expression over known variables.");
            return;
        }

        Compile(context, nodeId, value, names);
    }

    private static void Condition(ValidationContext context, string nodeId, BpmnExpression? condition, string[] names)
    {
        if (condition is null)
        {
            return;
        }

        var text = condition.Text;
        if (text.StartsWith('"') || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            context.Add("EXT.071", nodeId, condition.Line, condition.Column, $"Condition '{text}' is a constant that is not boolean.");
            return;
        }

        Compile(context, nodeId, condition, names);
    }

    private static void Compile(ValidationContext context, string nodeId, BpmnExpression? expression, string[] names)
    {
        if (expression is null)
        {
            return;
        }

        if (expression.Language is { } language && !FeelLanguages.Contains(language, StringComparer.OrdinalIgnoreCase))
        {
            context.Add("TSU.ExpressionLanguage", nodeId, expression.Line, expression.Column, $"Expression language '{language}' is not supported; Tsunagu evaluates FEEL.");
            return;
        }

        try
        {
            FeelExpression.Compile(expression.Text, names);
        }
        catch (FeelSyntaxException e)
        {
            context.Add("TSU.Feel", nodeId, expression.Line, expression.Column, $"FEEL expression '{expression.Text}' does not parse at position {e.Position}: {e.Message}");
        }
    }

    /// <summary>Names a FEEL expression in the process may use, so that multi-word names are recognised.</summary>
    private static string[] VariableNames(ProcessDefinition process) =>
    [
        .. process.DataObjects.Select(d => d.Name ?? d.Id),
        .. process.Properties.Select(p => p.Name ?? p.Id),
        .. process.Nodes.Values.SelectMany(n => n.Extensions.Inputs.Concat(n.Extensions.Outputs)).Select(m => m.Name),
        .. process.Nodes.Values.OfType<Activity>().Select(a => (a.LoopCharacteristics as MultiInstanceLoopCharacteristics)?.InputElement).OfType<string>(),
        .. process.Nodes.Values.Select(n => n.Extensions.Decision?.ResultVariable).OfType<string>(),
    ];

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{Nd}_]*$")]
    private static partial Regex BareName();

    [GeneratedRegex(@"^(P|R\d*/|\d{4}-)")]
    private static partial Regex IsoLike();
}
