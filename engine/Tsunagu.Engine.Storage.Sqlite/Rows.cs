using System.Text.Json.Nodes;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.Sqlite;

// Dapper fills these from columns aliased to the property names; they hold SQLite's own types (text, long),
// and the conversions to the port's types live in To…() so there is one mapping per table.

internal sealed class TaskRow
{
    public const string Columns = """
        t.id AS Id, t.instance_id AS InstanceId, t.process_key AS ProcessKey, t.node_id AS NodeId, t.name AS Name,
        t.form_ref AS FormRef, t.business_key AS BusinessKey, t.status AS Status, t.assignee AS Assignee,
        t.candidate_institutions AS CandidateInstitutions, t.candidate_roles AS CandidateRoles,
        t.candidate_users AS CandidateUsers, t.assignment_reason AS AssignmentReason, t.created_at AS CreatedAt,
        t.due_at AS DueAt
        """;

    public string Id { get; set; } = "";

    public string InstanceId { get; set; } = "";

    public string ProcessKey { get; set; } = "";

    public string NodeId { get; set; } = "";

    public string? Name { get; set; }

    public string? FormRef { get; set; }

    public string? BusinessKey { get; set; }

    public string Status { get; set; } = "";

    public string? Assignee { get; set; }

    public string CandidateInstitutions { get; set; } = "[]";

    public string CandidateRoles { get; set; } = "[]";

    public string CandidateUsers { get; set; } = "[]";

    public string? AssignmentReason { get; set; }

    public string CreatedAt { get; set; } = "";

    public string? DueAt { get; set; }

    public static TaskRow From(TaskRecord task) => new()
    {
        Id = SqliteValues.Id(task.Id),
        InstanceId = SqliteValues.Id(task.InstanceId),
        ProcessKey = task.ProcessKey,
        NodeId = task.NodeId,
        Name = task.Name,
        FormRef = task.FormRef,
        BusinessKey = task.BusinessKey,
        Status = task.Status.ToString(),
        Assignee = task.Assignee,
        CandidateInstitutions = SqliteValues.List(task.CandidateInstitutions),
        CandidateRoles = SqliteValues.List(task.CandidateRoles),
        CandidateUsers = SqliteValues.List(task.CandidateUsers),
        AssignmentReason = task.AssignmentReason,
        CreatedAt = SqliteValues.Time(task.CreatedAt),
        DueAt = task.DueAt is { } due ? SqliteValues.Time(due) : null,
    };

    public TaskRecord ToRecord() => new(
        SqliteValues.Id(Id),
        SqliteValues.Id(InstanceId),
        ProcessKey,
        NodeId,
        Name,
        FormRef,
        BusinessKey,
        Enum.Parse<UserTaskStatus>(Status),
        Assignee,
        SqliteValues.List(CandidateInstitutions),
        SqliteValues.List(CandidateRoles),
        SqliteValues.List(CandidateUsers),
        AssignmentReason,
        SqliteValues.Time(CreatedAt),
        DueAt is null ? null : SqliteValues.Time(DueAt));
}

internal sealed class HistoryRow
{
    public const string Columns = """
        instance_id AS InstanceId, process_key AS ProcessKey, process_version AS ProcessVersion, kind AS Kind,
        node_id AS NodeId, token_id AS TokenId, actor AS Actor, at AS At, data_json AS DataJson
        """;

    public string InstanceId { get; set; } = "";

    public string ProcessKey { get; set; } = "";

    public long ProcessVersion { get; set; }

    public string Kind { get; set; } = "";

    public string? NodeId { get; set; }

    public string? TokenId { get; set; }

    public string Actor { get; set; } = "";

    public string At { get; set; } = "";

    public string? DataJson { get; set; }

    public static HistoryRow From(HistoryEvent history) => new()
    {
        InstanceId = SqliteValues.Id(history.InstanceId),
        ProcessKey = history.ProcessKey,
        ProcessVersion = history.ProcessVersion,
        Kind = history.Kind.ToString(),
        NodeId = history.NodeId,
        TokenId = history.TokenId,
        Actor = history.Actor,
        At = SqliteValues.Time(history.At),
        DataJson = StoreSql.DataJson(history.Data),
    };

    public HistoryEvent ToEvent() => new()
    {
        InstanceId = SqliteValues.Id(InstanceId),
        ProcessKey = ProcessKey,
        ProcessVersion = checked((int)ProcessVersion),
        Kind = Enum.Parse<HistoryKind>(Kind),
        NodeId = NodeId,
        TokenId = TokenId,
        Actor = Actor,
        At = SqliteValues.Time(At),
        Data = DataJson is null ? null : JsonNode.Parse(DataJson)!.AsObject(),
    };
}
