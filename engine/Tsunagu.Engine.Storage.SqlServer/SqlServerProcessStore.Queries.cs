using Dapper;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.SqlServer;

public sealed partial class SqlServerProcessStore
{
    // UPDLOCK, HOLDLOCK: of two creates of one id, the second waits and then finds the row.
    private const string InsertInstanceSql = """
        INSERT INTO instances (id, process_key, process_version, status, revision, business_key, state_json, started_at, updated_at)
        SELECT @Id, @ProcessKey, @ProcessVersion, @Status, @Revision, @BusinessKey, @StateJson, @StartedAt, @UpdatedAt
        WHERE NOT EXISTS (SELECT 1 FROM instances WITH (UPDLOCK, HOLDLOCK) WHERE id = @Id)
        """;

    private const string DeleteProjectionsSql = """
        DELETE FROM tasks WHERE instance_id = @Id;
        DELETE FROM task_candidates WHERE instance_id = @Id;
        DELETE FROM jobs WHERE instance_id = @Id AND job_id NOT IN (SELECT CAST(value AS uniqueidentifier) FROM OPENJSON(@KeptJobs));
        DELETE FROM subscriptions WHERE instance_id = @Id;
        DELETE FROM waits WHERE instance_id = @Id;
        """;

    private const string ReplaceKeysSql = """
        DELETE FROM instance_keys WHERE instance_id = @Id;
        INSERT INTO instance_keys (instance_id, process_key, business_key, value) SELECT @Id, @ProcessKey, @BusinessKey, value FROM OPENJSON(@Keys);
        """;

    // A candidate listed twice on one task is still one row.
    private const string InsertCandidateSql = """
        IF NOT EXISTS (SELECT 1 FROM task_candidates WHERE kind = @Kind AND value = @Value AND task_id = @TaskId)
            INSERT INTO task_candidates (task_id, instance_id, kind, value, created_at) VALUES (@TaskId, @InstanceId, @Kind, @Value, @CreatedAt)
        """;

    // A job still due at the same time keeps its row and so its lease; a new due time is a new firing, not leased.
    private const string UpsertJobSql = """
        UPDATE jobs SET due_at = @DueAt, lease_until = CASE WHEN due_at = @DueAt THEN lease_until END WHERE job_id = @JobId;
        IF @@ROWCOUNT = 0 INSERT INTO jobs (instance_id, job_id, due_at) VALUES (@InstanceId, @JobId, @DueAt);
        """;

    protected override string TextList(string parameter) => $"(SELECT v FROM OPENJSON({parameter}) WITH (v nvarchar(400) '$'))";

    public async Task<IReadOnlyList<DueJob>> GetDueJobsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid InstanceId, Guid JobId, DateTimeOffset DueAt)>(Command(
            "SELECT TOP (@max) instance_id, job_id, due_at FROM jobs WHERE due_at <= @now ORDER BY due_at", new { now, max }, null, cancellationToken));
        return [.. rows.Select(r => new DueJob(r.InstanceId, r.JobId, r.DueAt))];
    }

    public async Task<IReadOnlyList<DueJob>> ClaimDueJobsAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        // READPAST: hosts claiming at once each take other rows instead of waiting for each other's.
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid InstanceId, Guid JobId, DateTimeOffset DueAt)>(Command(
            """
            WITH due AS (
                SELECT TOP (@max) * FROM jobs WITH (READPAST, UPDLOCK, ROWLOCK)
                WHERE due_at <= @now AND (lease_until IS NULL OR lease_until <= @now) ORDER BY due_at)
            UPDATE due SET lease_until = @until OUTPUT inserted.instance_id, inserted.job_id, inserted.due_at
            """,
            new { now, until = now + lease, max },
            null,
            cancellationToken));
        return [.. rows.OrderBy(r => r.DueAt).Select(r => new DueJob(r.InstanceId, r.JobId, r.DueAt))];
    }

    public async Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<DateTimeOffset?>(Command(
            "SELECT MIN(CASE WHEN lease_until > due_at THEN lease_until ELSE due_at END) FROM jobs", null, null, cancellationToken));
    }

    public async Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);

        // RECOMPILE plans the statement for the filters given, so a null filter drops out and the fitting index is used.
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TaskRow>(Command(
            """
            SELECT TOP (@Limit) t.id AS Id, t.instance_id AS InstanceId, t.process_key AS ProcessKey, t.node_id AS NodeId, t.name AS Name,
                t.form_ref AS FormRef, t.business_key AS BusinessKey, t.status AS Status, t.assignee AS Assignee,
                t.candidate_institutions AS CandidateInstitutions, t.candidate_roles AS CandidateRoles, t.candidate_users AS CandidateUsers,
                t.assignment_reason AS AssignmentReason, t.created_at AS CreatedAt, t.due_at AS DueAt
            FROM tasks t
            WHERE (@InstanceId IS NULL OR t.instance_id = @InstanceId)
              AND (@Assignee IS NULL OR t.assignee = @Assignee)
              AND (@ProcessKey IS NULL OR t.process_key = @ProcessKey)
              AND (@Institution IS NULL OR t.id IN (SELECT task_id FROM task_candidates WHERE kind = 'institution' AND value = @Institution))
              AND (@User IS NULL OR t.assignee = @User OR t.id IN (SELECT task_id FROM task_candidates WHERE kind = 'user' AND value = @User))
              AND (@AfterAt IS NULL OR t.created_at > @AfterAt OR (t.created_at = @AfterAt AND t.id > @AfterId))
            ORDER BY t.created_at, t.id
            OPTION (RECOMPILE)
            """,
            StoreSql.TaskQueryParameters(query, id => (Guid?)id, at => (DateTimeOffset?)at),
            null,
            cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    private sealed record TaskRow(
        Guid Id, Guid InstanceId, string ProcessKey, string NodeId, string? Name, string? FormRef, string? BusinessKey, string Status, string? Assignee,
        string CandidateInstitutions, string CandidateRoles, string CandidateUsers, string? AssignmentReason, DateTimeOffset CreatedAt, DateTimeOffset? DueAt)
    {
        public TaskRecord ToRecord() => new(
            Id, InstanceId, ProcessKey, NodeId, Name, FormRef, BusinessKey, Enum.Parse<UserTaskStatus>(Status), Assignee,
            List(CandidateInstitutions), List(CandidateRoles), List(CandidateUsers), AssignmentReason, CreatedAt, DueAt);

        private static string[] List(string json) => System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];
    }
}
