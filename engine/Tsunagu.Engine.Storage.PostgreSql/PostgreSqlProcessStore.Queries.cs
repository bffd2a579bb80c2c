using Dapper;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.PostgreSql;

public sealed partial class PostgreSqlProcessStore
{
    // The given version, or the latest when @Version is null.
    private const string DeploymentFilter = "WHERE process_key = @ProcessKey AND (@Version::integer IS NULL OR version = @Version) ORDER BY version DESC LIMIT 1";

    // A group of commits in one round trip. The instances first: updates checked against their expected revisions, new
    // ones inserted unless their id exists; when fewer rows were written than the group holds, dividing by the check
    // raises 22012 (plain SQL cannot raise on a count), which aborts the batch the statement leads and so the group.
    // Then every instance's earlier query rows go and the group's rows come in as arrays (history in written order).
    // A job still due at the same time keeps its row and so its lease.
    private const string CommitSql = """
        WITH u AS (
            SELECT * FROM unnest(@Id, @ProcessKey, @ProcessVersion, @Status, @Revision, @BusinessKey, @StateJson, @StartedAt, @Expected)
                AS u(id, process_key, process_version, status, revision, business_key, state_json, started_at, expected)),
        updated AS (
            UPDATE instances i
            SET process_key = u.process_key, process_version = u.process_version, status = u.status, revision = u.revision,
                business_key = u.business_key, state_json = u.state_json, updated_at = @UpdatedAt
            FROM u WHERE u.expected <> -1 AND i.id = u.id AND i.revision = u.expected
            RETURNING 1),
        inserted AS (
            INSERT INTO instances (id, process_key, process_version, status, revision, business_key, state_json, started_at, updated_at)
            SELECT u.id, u.process_key, u.process_version, u.status, u.revision, u.business_key, u.state_json, u.started_at, @UpdatedAt
            FROM u WHERE u.expected = -1
            ON CONFLICT (id) DO NOTHING
            RETURNING 1)
        SELECT 1 / ((SELECT count(*) FROM updated) + (SELECT count(*) FROM inserted) = cardinality(@Id))::int;
        DELETE FROM tasks WHERE instance_id = ANY(@Id);
        DELETE FROM task_candidates WHERE instance_id = ANY(@Id);
        DELETE FROM jobs WHERE instance_id = ANY(@Id) AND job_id <> ALL(@JobId);
        DELETE FROM subscriptions WHERE instance_id = ANY(@Id);
        DELETE FROM waits WHERE instance_id = ANY(@Id);
        INSERT INTO tasks (id, instance_id, process_key, node_id, name, form_ref, business_key, status, assignee,
            candidate_institutions, candidate_roles, candidate_users, assignment_reason, created_at, due_at)
        SELECT t.id, t.instance_id, t.process_key, t.node_id, t.name, t.form_ref, t.business_key, t.status, t.assignee,
            t.institutions, t.roles, t.users, t.reason, t.created_at, t.due_at
        FROM unnest(@TaskId, @TaskInstance, @TaskProcessKey, @TaskNodeId, @TaskName, @TaskFormRef, @TaskBusinessKey, @TaskStatus, @TaskAssignee,
            @TaskInstitutions, @TaskRoles, @TaskUsers, @TaskReason, @TaskCreatedAt, @TaskDueAt)
            AS t(id, instance_id, process_key, node_id, name, form_ref, business_key, status, assignee, institutions, roles, users, reason, created_at, due_at);
        INSERT INTO task_candidates (task_id, instance_id, kind, value, created_at)
        SELECT c.task_id, c.instance_id, c.kind, c.value, c.created_at
        FROM unnest(@CandidateTask, @CandidateInstance, @CandidateKind, @CandidateValue, @CandidateCreatedAt) AS c(task_id, instance_id, kind, value, created_at)
        ON CONFLICT DO NOTHING;
        INSERT INTO jobs (instance_id, job_id, due_at) SELECT j.instance_id, j.id, j.due_at FROM unnest(@JobInstance, @JobId, @JobDueAt) AS j(instance_id, id, due_at)
        ON CONFLICT (job_id) DO UPDATE SET due_at = excluded.due_at, lease_until = CASE WHEN jobs.due_at = excluded.due_at THEN jobs.lease_until END;
        INSERT INTO subscriptions (subscription_id, instance_id, kind, name, correlation_key)
        SELECT s.id, s.instance_id, s.kind, s.name, s.key
        FROM unnest(@SubscriptionId, @SubscriptionInstance, @SubscriptionKind, @SubscriptionName, @SubscriptionKey) AS s(id, instance_id, kind, name, key);
        INSERT INTO waits (instance_id, process_key, process_version, business_key, node_id, incident_id, incident_message, incident_at)
        SELECT w.instance_id, w.process_key, w.version, w.business_key, w.node_id, w.incident, w.message, w.at
        FROM unnest(@WaitInstance, @WaitProcessKey, @WaitVersion, @WaitBusinessKey, @WaitNode, @WaitIncident, @WaitMessage, @WaitIncidentAt)
            AS w(instance_id, process_key, version, business_key, node_id, incident, message, at);
        INSERT INTO history (instance_id, process_key, process_version, kind, node_id, token_id, actor, at, data_json)
        SELECT h.instance_id, h.process_key, h.version, h.kind, h.node_id, h.token_id, h.actor, h.at, h.data
        FROM unnest(@HistoryInstance, @HistoryProcessKey, @HistoryVersion, @HistoryKind, @HistoryNode, @HistoryToken, @HistoryActor, @HistoryAt, @HistoryData)
            WITH ORDINALITY AS h(instance_id, process_key, version, kind, node_id, token_id, actor, at, data, n)
        ORDER BY h.n;
        """;

    // A group of one names its instance directly. With `= ANY(@array)` PostgreSQL keeps planning each delete afresh (a
    // custom plan for a short array looks cheaper than the generic one), which cost a lone commit about 0.5 ms.
    private static readonly string CommitOneSql = One(CommitSql);

    private static readonly string ReplaceKeysOneSql = One(ReplaceKeysSql);

    private static string One(string sql) => sql.Replace("= ANY(@Id)", "= (@Id)[1]", StringComparison.Ordinal).Replace("= ANY(@KeysReplaced)", "= (@KeysReplaced)[1]", StringComparison.Ordinal);

    // Appended when a commit of the group carries keys (most steps leave them as they were).
    private const string ReplaceKeysSql = """
        DELETE FROM instance_keys WHERE instance_id = ANY(@KeysReplaced);
        INSERT INTO instance_keys (instance_id, process_key, business_key, value)
        SELECT k.instance_id, k.process_key, k.business_key, k.value FROM unnest(@KeyInstance, @KeyProcessKey, @KeyBusinessKey, @KeyValue) AS k(instance_id, process_key, business_key, value);
        """;

    public async Task<IReadOnlyList<DueJob>> GetDueJobsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid InstanceId, Guid JobId, DateTime DueAt)>(Command(
            "SELECT instance_id, job_id, due_at FROM jobs WHERE due_at <= @Now ORDER BY due_at LIMIT @Max", new { Now = now.UtcDateTime, Max = max }, null, cancellationToken));
        return [.. rows.Select(r => new DueJob(r.InstanceId, r.JobId, Utc.Time(r.DueAt)))];
    }

    public async Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        // A free job is next at its due time (the first in ix_jobs_due), a leased one when its lease ends (ix_jobs_leased).
        var next = await connection.QuerySingleAsync<DateTime?>(Command(
            """
            SELECT LEAST(
                (SELECT due_at FROM jobs WHERE lease_until IS NULL ORDER BY due_at LIMIT 1),
                (SELECT MIN(GREATEST(due_at, lease_until)) FROM jobs WHERE lease_until IS NOT NULL))
            """,
            null,
            null,
            cancellationToken));
        return next is { } due ? Utc.Time(due) : null;
    }

    public async Task<IReadOnlyList<DueJob>> ClaimDueJobsAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        // SKIP LOCKED: hosts claiming at once each take other rows instead of waiting for each other's.
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid InstanceId, Guid JobId, DateTime DueAt)>(Command(
            """
            UPDATE jobs j SET lease_until = @Until
            FROM (SELECT job_id FROM jobs WHERE due_at <= @Now AND (lease_until IS NULL OR lease_until <= @Now)
                  ORDER BY due_at LIMIT @Max FOR UPDATE SKIP LOCKED) c
            WHERE j.job_id = c.job_id
            RETURNING j.instance_id, j.job_id, j.due_at
            """,
            new { Now = now.UtcDateTime, Until = (now + lease).UtcDateTime, Max = max },
            null,
            cancellationToken));
        return [.. rows.OrderBy(r => r.DueAt).Select(r => new DueJob(r.InstanceId, r.JobId, Utc.Time(r.DueAt)))];
    }

    public async Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TaskRow>(Command(
            StoreSql.TaskQuery(query, TaskRow.Columns),
            StoreSql.TaskQueryParameters(query, id => (Guid?)id, at => (DateTime?)at.UtcDateTime),
            null,
            cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }
}
