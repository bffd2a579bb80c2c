using System.Text.Json;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.PostgreSql;

// Dapper fills these through their constructors from columns aliased to the parameter names, in PostgreSQL's own
// types (timestamptz arrives as a UTC DateTime); the conversions to the port's types are in To…().

internal static class Utc
{
    /// <summary>A timestamptz as Npgsql reads it (a DateTime in UTC) as the port's time.</summary>
    public static DateTimeOffset Time(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

internal sealed record InstanceRow(Guid Id, string ProcessKey, int ProcessVersion, string? BusinessKey, string Status, int Revision, DateTime StartedAt, string StateJson)
{
    public const string Columns = """
        id AS Id, process_key AS ProcessKey, process_version AS ProcessVersion, business_key AS BusinessKey, status AS Status, revision AS Revision,
        started_at AS StartedAt, state_json AS StateJson
        """;

    public StoredInstance ToStored() =>
        new(Id, ProcessKey, ProcessVersion, BusinessKey, Enum.Parse<InstanceStatus>(Status), Revision, Utc.Time(StartedAt), StateJson);
}

internal sealed record TaskRow(
    Guid Id, Guid InstanceId, string ProcessKey, string NodeId, string? Name, string? FormRef, string? BusinessKey, string Status, string? Assignee,
    string CandidateInstitutions, string CandidateRoles, string CandidateUsers, string? AssignmentReason, DateTime CreatedAt, DateTime? DueAt)
{
    public const string Columns = """
        t.id AS Id, t.instance_id AS InstanceId, t.process_key AS ProcessKey, t.node_id AS NodeId, t.name AS Name,
        t.form_ref AS FormRef, t.business_key AS BusinessKey, t.status AS Status, t.assignee AS Assignee,
        t.candidate_institutions AS CandidateInstitutions, t.candidate_roles AS CandidateRoles,
        t.candidate_users AS CandidateUsers, t.assignment_reason AS AssignmentReason, t.created_at AS CreatedAt,
        t.due_at AS DueAt
        """;

    public TaskRecord ToRecord() => new(
        Id, InstanceId, ProcessKey, NodeId, Name, FormRef, BusinessKey, Enum.Parse<UserTaskStatus>(Status), Assignee,
        List(CandidateInstitutions), List(CandidateRoles), List(CandidateUsers), AssignmentReason, Utc.Time(CreatedAt),
        DueAt is { } due ? Utc.Time(due) : null);

    private static string[] List(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}

/// <summary>
/// A group of commits as column arrays, written with unnest in one round trip: the instances, then each instance's
/// query rows, each row carrying its instance. (Two groups that lock rows of the same instances in opposite orders
/// deadlock; PostgreSQL ends one, and its commits are written again in halves.)
/// </summary>
internal sealed class CommitRows
{
    public required Guid[] Id { get; init; }

    public required string[] ProcessKey { get; init; }

    public required int[] ProcessVersion { get; init; }

    public required string[] Status { get; init; }

    public required int[] Revision { get; init; }

    public required string?[] BusinessKey { get; init; }

    public required string[] StateJson { get; init; }

    public required DateTime[] StartedAt { get; init; }

    public required int[] Expected { get; init; }

    public required DateTime UpdatedAt { get; init; }

    public required Guid[] TaskInstance { get; init; }

    public required Guid[] TaskId { get; init; }

    public required string[] TaskProcessKey { get; init; }

    public required string[] TaskNodeId { get; init; }

    public required string?[] TaskName { get; init; }

    public required string?[] TaskFormRef { get; init; }

    public required string?[] TaskBusinessKey { get; init; }

    public required string[] TaskStatus { get; init; }

    public required string?[] TaskAssignee { get; init; }

    public required string[] TaskInstitutions { get; init; }

    public required string[] TaskRoles { get; init; }

    public required string[] TaskUsers { get; init; }

    public required string?[] TaskReason { get; init; }

    public required DateTime[] TaskCreatedAt { get; init; }

    public required DateTime?[] TaskDueAt { get; init; }

    public required Guid[] CandidateInstance { get; init; }

    public required Guid[] CandidateTask { get; init; }

    public required string[] CandidateKind { get; init; }

    public required string[] CandidateValue { get; init; }

    public required DateTime[] CandidateCreatedAt { get; init; }

    public required Guid[] JobInstance { get; init; }

    public required Guid[] JobId { get; init; }

    public required DateTime[] JobDueAt { get; init; }

    public required Guid[] SubscriptionInstance { get; init; }

    public required Guid[] SubscriptionId { get; init; }

    public required string[] SubscriptionKind { get; init; }

    public required string[] SubscriptionName { get; init; }

    public required string?[] SubscriptionKey { get; init; }

    public required Guid[] WaitInstance { get; init; }

    public required string[] WaitProcessKey { get; init; }

    public required int[] WaitVersion { get; init; }

    public required string?[] WaitBusinessKey { get; init; }

    public required string[] WaitNode { get; init; }

    public required string?[] WaitIncident { get; init; }

    public required string?[] WaitMessage { get; init; }

    public required DateTime?[] WaitIncidentAt { get; init; }

    /// <summary>The instances whose commit carries keys: their keys are replaced (<see cref="InstanceCommit.Keys"/>).</summary>
    public required Guid[] KeysReplaced { get; init; }

    public required Guid[] KeyInstance { get; init; }

    public required string[] KeyProcessKey { get; init; }

    public required string?[] KeyBusinessKey { get; init; }

    public required string[] KeyValue { get; init; }

    public required Guid[] HistoryInstance { get; init; }

    public required string[] HistoryProcessKey { get; init; }

    public required int[] HistoryVersion { get; init; }

    public required string[] HistoryKind { get; init; }

    public required string?[] HistoryNode { get; init; }

    public required string?[] HistoryToken { get; init; }

    public required string[] HistoryActor { get; init; }

    public required DateTime[] HistoryAt { get; init; }

    public required string?[] HistoryData { get; init; }

    public static CommitRows From(IEnumerable<InstanceCommit> group, DateTimeOffset now)
    {
        var commits = group.ToList();
        var instances = commits.Select(c => c.Instance).ToList();
        // Rows belong to the instance of their commit, whatever instance a row names.
        var tasks = commits.SelectMany(c => c.Tasks.Select(t => t with { InstanceId = c.Instance.Id })).ToList();
        var candidates = tasks.SelectMany(t =>
            t.CandidateInstitutions.Select(v => (t.InstanceId, Task: t.Id, Kind: "institution", Value: v, t.CreatedAt))
                .Concat(t.CandidateUsers.Select(v => (t.InstanceId, Task: t.Id, Kind: "user", Value: v, t.CreatedAt)))).ToList();
        var jobs = commits.SelectMany(c => c.Jobs.Select(j => j with { InstanceId = c.Instance.Id })).ToList();
        var subscriptions = commits.SelectMany(c => c.Subscriptions.Select(s => s with { InstanceId = c.Instance.Id })).ToList();
        var waits = commits.SelectMany(c => c.Waits.Select(w => w with { InstanceId = c.Instance.Id })).ToList();
        var history = commits.SelectMany(c => c.History).ToList();
        var keyed = commits.Where(c => c.Keys is not null).ToList();
        var keys = keyed.SelectMany(c => c.Keys!.Select(k => (c.Instance, Value: k))).ToList();
        return new CommitRows
        {
            Id = [.. instances.Select(i => i.Id)],
            ProcessKey = [.. instances.Select(i => i.ProcessKey)],
            ProcessVersion = [.. instances.Select(i => i.ProcessVersion)],
            Status = [.. instances.Select(i => i.Status.ToString())],
            Revision = [.. instances.Select(i => i.Revision)],
            BusinessKey = [.. instances.Select(i => i.BusinessKey)],
            StateJson = [.. instances.Select(i => i.StateJson)],
            StartedAt = [.. instances.Select(i => i.StartedAt.UtcDateTime)],
            Expected = [.. commits.Select(c => c.ExpectedRevision)],
            UpdatedAt = now.UtcDateTime,
            TaskInstance = [.. tasks.Select(t => t.InstanceId)],
            TaskId = [.. tasks.Select(t => t.Id)],
            TaskProcessKey = [.. tasks.Select(t => t.ProcessKey)],
            TaskNodeId = [.. tasks.Select(t => t.NodeId)],
            TaskName = [.. tasks.Select(t => t.Name)],
            TaskFormRef = [.. tasks.Select(t => t.FormRef)],
            TaskBusinessKey = [.. tasks.Select(t => t.BusinessKey)],
            TaskStatus = [.. tasks.Select(t => t.Status.ToString())],
            TaskAssignee = [.. tasks.Select(t => t.Assignee)],
            TaskInstitutions = [.. tasks.Select(t => JsonSerializer.Serialize(t.CandidateInstitutions))],
            TaskRoles = [.. tasks.Select(t => JsonSerializer.Serialize(t.CandidateRoles))],
            TaskUsers = [.. tasks.Select(t => JsonSerializer.Serialize(t.CandidateUsers))],
            TaskReason = [.. tasks.Select(t => t.AssignmentReason)],
            TaskCreatedAt = [.. tasks.Select(t => t.CreatedAt.UtcDateTime)],
            TaskDueAt = [.. tasks.Select(t => t.DueAt?.UtcDateTime)],
            CandidateInstance = [.. candidates.Select(c => c.InstanceId)],
            CandidateTask = [.. candidates.Select(c => c.Task)],
            CandidateKind = [.. candidates.Select(c => c.Kind)],
            CandidateValue = [.. candidates.Select(c => c.Value)],
            CandidateCreatedAt = [.. candidates.Select(c => c.CreatedAt.UtcDateTime)],
            JobInstance = [.. jobs.Select(j => j.InstanceId)],
            JobId = [.. jobs.Select(j => j.JobId)],
            JobDueAt = [.. jobs.Select(j => j.DueAt.UtcDateTime)],
            SubscriptionInstance = [.. subscriptions.Select(s => s.InstanceId)],
            SubscriptionId = [.. subscriptions.Select(s => s.SubscriptionId)],
            SubscriptionKind = [.. subscriptions.Select(s => s.Kind.ToString())],
            SubscriptionName = [.. subscriptions.Select(s => s.Name)],
            SubscriptionKey = [.. subscriptions.Select(s => s.CorrelationKey)],
            WaitInstance = [.. waits.Select(w => w.InstanceId)],
            WaitProcessKey = [.. waits.Select(w => w.ProcessKey)],
            WaitVersion = [.. waits.Select(w => w.ProcessVersion)],
            WaitBusinessKey = [.. waits.Select(w => w.BusinessKey)],
            WaitNode = [.. waits.Select(w => w.NodeId)],
            WaitIncident = [.. waits.Select(w => w.IncidentId)],
            WaitMessage = [.. waits.Select(w => w.IncidentMessage)],
            WaitIncidentAt = [.. waits.Select(w => w.IncidentAt?.UtcDateTime)],
            KeysReplaced = [.. keyed.Select(c => c.Instance.Id)],
            KeyInstance = [.. keys.Select(k => k.Instance.Id)],
            KeyProcessKey = [.. keys.Select(k => k.Instance.ProcessKey)],
            KeyBusinessKey = [.. keys.Select(k => k.Instance.BusinessKey)],
            KeyValue = [.. keys.Select(k => k.Value)],
            HistoryInstance = [.. history.Select(h => h.InstanceId)],
            HistoryProcessKey = [.. history.Select(h => h.ProcessKey)],
            HistoryVersion = [.. history.Select(h => h.ProcessVersion)],
            HistoryKind = [.. history.Select(h => h.Kind.ToString())],
            HistoryNode = [.. history.Select(h => h.NodeId)],
            HistoryToken = [.. history.Select(h => h.TokenId)],
            HistoryActor = [.. history.Select(h => h.Actor)],
            HistoryAt = [.. history.Select(h => h.At.UtcDateTime)],
            HistoryData = [.. history.Select(h => StoreSql.DataJson(h.Data))],
        };
    }
}
