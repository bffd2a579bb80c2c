using System.Text.Json.Nodes;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Execution;

internal sealed partial class Step
{
    /// <summary>Ends the instance: every token, task, timer and subscription goes; a parent instance is told.</summary>
    public void Finish(InstanceStatus status, string? reason)
    {
        if (!IsActive)
        {
            return;
        }

        foreach (var token in _state.Tokens.ToList())
        {
            CancelToken(token);
        }

        _state.Status = status;
        _state.EndReason = reason;
        _state.EndedAt = Now;
        _state.Tasks.Clear();
        _state.Subscriptions.Clear();
        _state.Incidents.Clear();
        _state.Jobs.RemoveAll(j => j.Kind is not (JobKind.Deliver or JobKind.NotifyParent));
        Record(status switch
        {
            InstanceStatus.Completed => HistoryKind.InstanceCompleted,
            InstanceStatus.Terminated => HistoryKind.InstanceTerminated,
            InstanceStatus.Cancelled => HistoryKind.InstanceCancelled,
            _ => HistoryKind.InstanceFailed,
        }, null, null, reason is null ? null : new JsonObject { ["reason"] = reason });
        if (_state.ParentInstanceId is { } parent)
        {
            AddJob(JobKind.NotifyParent, null, null, new JsonObject
            {
                ["parent"] = parent.ToString(),
                ["token"] = _state.ParentTokenId,
                ["status"] = status.ToString(),
                ["reason"] = reason,
                ["variables"] = VariablesObject(Root),
            });
        }
    }

    private void Fail(string message) => Finish(InstanceStatus.Failed, message);

    /// <summary>A technical failure: the token stops here until an administrator retries it.</summary>
    private void Incident(TokenState token, string message)
    {
        token.Status = TokenStatus.Waiting;
        var incident = new IncidentState { Id = _state.NewId("i"), TokenId = token.Id, NodeId = token.NodeId, Message = message, CreatedAt = Now };
        _state.Incidents.Add(incident);
        Record(HistoryKind.IncidentCreated, token.NodeId, token.Id, new JsonObject { ["incident"] = incident.Id, ["message"] = message });
    }
}
