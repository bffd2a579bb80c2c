using System.Text.RegularExpressions;
using System.Xml.Linq;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Validation;

/// <summary>Activities: loops, quantities, and what each kind of task needs to run.</summary>
internal static partial class TaskRules
{
    public static void Check(ValidationContext context)
    {
        foreach (var process in context.Definitions.Processes.Where(p => p.IsExecutable))
        {
            foreach (var activity in process.Nodes.Values.OfType<Activity>())
            {
                CheckActivity(context, activity);
                switch (activity)
                {
                    case ScriptTask script:
                        CheckScript(context, script);
                        break;
                    case ServiceTask service:
                        MessageTaskRules.CheckService(context, service);
                        break;
                    case BusinessRuleTask rule when rule.Extensions.Decision is null:
                        context.Add("TSU.BusinessRuleTaskWithoutDecision", rule, "A business-rule task needs <tsunagu:decision ref=\"…\"/> naming the DMN decision to evaluate.");
                        break;
                    case SendTask send:
                        MessageTaskRules.CheckSend(context, send);
                        break;
                    case ReceiveTask receive:
                        MessageTaskRules.CheckReceive(context, receive);
                        break;
                    case CallActivity call:
                        CallRules.Check(context, call);
                        break;
                    case Transaction { Method: { } method } transaction when !method.StartsWith("##", StringComparison.Ordinal) && !Uri.TryCreate(method, UriKind.Absolute, out _):
                        context.Add("EXT.060", transaction, $"Transaction method '{method}' is neither ##Compensate, ##Image, ##Store nor a URI.");
                        break;
                }
            }

            foreach (var e in process.Nodes.Values.OfType<Event>())
            {
                foreach (var message in e.EventDefinitions.OfType<MessageEventDefinition>().Where(m => m.MessageRef is null && m.OperationRef is not null))
                {
                    context.Add("EXT.127", e.Id, message.Line, message.Column, "A message event that names an operation must also name its message (messageRef).");
                }

                MessageTaskRules.CheckEventData(context, e);
            }
        }
    }

    private static void CheckActivity(ValidationContext context, Activity activity)
    {
        if (context.Find(activity.Id) is { } element && BpmnReader.Child(element, "standardLoopCharacteristics") is not null
            && BpmnReader.Child(element, "multiInstanceLoopCharacteristics") is not null)
        {
            context.Add("EXT.041", activity, "An activity has either standard loop or multi-instance characteristics, not both.");
        }

        if (activity.StartQuantity < 1)
        {
            context.Add("EXT.037", activity, $"startQuantity must be at least 1 (is {activity.StartQuantity}).");
        }

        if (activity.CompletionQuantity < 1)
        {
            context.Add("EXT.038", activity, $"completionQuantity must be at least 1 (is {activity.CompletionQuantity}).");
        }

        switch (activity.LoopCharacteristics)
        {
            case StandardLoopCharacteristics { LoopMaximum: < 0 } loop:
                context.Add("TSU.LoopMaximum", activity.Id, loop.Line, loop.Column, $"loopMaximum must not be negative (is {loop.LoopMaximum}).");
                break;
            case MultiInstanceLoopCharacteristics { LoopCardinality: null, InputCollection: null } multi:
                context.Add("EXT.067", activity.Id, multi.Line, multi.Column, "A multi-instance activity needs a loopCardinality or an input collection.");
                break;
        }
    }

    /// <summary>
    /// Without scriptFormat (which the spec requires), a script is the name of a script handler registered with the engine
    /// (the betsy markers): a single word. Anything longer must say what language it is in.
    /// </summary>
    private static void CheckScript(ValidationContext context, ScriptTask script)
    {
        if (script.ScriptFormat is { } format && !MimeType().IsMatch(format))
        {
            context.Add("EXT.145", script, $"scriptFormat '{format}' is not a MIME type.");
        }
        else if (script.ScriptFormat is null && script.Script is { } text && !HandlerName().IsMatch(text))
        {
            context.Add("EXT.053", script, "A script task without scriptFormat names a registered handler and must be a single word; give a scriptFormat for script code.");
        }
    }

    internal static XElement? OperationOf(ValidationContext context, string? operationRef) => context.Find(operationRef) is { Name.LocalName: "operation" } op ? op : null;

    [GeneratedRegex(@"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+$")]
    private static partial Regex MimeType();

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{Nd}_.-]*$")]
    private static partial Regex HandlerName();
}
