using System.Text.Json.Nodes;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Execution;

internal sealed partial class Step
{
    public const string ErrorPrefix = "error:";

    private void End(TokenState token, EndEvent end)
    {
        var definition = end.EventDefinitions.Count > 0 ? end.EventDefinitions[0] : null;
        switch (definition)
        {
            case TerminateEventDefinition:
                Terminate(Scope(token.ScopeId));
                return;
            case ErrorEventDefinition error:
                ThrowError(token, ErrorCode(error.ErrorRef));
                return;
            case EscalationEventDefinition escalation:
                ThrowEscalation(token, EscalationCode(escalation.EscalationRef), consume: true);
                return;
            case CancelEventDefinition:
                Cancel(token);
                return;
            case CompensateEventDefinition compensate when Compensate(token, compensate):
                return;
        }

        foreach (var thrown in end.EventDefinitions)
        {
            Emit(token, thrown);
        }

        if (_state.Tokens.Contains(token))
        {
            Consume(token);
        }
    }

    private void Throw(TokenState token, IntermediateThrowEvent throwing)
    {
        foreach (var definition in throwing.EventDefinitions)
        {
            switch (definition)
            {
                case LinkEventDefinition link:
                    var target = _graph.LinkTarget(_graph.Node(token.NodeId).ParentId, link.Name);
                    if (target is null)
                    {
                        Incident(token, $"No catching link event named '{link.Name}'.");
                        return;
                    }

                    token.NodeId = target.Id;
                    Leave(token);
                    return;
                case EscalationEventDefinition escalation:
                    ThrowEscalation(token, EscalationCode(escalation.EscalationRef), consume: false);
                    return;
                case CompensateEventDefinition compensate when Compensate(token, compensate):
                    return;
                default:
                    Emit(token, definition);
                    break;
            }
        }

        // A signal caught in this instance may have interrupted the thrower's own scope.
        if (_state.Tokens.Contains(token))
        {
            Leave(token);
        }
    }

    private void Catch(TokenState token, IntermediateCatchEvent catching)
    {
        if (catching.EventDefinitions.Count == 0 || catching.EventDefinitions.All(d => d is LinkEventDefinition))
        {
            Leave(token);
            return;
        }

        token.Status = TokenStatus.Waiting;
        foreach (var definition in catching.EventDefinitions)
        {
            Arm(token, catching.Id, definition, scope: null);
        }

        if (_state.Jobs.All(j => j.TokenId != token.Id) && _state.Subscriptions.All(s => s.TokenId != token.Id))
        {
            Incident(token, $"Catch event '{catching.Id}' waits for nothing it can receive.");
        }
    }

    /// <summary>Sets up the trigger of an event definition for a waiting token or (event subprocess start) a scope.</summary>
    private void Arm(TokenState? token, string nodeId, EventDefinition definition, ScopeState? scope)
    {
        switch (definition)
        {
            case TimerEventDefinition timer:
                ArmTimer(token, nodeId, timer, scope);
                break;
            case MessageEventDefinition message:
                Subscribe(token, SubscriptionKind.Message, MessageName(message.MessageRef), nodeId, _graph.Node(nodeId).Extensions.CorrelationKey, scope);
                break;
            case SignalEventDefinition signal:
                Subscribe(token, SubscriptionKind.Signal, SignalName(signal.SignalRef), nodeId, null, scope);
                break;
            case ConditionalEventDefinition:
                _conditionsStale = true;
                _state.Subscriptions.Add(new SubscriptionState { Id = Guid.NewGuid(), Kind = SubscriptionKind.Conditional, Name = nodeId, NodeId = nodeId, TokenId = token?.Id, ScopeId = scope?.Id });
                break;
        }
    }

    private void ArmTimer(TokenState? token, string nodeId, TimerEventDefinition timer, ScopeState? scope)
    {
        var payload = scope is null ? null : new JsonObject { ["scope"] = scope.Id };
        if (timer.TimeCycle is { } cycle)
        {
            var text = TimerCycle.TryParse(cycle.Text, out _) ? cycle.Text : EvaluateTimer(token, scope, cycle) as string;
            if (text is null || !TimerCycle.TryParse(text, out var parsed))
            {
                IncidentOrFail(token, $"Timer cycle '{cycle.Text}' of '{nodeId}' is not an ISO 8601 repeating interval with a positive interval and count.");
            }
            else if (parsed.TryFirst(Now, out var first))
            {
                AddTick(token, nodeId, payload, first);
            }

            return;
        }

        var expression = timer.TimeDuration ?? timer.TimeDate;
        if (expression is not null && DueOf(expression, () => EvaluateTimer(token, scope, expression)) is { } due)
        {
            AddJob(JobKind.Timer, token, nodeId, payload, due);
        }
        else
        {
            IncidentOrFail(token, $"Timer of '{nodeId}' has no valid date or duration.");
        }
    }

    private void AddTick(TokenState? token, string? nodeId, JsonObject? payload, CycleTick tick)
    {
        var job = AddJob(JobKind.Timer, token, nodeId, payload, tick.Due);
        job.Repeat = tick.Remaining;
        job.Interval = tick.Interval.ToString();
        job.CycleOrigin = tick.Origin;
        job.CycleIndex = tick.Index;
        job.CycleEnd = tick.End;
    }

    /// <summary>When an expression falls due: its text as ISO 8601 when it is that, else its FEEL value (see <see cref="Timers.TryDue"/>).</summary>
    private DateTimeOffset? DueOf(BpmnExpression expression, Func<object?> evaluate) =>
        Timers.TryDue(expression.Text, Now, out var due) || Timers.TryDue(evaluate(), Now, out due) ? due : null;

    private object? EvaluateTimer(TokenState? token, ScopeState? scope, BpmnExpression expression) =>
        _graph.Expression(expression).Evaluate(Visible(token?.ScopeId ?? scope?.Id ?? ""), new Rules.Feel.FeelEvaluationContext(_options.Time));

    private void IncidentOrFail(TokenState? token, string message)
    {
        if (token is not null)
        {
            Incident(token, message);
        }
        else
        {
            Fail(message);
        }
    }

    private void Subscribe(TokenState? token, SubscriptionKind kind, string name, string nodeId, BpmnExpression? correlation, ScopeState? scope = null)
    {
        var key = correlation is null ? null
            : token is not null ? Evaluate(token, correlation)?.ToString()
            : scope is not null ? _graph.Expression(correlation).Evaluate(Visible(scope.Id), new Rules.Feel.FeelEvaluationContext(_options.Time))?.ToString()
            : null;
        var subscription = new SubscriptionState { Id = Guid.NewGuid(), Kind = kind, Name = name, CorrelationKey = key, NodeId = nodeId, TokenId = token?.Id, ScopeId = scope?.Id };
        _state.Subscriptions.Add(subscription);
        if (kind == SubscriptionKind.Signal && token is not null && _signalsInStep.Any(s => s.Name == name && s.InFlight.Contains(token.Id)))
        {
            _lateSignals.Enqueue(subscription);
        }
    }

    private void ArmBoundaries(TokenState token, Activity activity)
    {
        foreach (var boundary in _graph.BoundariesOf(activity.Id))
        {
            foreach (var definition in boundary.EventDefinitions)
            {
                Arm(token, boundary.Id, definition, scope: null);
            }
        }
    }

    private void ArmEventSubProcesses(ScopeState scope)
    {
        foreach (var sub in _graph.EventSubProcessesOf(scope.ElementId))
        {
            foreach (var start in _graph.Process.Nodes.Values.OfType<StartEvent>().Where(s => s.ParentId == sub.Id))
            {
                foreach (var definition in start.EventDefinitions)
                {
                    Arm(null, start.Id, definition, scope);
                }
            }
        }
    }

    /// <summary>A timer job fell due: fire the catch event, boundary event or event-subprocess start it belongs to.</summary>
    public void FireTimer(JobState job)
    {
        var node = _graph.Node(job.NodeId!);
        Consume(job, rearm: node is not IntermediateCatchEvent);
        Trigger(node, job.TokenId, job.Payload?["scope"]?.GetValue<string>(), null);
    }

    /// <summary>Removes a fired timer job and, for a time cycle with ticks left, schedules the next one.</summary>
    private void Consume(JobState job, bool rearm)
    {
        _state.Jobs.Remove(job);
        // The next tick not yet past: a host that was down fires a missed cycle once, not once per tick.
        if (rearm && job.Interval is not null && IsoDuration.TryParse(job.Interval, out var interval)
            && new CycleTick(job.CycleOrigin ?? job.DueAt, job.CycleIndex, job.Repeat, job.CycleEnd, interval, job.DueAt).TryNext(Now, out var next))
        {
            AddTick(job.TokenId is null ? null : Token(job.TokenId), job.NodeId, job.Payload?.DeepClone().AsObject(), next);
        }
    }

    /// <summary>
    /// For the holder of a process's timer start events (see <see cref="InstanceState.StartsOnTimer"/>): arms every
    /// top-level timer start event. Each firing starts a new instance; the holder itself runs nothing.
    /// </summary>
    public void ArmStartTimers()
    {
        foreach (var start in _graph.TriggeredStarts)
        {
            foreach (var timer in start.EventDefinitions.OfType<TimerEventDefinition>())
            {
                ArmTimer(null, start.Id, timer, scope: null);
            }
        }
    }

    /// <summary>The holder's timer fired (an instance was started for it): drop the job, keep the cycle going.</summary>
    public void StartTimerFired(JobState job) => Consume(job, rearm: true);

    /// <summary>A message or signal arrived for a subscription.</summary>
    public void Receive(SubscriptionState subscription, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        // Non-interrupting event-subprocess starts and boundary events stay armed: they may fire again.
        var node = _graph.Node(subscription.NodeId);
        if (node is not (StartEvent { IsInterrupting: false } or BoundaryEvent { CancelActivity: false }))
        {
            _state.Subscriptions.Remove(subscription);
        }

        Trigger(node, subscription.TokenId, subscription.ScopeId, variables);
    }

    private void Trigger(FlowNode node, string? tokenId, string? scopeId, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        Record(HistoryKind.EventCaught, node.Id, tokenId);
        if (tokenId is not null && AwaitsOtherTriggers(node, tokenId))
        {
            return;
        }

        switch (node)
        {
            case BoundaryEvent boundary when tokenId is not null && Token(tokenId) is { } activity:
                TriggerBoundary(boundary, activity, variables);
                break;
            case StartEvent start when scopeId is not null && _state.Scopes.FirstOrDefault(s => s.Id == scopeId) is { } scope:
                TriggerEventSubProcess(start, scope, variables);
                break;
            default:
                if (tokenId is not null && Token(tokenId) is { } waiting)
                {
                    Caught(waiting, node, variables);
                }

                break;
        }
    }

    /// <summary>A parallel multiple event (BPMN 10.5.1) occurs only once every one of its triggers has; each arrival disarms only its own.</summary>
    private bool AwaitsOtherTriggers(FlowNode node, string tokenId) =>
        node is IntermediateCatchEvent { ParallelMultiple: true } or BoundaryEvent { ParallelMultiple: true }
        && (_state.Subscriptions.Any(s => s.TokenId == tokenId && s.NodeId == node.Id)
            || _state.Jobs.Any(j => j.TokenId == tokenId && j.NodeId == node.Id && j.Kind == JobKind.Timer));

    /// <summary>A waiting token's event happened: at a catch event or receive task it moves on; at an event-based gateway it takes that branch.</summary>
    private void Caught(TokenState token, FlowNode node, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        Disarm(token);
        if (token.NodeId != node.Id)
        {
            var flow = _graph.Outgoing[token.NodeId].First(f => f.TargetRef == node.Id);
            token.NodeId = node.Id;
            token.ViaFlow = flow.Id;
            Record(HistoryKind.TokenMoved, node.Id, token.Id, new JsonObject { ["flow"] = flow.Id });
        }

        SetAll(token, variables);
        token.Status = TokenStatus.Ready;
        if (node is ReceiveTask)
        {
            CompleteActivity(token, null);
        }
        else
        {
            Leave(token);
        }
    }

    private void SetAll(TokenState token, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        foreach (var (name, value) in variables ?? new Dictionary<string, JsonNode?>())
        {
            SetVariable(token.ScopeId, name, value, token.NodeId);
        }
    }

    private void TriggerBoundary(BoundaryEvent boundary, TokenState activity, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        var scopeId = activity.ScopeId;
        if (boundary.CancelActivity)
        {
            CancelToken(activity);
        }

        var token = NewToken(scopeId, boundary.Id);
        SetAll(token, variables);
    }

    private void TriggerEventSubProcess(StartEvent start, ScopeState scope, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        if (start.IsInterrupting)
        {
            foreach (var token in _state.Tokens.Where(t => t.ScopeId == scope.Id).ToList())
            {
                CancelToken(token);
            }

            _state.Subscriptions.RemoveAll(s => s.ScopeId == scope.Id && s.TokenId is null);
            _state.Jobs.RemoveAll(j => j.TokenId is null && j.Payload?["scope"]?.GetValue<string>() == scope.Id);
        }

        var owner = NewToken(scope.Id, start.ParentId, ready: false);
        owner.Entered = true;
        var inner = NewScope(scope, start.ParentId, ScopeKind.EventSubProcess, owner.Id);
        owner.ChildScopeId = inner.Id;
        Record(HistoryKind.ActivityStarted, start.ParentId, owner.Id);
        var first = NewToken(inner.Id, start.Id);
        SetAll(first, variables);
    }

    private void Terminate(ScopeState scope)
    {
        foreach (var token in _state.Tokens.Where(t => t.ScopeId == scope.Id).ToList())
        {
            CancelToken(token);
        }

        if (scope.Kind == ScopeKind.Process)
        {
            Finish(InstanceStatus.Terminated, null);
        }
        else
        {
            CompleteScopeIfDone(scope.Id);
        }
    }

    private string MessageName(string? messageRef) => _graph.Definitions.Messages.FirstOrDefault(m => m.Id == messageRef)?.Name ?? messageRef ?? "";

    private string SignalName(string? signalRef) => _graph.Definitions.Signals.FirstOrDefault(s => s.Id == signalRef)?.Name ?? signalRef ?? "";

    private string ErrorCode(string? errorRef) => _graph.Definitions.Errors.FirstOrDefault(e => e.Id == errorRef)?.ErrorCode ?? errorRef ?? "";

    private string EscalationCode(string? escalationRef) => _graph.Definitions.Escalations.FirstOrDefault(e => e.Id == escalationRef)?.EscalationCode ?? escalationRef ?? "";
}
