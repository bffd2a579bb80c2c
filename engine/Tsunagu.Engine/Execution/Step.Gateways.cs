using Tsunagu.Engine.Model;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Execution;

internal sealed partial class Step
{
    private void Gateway(TokenState token, Gateway gateway)
    {
        switch (gateway)
        {
            case ParallelGateway:
                Join(token, gateway, arrived => gateway.Incoming.All(f => arrived.Any(t => t.ViaFlow == f)));
                break;
            case InclusiveGateway or ComplexGateway:
                Join(token, gateway, arrived => !_state.Tokens.Any(t => t.ScopeId == token.ScopeId && !arrived.Contains(t) && _graph.CanReach(t.NodeId, gateway.Id)));
                break;
            case ExclusiveGateway exclusive:
                Exclusive(token, exclusive);
                break;
            case EventBasedGateway:
                WaitForFirstEvent(token, gateway);
                break;
            default:
                Incident(token, $"{gateway.GetType().Name} is not supported.");
                break;
        }
    }

    /// <summary>
    /// A converging gateway waits until <paramref name="complete"/> holds for the tokens waiting at it, then one token
    /// per incoming flow (parallel) or all of them (inclusive) merge into one that leaves.
    /// </summary>
    private void Join(TokenState token, Gateway gateway, Func<List<TokenState>, bool> complete)
    {
        if (gateway.Incoming.Count <= 1)
        {
            Fork(token, gateway);
            return;
        }

        token.Status = TokenStatus.Waiting;
        var arrived = _state.Tokens.Where(t => t.ScopeId == token.ScopeId && t.NodeId == gateway.Id && t.Status == TokenStatus.Waiting).ToList();
        if (!complete(arrived))
        {
            return;
        }

        var merged = gateway is ParallelGateway
            ? gateway.Incoming.Select(f => arrived.First(t => t.ViaFlow == f)).ToList()
            : arrived;
        foreach (var other in merged.Where(t => t != token))
        {
            _state.Tokens.Remove(other);
        }

        token.Status = TokenStatus.Ready;
        Fork(token, gateway);
    }

    /// <summary>An inclusive join also fires when a path that could still have reached it ends elsewhere.</summary>
    private bool ReleaseInclusiveJoins()
    {
        var waiting = _state.Tokens.FirstOrDefault(t => t.Status == TokenStatus.Waiting && _graph.Node(t.NodeId) is InclusiveGateway or ComplexGateway
            && !_state.Tokens.Any(o => o.ScopeId == t.ScopeId && o.NodeId != t.NodeId && _graph.CanReach(o.NodeId, t.NodeId)));
        if (waiting is null)
        {
            return false;
        }

        Resume(waiting);
        return true;
    }

    /// <summary>Leaves a parallel gateway by every flow, an inclusive one by every flow whose condition holds (or the default).</summary>
    private void Fork(TokenState token, Gateway gateway)
    {
        if (gateway is ParallelGateway)
        {
            Move(token, _graph.Outgoing[gateway.Id]);
            return;
        }

        Leave(token);
    }

    private void Exclusive(TokenState token, ExclusiveGateway gateway)
    {
        foreach (var flow in _graph.Outgoing[gateway.Id].Where(f => f.Id != gateway.Default))
        {
            if (flow.ConditionExpression is null)
            {
                Move(token, [flow]);
                return;
            }

            switch (Condition(token, flow.ConditionExpression))
            {
                case null:
                    return;
                case true:
                    Move(token, [flow]);
                    return;
            }
        }

        if (gateway.Default is { } fallback)
        {
            Move(token, [_graph.Outgoing[gateway.Id].First(f => f.Id == fallback)]);
            return;
        }

        Incident(token, $"No condition of exclusive gateway '{gateway.Id}' holds and it has no default flow.");
    }

    /// <summary>The token waits for whichever event after the gateway happens first; the others are disarmed.</summary>
    private void WaitForFirstEvent(TokenState token, Gateway gateway)
    {
        token.Status = TokenStatus.Waiting;
        foreach (var flow in _graph.Outgoing[gateway.Id])
        {
            switch (_graph.Node(flow.TargetRef))
            {
                case IntermediateCatchEvent catching:
                    foreach (var definition in catching.EventDefinitions)
                    {
                        Arm(token, catching.Id, definition, scope: null);
                    }

                    break;
                case ReceiveTask receive:
                    Subscribe(token, SubscriptionKind.Message, MessageName(receive.MessageRef), receive.Id, receive.Extensions.CorrelationKey);
                    break;
            }
        }
    }
}
