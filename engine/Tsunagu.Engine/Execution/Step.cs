using System.Text.Json.Nodes;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Execution;

/// <summary>
/// One step of an instance: from one set of wait states to the next, inside one transaction. Commands put tokens on
/// the agenda; <see cref="RunAsync"/> moves them until every token waits or is gone (BPMN 2.0 chapter 13 semantics).
/// </summary>
internal sealed partial class Step
{
    private readonly ProcessGraph _graph;
    private readonly InstanceState _state;
    private readonly EngineOptions _options;
    private readonly Queue<TokenState> _agenda = new();
    private readonly List<HistoryEvent> _history = [];

    /// <summary>Signals thrown in this step, with the tokens that were in flight at the throw.</summary>
    private readonly List<(string Name, HashSet<string> InFlight)> _signalsInStep = [];
    private readonly Queue<SubscriptionState> _lateSignals = new();

    /// <summary>A variable changed or a conditional event was armed: conditions are re-checked before the next node runs.</summary>
    private bool _conditionsStale;

    public Step(ProcessGraph graph, InstanceState state, EngineOptions options, string actor)
    {
        _graph = graph;
        _state = state;
        _options = options;
        Actor = actor;
        Now = options.Time.GetUtcNow();
    }

    public string Actor { get; }

    public DateTimeOffset Now { get; }

    public InstanceState State => _state;

    public IReadOnlyList<HistoryEvent> History => _history;

    public bool IsActive => _state.Status == InstanceStatus.Active;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        do
        {
            while (IsActive && NextToken() is { } token)
            {
                Spend();
                await ExecuteAsync(token, cancellationToken);
                CheckTokens();
            }
        }
        while (IsActive && Released());
    }

    /// <summary>Wakes what waits on the whole state (conditional events, inclusive joins); each wake counts as a step.</summary>
    private bool Released()
    {
        if (!TriggerConditionals() && !ReleaseInclusiveJoins())
        {
            return false;
        }

        Spend();
        return true;
    }

    /// <summary>The next token to move; conditional events see every variable change before it (BPMN 10.5.1).</summary>
    private TokenState? NextToken()
    {
        DeliverLateSignals();
        if (_conditionsStale)
        {
            TriggerConditionals();
        }

        while (IsActive && _agenda.TryDequeue(out var token))
        {
            if (token.Status == TokenStatus.Ready && _state.Tokens.Contains(token))
            {
                return token;
            }
        }

        return null;
    }

    private async Task ExecuteAsync(TokenState token, CancellationToken cancellationToken)
    {
        switch (_graph.Node(token.NodeId))
        {
            case StartEvent:
            case BoundaryEvent:
                Leave(token);
                break;
            case EndEvent end:
                End(token, end);
                break;
            case IntermediateThrowEvent throwing:
                Throw(token, throwing);
                break;
            case IntermediateCatchEvent catching:
                Catch(token, catching);
                break;
            case Gateway gateway:
                Gateway(token, gateway);
                break;
            case Activity activity:
                await EnterActivityAsync(token, activity, cancellationToken);
                break;
        }
    }

    // ---- tokens and scopes ----

    public ScopeState Scope(string id) => _state.Scopes.First(s => s.Id == id);

    public ScopeState Root => _state.Scopes.First(s => s.ParentScopeId is null);

    public TokenState? Token(string id) => _state.Tokens.FirstOrDefault(t => t.Id == id);

    public TokenState NewToken(string scopeId, string nodeId, string? viaFlow = null, bool ready = true)
    {
        var token = new TokenState { Id = _state.NewId("t"), ScopeId = scopeId, NodeId = nodeId, ViaFlow = viaFlow, Status = ready ? TokenStatus.Ready : TokenStatus.Waiting };
        _state.Tokens.Add(token);
        if (ready)
        {
            _agenda.Enqueue(token);
        }

        return token;
    }

    public ScopeState NewScope(ScopeState? parent, string elementId, ScopeKind kind, string? ownerTokenId)
    {
        var scope = new ScopeState { Id = _state.NewId("s"), ParentScopeId = parent?.Id, ElementId = elementId, Kind = kind, OwnerTokenId = ownerTokenId };
        _state.Scopes.Add(scope);
        ArmEventSubProcesses(scope);
        return scope;
    }

    /// <summary>Starts the instance at its none start event (or at <paramref name="startNodeId"/>, a triggered start).</summary>
    public void Start(IReadOnlyDictionary<string, JsonNode?> variables, string? startNodeId)
    {
        var root = NewScope(null, _graph.Process.Id, ScopeKind.Process, null);

        // Process properties are instance data from the start, unset until written.
        foreach (var property in _graph.Process.Properties)
        {
            root.Variables[property.Id] = null;
        }

        foreach (var (name, value) in variables)
        {
            CheckVariable(root, name, value);
            root.Variables[name] = value?.DeepClone();
        }

        Record(HistoryKind.InstanceStarted, null, null, new JsonObject { ["variables"] = new JsonArray([.. variables.Keys.Select(k => (JsonNode?)k)]) });
        var start = startNodeId ?? _graph.NoneStart(_graph.Process.Id)?.Id;
        if (start is null)
        {
            Fail("The process has no none start event.");
            return;
        }

        if (_graph.Node(start) is ReceiveTask)
        {
            // An instantiating receive task: the message that started the instance is the one it waited for.
            var token = NewToken(root.Id, start, ready: false);
            token.Entered = true;
            Record(HistoryKind.ActivityStarted, start, token.Id);
            CompleteActivity(token, null);
            return;
        }

        NewToken(root.Id, start);
    }

    public void Resume(TokenState token)
    {
        token.Status = TokenStatus.Ready;
        _agenda.Enqueue(token);
    }

    /// <summary>Takes the outgoing sequence flows of the token's node (conditions and default per BPMN 13.2).</summary>
    private void Leave(TokenState token)
    {
        var node = _graph.Node(token.NodeId);
        var flows = _graph.Outgoing[node.Id];
        if (flows.Count == 0)
        {
            Consume(token);
            return;
        }

        var defaultFlow = node switch
        {
            Activity a => a.Default,
            ExclusiveGateway g => g.Default,
            InclusiveGateway g => g.Default,
            ComplexGateway g => g.Default,
            _ => null,
        };
        var taken = new List<SequenceFlow>();
        var conditionHeld = false;
        foreach (var flow in flows)
        {
            if (flow.Id == defaultFlow)
            {
                continue;
            }

            if (flow.ConditionExpression is null)
            {
                taken.Add(flow);
            }
            else if (Condition(token, flow.ConditionExpression) is not { } holds)
            {
                return;
            }
            else if (holds)
            {
                taken.Add(flow);
                conditionHeld = true;
            }
        }

        // The default flow is taken when no conditional flow holds (unconditional flows do not count, BPMN 10.5.1).
        if (!conditionHeld && defaultFlow is not null)
        {
            taken.Add(flows.First(f => f.Id == defaultFlow));
        }

        if (node is Activity { CompletionQuantity: > 1 } producer)
        {
            taken = [.. taken.SelectMany(f => Enumerable.Repeat(f, producer.CompletionQuantity))];
        }

        if (taken.Count == 0)
        {
            Incident(token, $"No outgoing sequence flow of '{node.Id}' can be taken.");
            return;
        }

        Move(token, taken);
    }

    private void Move(TokenState token, IReadOnlyList<SequenceFlow> flows)
    {
        for (var i = 0; i < flows.Count; i++)
        {
            var moving = i == 0 ? token : NewToken(token.ScopeId, flows[i].TargetRef, flows[i].Id, ready: false);
            moving.NodeId = flows[i].TargetRef;
            moving.ViaFlow = flows[i].Id;
            moving.Entered = false;
            moving.Attempts = 0;
            moving.LoopCounter = 0;
            moving.ChildScopeId = null;
            moving.ChildInstanceId = null;
            Record(HistoryKind.TokenMoved, flows[i].TargetRef, moving.Id, new JsonObject { ["flow"] = flows[i].Id });
            Resume(moving);
        }
    }

    /// <summary>The token is done; its scope may be complete now.</summary>
    private void Consume(TokenState token)
    {
        _state.Tokens.Remove(token);
        CancelRemainingWhenAdHocDone(token.ScopeId);
        CompleteScopeIfDone(token.ScopeId);
    }

    private void CompleteScopeIfDone(string scopeId)
    {
        if (!IsActive || _state.Tokens.Any(t => t.ScopeId == scopeId))
        {
            return;
        }

        var scope = _state.Scopes.FirstOrDefault(s => s.Id == scopeId);
        if (scope is null || (scope.Kind == ScopeKind.SubProcess && _graph.Node(scope.ElementId) is AdHocSubProcess adHoc && AdHocContinues(scope, adHoc)))
        {
            return;
        }

        switch (scope.Kind)
        {
            case ScopeKind.Process:
                Finish(InstanceStatus.Completed, null);
                break;
            case ScopeKind.MultiInstanceItem:
                MultiInstanceItemDone(scope);
                break;
            case ScopeKind.MultiInstanceBody:
                break;
            case ScopeKind.Compensation:
                var thrower = Token(scope.OwnerTokenId!)!;
                RemoveScope(scope);
                thrower.ChildScopeId = null;
                CompensationDone(thrower);
                break;
            default:
                var owner = Token(scope.OwnerTokenId!)!;
                KeepCompensable(owner, scope);
                RemoveScope(scope);
                owner.ChildScopeId = null;
                CompleteActivity(owner, null);
                break;
        }
    }

    private void RemoveScope(ScopeState scope)
    {
        foreach (var child in _state.Scopes.Where(s => s.ParentScopeId == scope.Id).ToList())
        {
            RemoveScope(child);
        }

        foreach (var token in _state.Tokens.Where(t => t.ScopeId == scope.Id).ToList())
        {
            CancelToken(token);
        }

        _state.Subscriptions.RemoveAll(s => s.ScopeId == scope.Id && s.TokenId is null);
        _state.Jobs.RemoveAll(j => j.TokenId is null && j.Payload?["scope"]?.GetValue<string>() == scope.Id);
        _state.Compensations.RemoveAll(c => c.ScopeId == scope.Id);
        _state.Scopes.Remove(scope);
    }

    /// <summary>Stops a token and everything under it (its child scope, task, timers, subscriptions, called instance).</summary>
    private void CancelToken(TokenState token)
    {
        if (token.ChildScopeId is { } child && _state.Scopes.FirstOrDefault(s => s.Id == child) is { } scope)
        {
            RemoveScope(scope);
        }

        // A called instance not started yet is simply never started; one already started is cancelled after this step.
        if (token.ChildInstanceId is { } childInstance && _state.Jobs.RemoveAll(j => j.TokenId == token.Id && j.Kind == JobKind.StartChild) == 0)
        {
            AddJob(JobKind.Deliver, null, null, new JsonObject { ["cancelInstance"] = childInstance.ToString() });
        }

        Disarm(token);
        _state.Tasks.RemoveAll(t => t.TokenId == token.Id);
        _state.Incidents.RemoveAll(i => i.TokenId == token.Id);
        if (_state.Tokens.Remove(token) && _graph.Node(token.NodeId) is Activity)
        {
            Record(HistoryKind.ActivityCancelled, token.NodeId, token.Id);
        }
    }

    /// <summary>Removes the token's timers and subscriptions (boundary events, catch events, event-based gateway).</summary>
    private void Disarm(TokenState token)
    {
        _state.Jobs.RemoveAll(j => j.TokenId == token.Id && j.Kind is JobKind.Timer or JobKind.Retry);
        _state.Subscriptions.RemoveAll(s => s.TokenId == token.Id);
    }

    public JobState AddJob(JobKind kind, TokenState? token, string? nodeId, JsonObject? payload, DateTimeOffset? dueAt = null)
    {
        CheckJobPayload(payload);
        var job = new JobState { Id = Guid.CreateVersion7(Now), Kind = kind, DueAt = dueAt ?? Now, TokenId = token?.Id, NodeId = nodeId, Payload = payload };
        _state.Jobs.Add(job);
        return job;
    }

    public void Record(HistoryKind kind, string? nodeId, string? tokenId, JsonObject? data = null) => _history.Add(new HistoryEvent
    {
        InstanceId = _state.Id,
        ProcessKey = _state.ProcessKey,
        ProcessVersion = _state.ProcessVersion,
        Kind = kind,
        NodeId = nodeId,
        TokenId = tokenId,
        Actor = Actor,
        At = Now,
        Data = Bounded(data),
    });
}
