using System.Text.Json.Nodes;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Execution;

internal sealed partial class Step
{
    /// <summary>
    /// Raises a BPMN error where <paramref name="token"/> stands: the innermost matching catch wins — a boundary on the
    /// token's own activity, then per enclosing scope an error event subprocess, then a boundary on the scope's activity.
    /// Uncaught at the top, the instance fails (and a calling instance receives the error at its call activity).
    /// </summary>
    public void ThrowError(TokenState token, string code)
    {
        Record(HistoryKind.EventThrown, token.NodeId, token.Id, new JsonObject { ["error"] = code });
        if (_graph.Node(token.NodeId) is Activity && CatchingBoundary<ErrorEventDefinition>(token.NodeId, d => Matches(ErrorCode(d.ErrorRef), d.ErrorRef, code)) is { } own)
        {
            Trigger(own, token.Id, null, null);
            return;
        }

        _state.Tokens.Remove(token);
        Disarm(token);
        if (!Propagate<ErrorEventDefinition>(Scope(token.ScopeId), d => Matches(ErrorCode(d.ErrorRef), d.ErrorRef, code)))
        {
            Finish(InstanceStatus.Failed, ErrorPrefix + code);
        }
    }

    /// <summary>Raises an escalation; catching it may or may not interrupt. Uncaught, it is recorded and the token goes on.</summary>
    private void ThrowEscalation(TokenState token, string code, bool consume)
    {
        Record(HistoryKind.EventThrown, token.NodeId, token.Id, new JsonObject { ["escalation"] = code });
        if (!Propagate<EscalationEventDefinition>(Scope(token.ScopeId), d => Matches(EscalationCode(d.EscalationRef), d.EscalationRef, code)))
        {
            EscalateToCaller(code);
        }

        if (!IsActive || !_state.Tokens.Contains(token))
        {
            return;
        }

        if (consume)
        {
            Consume(token);
        }
        else
        {
            Leave(token);
        }
    }

    /// <summary>An escalation no one here catches goes to the calling instance's call activity, if there is one.</summary>
    private void EscalateToCaller(string code)
    {
        if (_state.ParentInstanceId is { } parent)
        {
            AddJob(JobKind.Deliver, null, null, new JsonObject { ["escalateTo"] = parent.ToString(), ["token"] = _state.ParentTokenId, ["code"] = code });
        }
        else
        {
            _state.UncaughtEscalations.Add(code);
        }
    }

    /// <summary>A called instance escalated: the call activity's escalation boundary may catch it, else it goes further out.</summary>
    public void EscalationFromCalled(TokenState callActivity, string code)
    {
        Record(HistoryKind.EventCaught, callActivity.NodeId, callActivity.Id, new JsonObject { ["escalation"] = code });
        bool Catches(EscalationEventDefinition d) => Matches(EscalationCode(d.EscalationRef), d.EscalationRef, code);
        if (CatchingBoundary<EscalationEventDefinition>(callActivity.NodeId, Catches) is { } boundary)
        {
            Trigger(boundary, callActivity.Id, null, null);
        }
        else if (!Propagate<EscalationEventDefinition>(Scope(callActivity.ScopeId), Catches))
        {
            EscalateToCaller(code);
        }
    }

    private static bool Matches(string code, string? reference, string thrown) => reference is null || code == thrown;

    /// <summary>Walks out from <paramref name="scope"/> to the first event subprocess start or boundary event that catches.</summary>
    private bool Propagate<TDefinition>(ScopeState scope, Func<TDefinition, bool> catches)
        where TDefinition : EventDefinition
    {
        for (var current = scope; current is not null; current = current.ParentScopeId is { } parent ? Scope(parent) : null)
        {
            var start = _graph.EventSubProcessesOf(current.ElementId)
                .SelectMany(sub => _graph.Process.Nodes.Values.OfType<StartEvent>().Where(s => s.ParentId == sub.Id))
                .FirstOrDefault(s => s.EventDefinitions.OfType<TDefinition>().Any(catches));
            if (start is not null && current.Kind != ScopeKind.EventSubProcess)
            {
                Trigger(start, null, current.Id, null);
                return true;
            }

            if (current.OwnerTokenId is { } ownerId && Token(ownerId) is { } owner
                && CatchingBoundary(owner.NodeId, catches) is { } boundary)
            {
                Trigger(boundary, owner.Id, null, null);
                return true;
            }
        }

        return false;
    }

    private BoundaryEvent? CatchingBoundary<TDefinition>(string activityId, Func<TDefinition, bool> catches)
        where TDefinition : EventDefinition
    {
        var boundaries = _graph.BoundariesOf(activityId);
        return boundaries.FirstOrDefault(b => b.EventDefinitions.OfType<TDefinition>().Any(d => catches(d) && HasReference(d)))
            ?? boundaries.FirstOrDefault(b => b.EventDefinitions.OfType<TDefinition>().Any(catches));
    }

    private static bool HasReference(EventDefinition definition) => definition switch
    {
        ErrorEventDefinition e => e.ErrorRef is not null,
        EscalationEventDefinition e => e.EscalationRef is not null,
        _ => true,
    };
}
