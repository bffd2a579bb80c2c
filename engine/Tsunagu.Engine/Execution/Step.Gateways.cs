using System.Text.Json.Nodes;
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
            case ComplexGateway { ActivationCondition: { } condition } complex when complex.Incoming.Count > 1:
                ComplexJoin(token, complex, condition);
                break;
            case InclusiveGateway or ComplexGateway:
                Join(token, gateway, arrived => !CanStillArrive(token.ScopeId, gateway, arrived));
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
    /// A converging gateway waits until <paramref name="complete"/> holds for the tokens that have arrived at it, then
    /// one token per incoming flow that has one merges into one that leaves; later arrivals wait for the next wave.
    /// </summary>
    private void Join(TokenState token, Gateway gateway, Func<List<TokenState>, bool> complete)
    {
        if (gateway.Incoming.Count <= 1)
        {
            Fork(token, gateway);
            return;
        }

        token.Status = TokenStatus.Waiting;
        var arrived = Arrived(token, gateway);
        if (!complete(arrived))
        {
            return;
        }

        Merge(token, [.. gateway.Incoming.Select(f => f == token.ViaFlow ? token : arrived.FirstOrDefault(t => t.ViaFlow == f)).OfType<TokenState>()]);
        Fork(token, gateway);
    }

    /// <summary>
    /// Tokens that came to the gateway in this scope: those waiting there and those queued to execute it (they have
    /// arrived too, or a join would fire once for each). A complex gateway's reset marker and a token stopped by an
    /// incident after the gateway fired are not arrivals.
    /// </summary>
    private List<TokenState> Arrived(TokenState token, Gateway gateway) =>
        [.. _state.Tokens.Where(t => t.ScopeId == token.ScopeId && t.NodeId == gateway.Id && !t.Entered && !HasIncident(t))];

    private bool HasIncident(TokenState token) => _state.Incidents.Any(i => i.TokenId == token.Id);

    private void Merge(TokenState token, List<TokenState> merged)
    {
        foreach (var other in merged.Where(t => t != token))
        {
            _state.Tokens.Remove(other);
        }

        token.Status = TokenStatus.Ready;
    }

    /// <summary>
    /// True while a token of the scope can still arrive on an incoming flow that has no token yet (BPMN 13.3.4): a
    /// token that can only reach flows that already have one belongs to the next wave and is not waited for.
    /// </summary>
    private bool CanStillArrive(string scopeId, Gateway gateway, List<TokenState> arrived)
    {
        var empty = gateway.Incoming.Where(f => arrived.All(t => t.ViaFlow != f)).ToList();
        return _state.Tokens.Any(t => t.ScopeId == scopeId && t.NodeId != gateway.Id && empty.Any(f => _graph.CanReach(t.NodeId, f)));
    }

    /// <summary>
    /// A complex join (BPMN 13.3.6) fires once its activation condition holds over <c>activationCount</c>, the tokens
    /// that have arrived; until the tokens still on their way have arrived too, it absorbs them (waiting for reset).
    /// An entered token parked at the gateway marks that state.
    /// </summary>
    private void ComplexJoin(TokenState token, ComplexGateway gateway, BpmnExpression condition)
    {
        token.Status = TokenStatus.Waiting;
        var marker = _state.Tokens.FirstOrDefault(t => t.ScopeId == token.ScopeId && t.NodeId == gateway.Id && t.Entered);
        if (marker is not null)
        {
            _state.Tokens.Remove(token);
            return;
        }

        var arrived = Arrived(token, gateway);
        var count = new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["activationCount"] = arrived.Count };
        if (Evaluate(token, condition, count) is not true)
        {
            return;
        }

        Merge(token, arrived);
        if (CanStillArrive(token.ScopeId, gateway, arrived))
        {
            NewToken(token.ScopeId, gateway.Id, ready: false).Entered = true;
        }

        Leave(token);
    }

    /// <summary>
    /// When no token can reach a waiting inclusive join any more it fires with what has arrived; a complex gateway
    /// waiting for reset is reset.
    /// </summary>
    private bool ReleaseInclusiveJoins()
    {
        var waiting = _state.Tokens.FirstOrDefault(t => t.Status == TokenStatus.Waiting && _graph.Node(t.NodeId) is Gateway gateway
            && AwaitsArrivals(t, gateway) && !HasIncident(t)
            && (t.Entered ? !CanStillArrive(t.ScopeId, gateway, []) : !CanStillArrive(t.ScopeId, gateway, Arrived(t, gateway))));
        if (waiting is null)
        {
            return false;
        }

        if (waiting.Entered)
        {
            Consume(waiting);
        }
        else
        {
            Resume(waiting);
        }

        return true;
    }

    private static bool AwaitsArrivals(TokenState token, Gateway gateway) => gateway.Incoming.Count > 1 && gateway switch
    {
        InclusiveGateway => true,
        ComplexGateway complex => token.Entered || complex.ActivationCondition is null,
        _ => false,
    };

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
