using Tsunagu.Engine.Model;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Execution;

/// <summary>
/// Compensation (BPMN 10.5.6, 13.5.5): completed activities with a handler are remembered per scope; a compensation
/// throw or end event runs their handlers in reverse order of completion and waits for them (unless its
/// waitForCompletion is false); a cancel end event in a transaction compensates the transaction before its cancel
/// boundary event is taken.
/// </summary>
internal sealed partial class Step
{
    /// <summary>Remembers a completed task or call activity that has a compensation handler.</summary>
    private void KeepCompensable(TokenState token, FlowNode node)
    {
        if (node is Activity and not SubProcess && _graph.CompensationHandler(node.Id) is not null)
        {
            _state.Compensations.Add(new CompensationState { Id = _state.NewId("c"), ScopeId = token.ScopeId, NodeId = node.Id });
        }
    }

    /// <summary>
    /// A subprocess completed: it stays compensable when it has a handler, a compensation event subprocess, or
    /// compensable activities inside (whose records move under its own record; otherwise they end with the scope).
    /// </summary>
    private void KeepCompensable(TokenState owner, ScopeState completed)
    {
        var inner = _state.Compensations.Where(c => c.ScopeId == completed.Id).ToList();
        if (_graph.Node(owner.NodeId) is not SubProcess { TriggeredByEvent: false } sub
            || (inner.Count == 0 && _graph.CompensationHandler(sub.Id) is null && _graph.CompensationStart(sub.Id) is null))
        {
            return;
        }

        var record = new CompensationState { Id = _state.NewId("c"), ScopeId = owner.ScopeId, NodeId = sub.Id };
        _state.Compensations.Add(record);
        inner.ForEach(c => c.ScopeId = record.Id);
    }

    /// <summary>
    /// Compensates the completed activities of the thrower's scope (of the parent scope, when thrown in a compensation
    /// event subprocess), or only the definition's activityRef. False when the thrower goes on at once: nothing to
    /// compensate, or waitForCompletion="false".
    /// </summary>
    private bool Compensate(TokenState thrower, CompensateEventDefinition definition)
    {
        var target = Scope(thrower.ScopeId);
        if (target.Kind == ScopeKind.EventSubProcess && target.ParentScopeId is { } parent)
        {
            target = Scope(parent);
        }

        return CompensateScope(thrower, target.Id, definition.ActivityRef, definition.WaitForCompletion);
    }

    private bool CompensateScope(TokenState thrower, string scopeId, string? activityRef, bool wait = true)
    {
        var records = _state.Compensations.Where(c => c.ScopeId == scopeId && (activityRef is null || c.NodeId == activityRef)).Reverse().ToList();
        if (records.Count == 0)
        {
            return false;
        }

        _state.Compensations.RemoveAll(records.Contains);

        // A thrower that does not wait leaves an entered stand-in holding the handlers' scope.
        var owner = wait ? thrower : NewToken(thrower.ScopeId, thrower.NodeId, ready: false);
        owner.Entered = !wait;
        owner.Status = TokenStatus.Waiting;
        var scope = NewScope(Scope(owner.ScopeId), owner.NodeId, ScopeKind.Compensation, owner.Id);
        owner.ChildScopeId = scope.Id;
        foreach (var record in records)
        {
            CompensateActivity(scope, record);
        }

        return wait;
    }

    /// <summary>Starts the handler of one completed activity; a subprocess runs its compensation event subprocess or compensates its insides.</summary>
    private void CompensateActivity(ScopeState scope, CompensationState record)
    {
        var node = _graph.Node(record.NodeId);
        if (_graph.CompensationHandler(node.Id) is { } handler)
        {
            NewToken(scope.Id, handler.Id);
            return;
        }

        var start = _graph.CompensationStart(node.Id);
        var records = _state.Compensations.Where(c => c.ScopeId == record.Id).Reverse().ToList();
        if (start is null && records.Count == 0)
        {
            return;
        }

        // The subprocess instance is gone: a stand-in scope, keyed by the record, holds its compensation.
        var standIn = NewToken(scope.Id, node.Id, ready: false);
        standIn.Entered = true;
        var inner = new ScopeState { Id = record.Id, ParentScopeId = scope.Id, ElementId = node.Id, Kind = ScopeKind.Compensation, OwnerTokenId = standIn.Id };
        _state.Scopes.Add(inner);
        standIn.ChildScopeId = inner.Id;
        if (start is not null)
        {
            TriggerEventSubProcess(start, inner, null);
            return;
        }

        _state.Compensations.RemoveAll(records.Contains);
        foreach (var nested in records)
        {
            CompensateActivity(inner, nested);
        }
    }

    /// <summary>The handlers under <paramref name="owner"/> are done: the thrower goes on.</summary>
    private void CompensationDone(TokenState owner)
    {
        switch (_graph.Node(owner.NodeId))
        {
            case IntermediateThrowEvent when !owner.Entered:
                Leave(owner);
                break;
            case EndEvent end when end.EventDefinitions.OfType<CancelEventDefinition>().Any():
                CancelTransaction(owner);
                break;
            default:
                Consume(owner);
                break;
        }
    }

    /// <summary>A cancel end event: compensate the transaction's completed activities, then take its cancel boundary event.</summary>
    private void Cancel(TokenState token)
    {
        if (TransactionScope(token) is not { } transaction)
        {
            Incident(token, "A cancel end event must be inside a transaction.");
            return;
        }

        if (!CompensateScope(token, transaction.Id, null))
        {
            CancelTransaction(token);
        }
    }

    private void CancelTransaction(TokenState token)
    {
        var transaction = TransactionScope(token);
        var owner = transaction?.OwnerTokenId is { } id ? Token(id) : null;
        var boundary = owner is null ? null : _graph.BoundariesOf(owner.NodeId).FirstOrDefault(b => b.EventDefinitions.OfType<CancelEventDefinition>().Any());
        if (owner is null || boundary is null)
        {
            Incident(token, "The transaction has no cancel boundary event.");
            return;
        }

        Trigger(boundary, owner.Id, null, null);
    }

    private ScopeState? TransactionScope(TokenState token)
    {
        for (var scope = _state.Scopes.FirstOrDefault(s => s.Id == token.ScopeId); scope is not null; scope = scope.ParentScopeId is { } p ? Scope(p) : null)
        {
            if (scope.Kind == ScopeKind.SubProcess && _graph.Node(scope.ElementId) is Transaction)
            {
                return scope;
            }
        }

        return null;
    }
}
