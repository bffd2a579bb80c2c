using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage;

/// <summary>The query rows every store derives from an instance's state (so adapters never interpret the state themselves).</summary>
public static class StoreProjections
{
    public static IEnumerable<TaskRecord> Tasks(InstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status != InstanceStatus.Active ? [] : state.Tasks.Select(t => new TaskRecord(
            t.Id, state.Id, state.ProcessKey, t.NodeId, t.Name, t.FormRef, state.BusinessKey, t.Status, t.Assignee,
            [.. t.CandidateInstitutions], [.. t.CandidateRoles], [.. t.CandidateUsers], t.AssignmentReason, t.CreatedAt));
    }

    public static IEnumerable<DueJob> Jobs(InstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Jobs.Select(j => new DueJob(state.Id, j.Id, j.DueAt));
    }

    public static IEnumerable<SubscriptionState> Subscriptions(InstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status != InstanceStatus.Active ? [] : state.Subscriptions;
    }

    public static bool Matches(TaskRecord task, TaskQuery query)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(query);
        return (query.InstanceId is null || task.InstanceId == query.InstanceId)
            && (query.Assignee is null || task.Assignee == query.Assignee)
            && (query.CandidateInstitution is null || task.CandidateInstitutions.Contains(query.CandidateInstitution))
            && (query.CandidateUser is null || task.CandidateUsers.Contains(query.CandidateUser) || task.Assignee == query.CandidateUser)
            && (query.ProcessKey is null || task.ProcessKey == query.ProcessKey);
    }
}
