using System.Text.Json.Nodes;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Runtime;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Execution;

internal sealed partial class Step
{
    private bool IsMultiInstanceItem(TokenState token, Activity activity) =>
        _state.Scopes.FirstOrDefault(s => s.Id == token.ScopeId) is { Kind: ScopeKind.MultiInstanceItem } scope && scope.ElementId == activity.Id;

    /// <summary>
    /// Creates the multi-instance body: one item per collection element (or <c>loopCardinality</c> items), all at once
    /// (parallel) or one after another (sequential). The activity token waits for the body.
    /// </summary>
    private void StartMultiInstance(TokenState token, Activity activity, MultiInstanceLoopCharacteristics multi)
    {
        var items = Items(token, multi);
        if (items is null)
        {
            Incident(token, $"Multi-instance '{activity.Id}' has neither a valid collection nor a cardinality.");
            return;
        }

        if (items.Count > _options.MaxMultiInstanceItems)
        {
            Incident(token, $"Multi-instance '{activity.Id}' has more than {_options.MaxMultiInstanceItems} items.");
            return;
        }

        token.Status = TokenStatus.Waiting;
        var body = NewScope(Scope(token.ScopeId), activity.Id, ScopeKind.MultiInstanceBody, token.Id);
        body.ItemCount = items.Count;
        body.Outputs = [.. Enumerable.Repeat<JsonNode?>(null, items.Count)];
        body.Variables["items"] = new JsonArray([.. items.Select(i => i?.DeepClone())]);
        token.ChildScopeId = body.Id;
        if (items.Count == 0)
        {
            FinishMultiInstance(body);
            return;
        }

        for (var i = 0; i < (multi.IsSequential ? 1 : items.Count); i++)
        {
            StartItem(body, activity, i);
        }
    }

    private List<JsonNode?>? Items(TokenState token, MultiInstanceLoopCharacteristics multi)
    {
        if (multi.InputCollection is { } collection)
        {
            var value = Visible(token.ScopeId).TryGet(collection, out var variable) ? variable
                : Evaluate(token, new BpmnExpression { Text = collection });
            return value is FeelList list ? [.. list.Items.Select(ToJson)] : null;
        }

        if (multi.LoopCardinality is { } cardinality && Evaluate(token, cardinality) is FeelNumber n && n.TryToInt32(out var count) && count >= 0)
        {
            // One past the limit is enough to refuse it, without building a huge list first.
            return [.. Enumerable.Range(1, Math.Min(count, _options.MaxMultiInstanceItems + 1)).Select(i => (JsonNode?)JsonValue.Create(i))];
        }

        return null;
    }

    private void StartItem(ScopeState body, Activity activity, int index)
    {
        var multi = (MultiInstanceLoopCharacteristics)activity.LoopCharacteristics!;
        var item = NewScope(body, activity.Id, ScopeKind.MultiInstanceItem, null);
        item.LoopCounter = index;
        item.Variables["loopCounter"] = JsonValue.Create(index + 1);
        if (multi.InputElement is { } element)
        {
            item.Variables[element] = ((JsonArray)body.Variables["items"]!)[index]?.DeepClone();
        }

        NewToken(item.Id, activity.Id);
    }

    /// <summary>Keeps an item's contribution to the output collection.</summary>
    private void CollectItemOutput(TokenState token, Activity activity)
    {
        var item = Scope(token.ScopeId);
        var body = Scope(item.ParentScopeId!);
        if (activity.LoopCharacteristics is MultiInstanceLoopCharacteristics { OutputElement: { } output })
        {
            var visible = Visible(item.Id);
            var value = visible.TryGet(output, out var named) ? named : Evaluate(token, new BpmnExpression { Text = output });
            body.Outputs![item.LoopCounter] = ToJson(value);
        }
    }

    private void MultiInstanceItemDone(ScopeState item)
    {
        var body = Scope(item.ParentScopeId!);
        var activity = (Activity)_graph.Node(body.ElementId);
        var multi = (MultiInstanceLoopCharacteristics)activity.LoopCharacteristics!;
        body.Completed++;
        var cut = ThrowBehaviorEvents(item, body, activity, multi);
        var done = cut || body.Completed >= body.ItemCount || (multi.CompletionCondition is { } condition && Holds(item, body, condition));
        RemoveScope(item);
        if (done)
        {
            FinishMultiInstance(body);
        }
        else if (multi.IsSequential)
        {
            StartItem(body, activity, body.Completed);
        }
    }

    /// <summary>A completion or complex-behavior condition, with the multi-instance counters (BPMN 10.2.8).</summary>
    private bool Holds(ScopeState item, ScopeState body, BpmnExpression condition)
    {
        var counters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["nrOfInstances"] = JsonValue.Create(body.ItemCount),
            ["nrOfCompletedInstances"] = JsonValue.Create(body.Completed),
            ["nrOfActiveInstances"] = JsonValue.Create(_state.Scopes.Count(s => s.ParentScopeId == body.Id) - 1),
        };
        return _graph.Expression(condition).Evaluate(Visible(item.Id, counters), new Rules.Feel.FeelEvaluationContext(_options.Time)) is true;
    }

    /// <summary>
    /// The behavior's implicit throw events after an item completed (BPMN 10.2.8): None throws for every item, One for
    /// the first, Complex for each definition whose condition holds — and then ends the activity, cancelling the items
    /// left (true). They reach the activity's own boundary events and never interrupt it.
    /// </summary>
    private bool ThrowBehaviorEvents(ScopeState item, ScopeState body, Activity activity, MultiInstanceLoopCharacteristics multi)
    {
        var owner = Token(body.OwnerTokenId!)!;
        switch (multi.Behavior)
        {
            case "None" when multi.NoneBehaviorEvent is { } none:
                ThrowFromActivity(owner, activity, none);
                return false;
            case "One" when body.Completed == 1 && multi.OneBehaviorEvent is { } one:
                ThrowFromActivity(owner, activity, one);
                return false;
            case "Complex":
                var fired = multi.ComplexBehaviorDefinitions.Where(d => d.Condition is { } condition && Holds(item, body, condition)).ToList();
                foreach (var definition in fired.SelectMany(d => d.EventDefinitions))
                {
                    ThrowFromActivity(owner, activity, definition);
                }

                return fired.Count > 0;
            default:
                return false;
        }
    }

    private void ThrowFromActivity(TokenState owner, Activity activity, EventDefinition thrown)
    {
        Record(HistoryKind.EventThrown, activity.Id, owner.Id, new JsonObject { ["behavior"] = thrown.GetType().Name });
        if (_graph.BoundariesOf(activity.Id).FirstOrDefault(b => b.EventDefinitions.Any(d => SameTrigger(d, thrown))) is { } boundary)
        {
            Record(HistoryKind.EventCaught, boundary.Id, owner.Id);
            NewToken(owner.ScopeId, boundary.Id);
        }
    }

    private bool SameTrigger(EventDefinition catching, EventDefinition thrown) => (catching, thrown) switch
    {
        (SignalEventDefinition c, SignalEventDefinition t) => SignalName(c.SignalRef) == SignalName(t.SignalRef),
        (MessageEventDefinition c, MessageEventDefinition t) => MessageName(c.MessageRef) == MessageName(t.MessageRef),
        (EscalationEventDefinition c, EscalationEventDefinition t) => c.EscalationRef is null || EscalationCode(c.EscalationRef) == EscalationCode(t.EscalationRef),
        (ErrorEventDefinition c, ErrorEventDefinition t) => c.ErrorRef is null || ErrorCode(c.ErrorRef) == ErrorCode(t.ErrorRef),
        _ => false,
    };

    private void FinishMultiInstance(ScopeState body)
    {
        var owner = Token(body.OwnerTokenId!)!;
        var activity = (Activity)_graph.Node(body.ElementId);
        var outputs = new JsonArray([.. body.Outputs!.Select(o => o?.DeepClone())]);
        RemoveScope(body);
        owner.ChildScopeId = null;
        if (activity.LoopCharacteristics is MultiInstanceLoopCharacteristics { OutputCollection: { } collection })
        {
            SetVariable(owner.ScopeId, collection, outputs, activity.Id);
        }

        Disarm(owner);
        Record(HistoryKind.ActivityCompleted, activity.Id, owner.Id);
        Leave(owner);
    }
}
