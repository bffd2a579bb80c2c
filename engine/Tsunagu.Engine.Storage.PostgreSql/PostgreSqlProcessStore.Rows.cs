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

/// <summary>One commit's query rows as column arrays, inserted with unnest in one round trip.</summary>
internal sealed class Projections
{
    public required Guid InstanceId { get; init; }

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

    public required Guid[] CandidateTask { get; init; }

    public required string[] CandidateKind { get; init; }

    public required string[] CandidateValue { get; init; }

    public required DateTime[] CandidateCreatedAt { get; init; }

    public required Guid[] JobId { get; init; }

    public required DateTime[] JobDueAt { get; init; }

    public required Guid[] SubscriptionId { get; init; }

    public required string[] SubscriptionKind { get; init; }

    public required string[] SubscriptionName { get; init; }

    public required string?[] SubscriptionKey { get; init; }

    public required string[] WaitProcessKey { get; init; }

    public required int[] WaitVersion { get; init; }

    public required string?[] WaitBusinessKey { get; init; }

    public required string[] WaitNode { get; init; }

    public required string?[] WaitIncident { get; init; }

    public required string?[] WaitMessage { get; init; }

    public required DateTime?[] WaitIncidentAt { get; init; }

    public required Guid[] HistoryInstance { get; init; }

    public required string[] HistoryProcessKey { get; init; }

    public required int[] HistoryVersion { get; init; }

    public required string[] HistoryKind { get; init; }

    public required string?[] HistoryNode { get; init; }

    public required string?[] HistoryToken { get; init; }

    public required string[] HistoryActor { get; init; }

    public required DateTime[] HistoryAt { get; init; }

    public required string?[] HistoryData { get; init; }

    public static Projections From(InstanceCommit commit)
    {
        var tasks = commit.Tasks;
        var candidates = tasks.SelectMany(t =>
            t.CandidateInstitutions.Select(v => (Task: t.Id, Kind: "institution", Value: v, t.CreatedAt))
                .Concat(t.CandidateUsers.Select(v => (Task: t.Id, Kind: "user", Value: v, t.CreatedAt)))).ToList();
        var history = commit.History;
        return new Projections
        {
            InstanceId = commit.Instance.Id,
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
            CandidateTask = [.. candidates.Select(c => c.Task)],
            CandidateKind = [.. candidates.Select(c => c.Kind)],
            CandidateValue = [.. candidates.Select(c => c.Value)],
            CandidateCreatedAt = [.. candidates.Select(c => c.CreatedAt.UtcDateTime)],
            JobId = [.. commit.Jobs.Select(j => j.JobId)],
            JobDueAt = [.. commit.Jobs.Select(j => j.DueAt.UtcDateTime)],
            SubscriptionId = [.. commit.Subscriptions.Select(s => s.SubscriptionId)],
            SubscriptionKind = [.. commit.Subscriptions.Select(s => s.Kind.ToString())],
            SubscriptionName = [.. commit.Subscriptions.Select(s => s.Name)],
            SubscriptionKey = [.. commit.Subscriptions.Select(s => s.CorrelationKey)],
            WaitProcessKey = [.. commit.Waits.Select(w => w.ProcessKey)],
            WaitVersion = [.. commit.Waits.Select(w => w.ProcessVersion)],
            WaitBusinessKey = [.. commit.Waits.Select(w => w.BusinessKey)],
            WaitNode = [.. commit.Waits.Select(w => w.NodeId)],
            WaitIncident = [.. commit.Waits.Select(w => w.IncidentId)],
            WaitMessage = [.. commit.Waits.Select(w => w.IncidentMessage)],
            WaitIncidentAt = [.. commit.Waits.Select(w => w.IncidentAt?.UtcDateTime)],
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
