using System.Xml.Linq;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Parsing;

namespace Tsunagu.Engine.Validation;

/// <summary>Service, send and receive tasks and message-carrying events: their data must fit the messages they exchange.</summary>
internal static class MessageTaskRules
{
    public static void CheckService(ValidationContext context, ServiceTask task)
    {
        if (TaskRules.OperationOf(context, task.OperationRef) is { } operation)
        {
            var io = task.IoSpecification;
            if (io is null || io.InputSets.Count != 1 || io.OutputSets.Count > 1)
            {
                context.Add("EXT.042", task, "A service task calling an operation has an ioSpecification with exactly one input set and at most one output set.");
                return;
            }

            MatchSingle(context, task, "EXT.044", io.DataInputs, MessageItem(context, BpmnReader.ChildText(operation, "inMessageRef")), "input", "in-message");
            MatchSingle(context, task, "EXT.045", io.DataOutputs, MessageItem(context, BpmnReader.ChildText(operation, "outMessageRef")), "output", "out-message");
        }
        else if (task.Extensions.Handler is null)
        {
            context.Add("TSU.ServiceTaskWithoutHandler", task, "A service task needs <tsunagu:handler name=\"…\"/> naming the registered handler to call.");
        }
    }

    public static void CheckSend(ValidationContext context, SendTask task)
    {
        if (task.IoSpecification is { } io)
        {
            CheckMessageIo(context, task, task.MessageRef, io.InputSets.Count, io.DataInputs, ("EXT.046", "EXT.047", "EXT.048"), "send", "input");
        }
    }

    public static void CheckReceive(ValidationContext context, ReceiveTask task)
    {
        if (task.Instantiate && task.Incoming.Count > 0)
        {
            context.Add("EXT.049", task, "A receive task that instantiates the process starts it: it cannot have incoming flows.");
        }

        if (task.IoSpecification is { } io)
        {
            CheckMessageIo(context, task, task.MessageRef, io.OutputSets.Count, io.DataOutputs, ("EXT.050", "EXT.051", "EXT.052"), "receive", "output");
        }
    }

    /// <summary>A send (receive) task has at most one input (output) set and one data input (output): the message, of its type.</summary>
    private static void CheckMessageIo(
        ValidationContext context, Activity task, string? messageRef, int sets, IReadOnlyList<DataItem> items, (string Sets, string Items, string Match) codes, string verb, string direction)
    {
        if (sets > 1)
        {
            context.Add(codes.Sets, task, $"A {verb} task has at most one {direction} set.");
        }
        else if (items.Count > 1)
        {
            context.Add(codes.Items, task, $"A {verb} task has at most one data {direction}: the message it {verb}s.");
        }
        else if (messageRef is not null)
        {
            MatchSingle(context, task, codes.Match, items, MessageItem(context, messageRef), direction, "message");
        }
    }

    /// <summary>An event's data inputs (throw) or outputs (catch) carry its triggers' payloads, one per trigger, in order.</summary>
    public static void CheckEventData(ValidationContext context, Event e)
    {
        if (e.DataItems.Count == 0)
        {
            return;
        }

        var payloads = e.EventDefinitions.Select(d => PayloadItem(context, d)).Where(p => p.Carries).Select(p => p.Item).ToList();
        if (payloads.Count != e.DataItems.Count)
        {
            context.Add("EXT.093", e, $"The event has {e.DataItems.Count} data input(s)/output(s) for {payloads.Count} trigger(s) that carry data.");
            return;
        }

        for (var i = 0; i < payloads.Count; i++)
        {
            if (!ItemTypes.Equivalent(context, e.DataItems[i].ItemSubjectRef, payloads[i]))
            {
                context.Add("EXT.094", e.DataItems[i], $"Data item '{e.DataItems[i].Id}' does not hold the item of the trigger it carries ('{payloads[i]}').");
            }
        }
    }

    private static (bool Carries, string? Item) PayloadItem(ValidationContext context, EventDefinition definition) => definition switch
    {
        MessageEventDefinition m => (true, MessageItem(context, m.MessageRef)),
        SignalEventDefinition s => (true, ItemTypes.ItemOf(context, context.Find(s.SignalRef))),
        ErrorEventDefinition r => (true, ItemTypes.ItemOf(context, context.Find(r.ErrorRef))),
        EscalationEventDefinition x => (true, ItemTypes.ItemOf(context, context.Find(x.EscalationRef))),
        _ => (false, null),
    };

    private static string? MessageItem(ValidationContext context, string? messageRef) => ItemTypes.ItemOf(context, context.Find(messageRef));

    private static void MatchSingle(ValidationContext context, Activity task, string code, IReadOnlyList<DataItem> data, string? item, string kind, string what)
    {
        if (item is null && data.Count == 0)
        {
            return;
        }

        if (data.Count != 1 || !ItemTypes.Equivalent(context, data[0].ItemSubjectRef, item))
        {
            context.Add(code, task, $"The task needs exactly one data {kind} holding the {what}'s item '{item}'.");
        }
    }
}
