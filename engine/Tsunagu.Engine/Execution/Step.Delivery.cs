using System.Text.Json.Nodes;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Execution;

/// <summary>How thrown messages and signals, and conditions, reach their catchers.</summary>
internal sealed partial class Step
{
    /// <summary>Messages and signals leave the instance after the step commits (a Deliver job), so nothing is lost on a crash.</summary>
    private void Emit(TokenState token, EventDefinition definition)
    {
        switch (definition)
        {
            case MessageEventDefinition message:
                Deliver(SubscriptionKind.Message, MessageName(message.MessageRef), token);
                break;
            case SignalEventDefinition signal:
                var name = SignalName(signal.SignalRef);
                Deliver(SubscriptionKind.Signal, name, token);
                _signalsInStep.Add((name, [.. _agenda.Where(t => t != token).Select(t => t.Id)]));
                BroadcastHere(name);
                break;
        }
    }

    /// <summary>
    /// Queues delivery to other instances after commit. A signal's own instance is excluded there: it receives the
    /// signal at once (<see cref="BroadcastHere"/>), when its catchers are the ones waiting at the moment of the throw.
    /// </summary>
    private void Deliver(SubscriptionKind kind, string name, TokenState token)
    {
        Record(HistoryKind.EventThrown, token.NodeId, token.Id, new JsonObject { ["kind"] = kind.ToString(), ["name"] = name });
        // A message or signal carries only what the thrower maps into it (never the case's own data);
        // a message goes to the receiver its correlation key names.
        var node = _graph.Node(token.NodeId);
        var payload = new JsonObject
        {
            ["kind"] = kind.ToString(),
            ["name"] = name,
            ["variables"] = new JsonObject([.. node.Extensions.Inputs.Select(m => KeyValuePair.Create(m.Name, ToJson(Evaluate(token, m.Expression))))]),
        };
        if (kind == SubscriptionKind.Signal)
        {
            payload["except"] = _state.Id.ToString();
        }
        else
        {
            payload["correlationKey"] = node.Extensions.CorrelationKey is { } key ? Evaluate(token, key)?.ToString() : null;
        }

        AddJob(JobKind.Deliver, null, token.NodeId, payload);
    }

    /// <summary>Delivers a signal to every catcher of this instance that waits for it now (BPMN 10.5.1: a broadcast).</summary>
    private void BroadcastHere(string name)
    {
        foreach (var subscription in _state.Subscriptions.Where(s => s.Kind == SubscriptionKind.Signal && s.Name == name).ToList())
        {
            if (IsActive && _state.Subscriptions.Contains(subscription))
            {
                Receive(subscription, new Dictionary<string, JsonNode?>());
            }
        }
    }

    /// <summary>
    /// Delivers signals to tokens that were running concurrently when the signal was thrown in this step: they reach
    /// their catch event in the same instant, so they were waiting for it too.
    /// </summary>
    private void DeliverLateSignals()
    {
        while (IsActive && _lateSignals.TryDequeue(out var subscription))
        {
            if (_state.Subscriptions.Contains(subscription))
            {
                Receive(subscription, new Dictionary<string, JsonNode?>());
            }
        }
    }

    /// <summary>Fires conditional events whose condition now holds; true when any fired (the step then runs again).</summary>
    private bool TriggerConditionals()
    {
        _conditionsStale = false;
        var fired = false;
        foreach (var subscription in _state.Subscriptions.Where(s => s.Kind == SubscriptionKind.Conditional).ToList())
        {
            var node = _graph.Node(subscription.NodeId);
            var condition = node is Event e ? e.EventDefinitions.OfType<ConditionalEventDefinition>().FirstOrDefault()?.Condition : null;
            var scopeId = subscription.TokenId is { } t ? Token(t)?.ScopeId : subscription.ScopeId;
            if (condition is null || scopeId is null || !_state.Subscriptions.Contains(subscription))
            {
                continue;
            }

            var holds = _graph.Expression(condition).Evaluate(Visible(scopeId), new Rules.Feel.FeelEvaluationContext(_options.Time)) is true;
            if (holds)
            {
                _state.Subscriptions.Remove(subscription);
                Trigger(node, subscription.TokenId, subscription.ScopeId, null);
                fired = true;
            }
        }

        return fired;
    }
}
