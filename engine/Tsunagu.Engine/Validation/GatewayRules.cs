using Tsunagu.Engine.Model;

namespace Tsunagu.Engine.Validation;

internal static class GatewayRules
{
    public static void Check(ValidationContext context, ProcessDefinition process, Gateway gateway)
    {
        int incoming = gateway.Incoming.Count, outgoing = gateway.Outgoing.Count;
        if (incoming == 0 && gateway is not EventBasedGateway { Instantiate: true } || outgoing == 0)
        {
            context.Add("EXT.135", gateway, "A gateway needs incoming and outgoing sequence flows.");
        }

        else if (incoming == 1 && outgoing == 1)
        {
            context.Add("EXT.135", gateway, "A gateway with one incoming and one outgoing flow neither splits nor joins.");
        }

        switch (gateway.GatewayDirection)
        {
            case "Converging" when outgoing > 1:
                context.Add("EXT.017", gateway, "A converging gateway has at most one outgoing flow.");
                break;
            case "Diverging" when incoming > 1:
                context.Add("EXT.018", gateway, "A diverging gateway has at most one incoming flow.");
                break;
            case "Mixed" when incoming < 2 || outgoing < 2:
                context.Add("EXT.019", gateway, "A mixed gateway has several incoming and several outgoing flows.");
                break;
        }

        if (gateway is EventBasedGateway eventGateway)
        {
            CheckEventGateway(context, process, eventGateway);
        }
    }

    private static void CheckEventGateway(ValidationContext context, ProcessDefinition process, EventBasedGateway gateway)
    {
        if (gateway.GatewayDirection == "Converging")
        {
            context.Add("EXT.136", gateway, "An event-based gateway diverges: it cannot be converging.");
        }

        if (gateway.Instantiate && gateway.Incoming.Count > 0)
        {
            context.Add("EXT.142", gateway, "An instantiating event-based gateway starts the process: it cannot have incoming flows.");
        }

        if (gateway.Outgoing.Count < 2)
        {
            context.Add("EXT.135", gateway, "An event-based gateway chooses between at least two events.");
        }

        var targets = gateway.Outgoing.Select(id => process.Nodes.GetValueOrDefault(process.SequenceFlows[id].TargetRef)).OfType<FlowNode>().ToList();
        foreach (var target in targets)
        {
            var valid = target switch
            {
                ReceiveTask => true,
                IntermediateCatchEvent e => e.EventDefinitions.Count > 0 && e.EventDefinitions.All(d => d is MessageEventDefinition or TimerEventDefinition
                    or SignalEventDefinition or ConditionalEventDefinition),
                _ => false,
            };
            if (!valid)
            {
                context.Add("EXT.138", target, "After an event-based gateway only receive tasks and message, timer, signal or conditional catch events may follow.");
            }
            else if (target.Incoming.Count > 1)
            {
                context.Add("EXT.141", target, "An event after an event-based gateway cannot have other incoming flows.");
            }
            else if (target is ReceiveTask && process.Nodes.Values.OfType<BoundaryEvent>().Any(b => b.AttachedToRef == target.Id))
            {
                context.Add("EXT.140", target, "A receive task after an event-based gateway cannot have boundary events.");
            }
        }

        if (targets.Any(t => t is ReceiveTask) && targets.Any(t => t is IntermediateCatchEvent e && e.EventDefinitions.Any(d => d is MessageEventDefinition)))
        {
            context.Add("EXT.139", gateway, "An event-based gateway cannot mix receive tasks and message catch events.");
        }
    }
}
