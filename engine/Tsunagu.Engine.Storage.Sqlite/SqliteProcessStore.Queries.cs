using Dapper;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.Sqlite;

public sealed partial class SqliteProcessStore
{
    // The given version, or the latest when @Version is null.
    private const string DeploymentFilter = "WHERE process_key = @ProcessKey AND (@Version IS NULL OR version = @Version) ORDER BY version DESC LIMIT 1";

    private const string DeploymentIdSql = $"SELECT id FROM deployments {DeploymentFilter}";

    private const string DeleteProjectionsSql = """
        DELETE FROM tasks WHERE instance_id = @InstanceId;
        DELETE FROM task_candidates WHERE instance_id = @InstanceId;
        DELETE FROM jobs WHERE instance_id = @InstanceId AND job_id NOT IN (SELECT value FROM json_each(@KeptJobs));
        DELETE FROM subscriptions WHERE instance_id = @InstanceId;
        DELETE FROM waits WHERE instance_id = @InstanceId;
        """;

    // SQLite rewrites the index entries of every indexed column an UPDATE sets, changed or not, and most steps change
    // none of them: this update matches only then, and the full one (StoreSql.UpdateInstance) runs only when it did not.
    private const string UpdateStateSql = """
        UPDATE instances SET status = @Status, revision = @Revision, state_json = @StateJson, updated_at = @UpdatedAt
        WHERE id = @Id AND revision = @Expected AND process_key = @ProcessKey AND process_version = @ProcessVersion AND business_key IS @BusinessKey
        """;

    // OR IGNORE: a candidate listed twice on one task is still one row.
    private const string InsertCandidateSql = """
        INSERT OR IGNORE INTO task_candidates (task_id, instance_id, kind, value, created_at) VALUES (@TaskId, @InstanceId, @Kind, @Value, @CreatedAt)
        """;

    // A job still due at the same time keeps its row and so its lease; a new due time is a new firing, not leased.
    private const string InsertJobSql = """
        INSERT INTO jobs (instance_id, job_id, due_at) VALUES (@InstanceId, @JobId, @DueAt)
        ON CONFLICT (job_id) DO UPDATE SET due_at = excluded.due_at, lease_until = CASE WHEN jobs.due_at = excluded.due_at THEN jobs.lease_until END
        """;

    public async Task<IReadOnlyList<DueJob>> GetDueJobsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string InstanceId, string JobId, string DueAt)>(Command(
            "SELECT instance_id, job_id, due_at FROM jobs WHERE due_at <= @Now ORDER BY due_at LIMIT @Max",
            new { Now = SqliteValues.Time(now), Max = max },
            null,
            cancellationToken));
        return [.. rows.Select(r => new DueJob(SqliteValues.Id(r.InstanceId), SqliteValues.Id(r.JobId), SqliteValues.Time(r.DueAt)))];
    }

    public async Task<IReadOnlyList<DueJob>> ClaimDueJobsAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        IReadOnlyList<DueJob> claimed = [];
        await WriteAsync(
            session =>
            {
                using var transaction = session.Connection.BeginTransaction(deferred: false);
                var rows = session.Connection.Query<(string InstanceId, string JobId, string DueAt)>(
                    """
                    UPDATE jobs SET lease_until = @Until
                    WHERE job_id IN (SELECT job_id FROM jobs WHERE due_at <= @Now AND (lease_until IS NULL OR lease_until <= @Now) ORDER BY due_at LIMIT @Max)
                    RETURNING instance_id, job_id, due_at
                    """,
                    new { Now = SqliteValues.Time(now), Until = SqliteValues.Time(now + lease), Max = max },
                    transaction);
                transaction.Commit();
                claimed = [.. rows.OrderBy(r => r.DueAt, StringComparer.Ordinal).Select(r => new DueJob(SqliteValues.Id(r.InstanceId), SqliteValues.Id(r.JobId), SqliteValues.Time(r.DueAt)))];
            },
            cancellationToken);
        return claimed;
    }

    public async Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // A free job is next at its due time (the first in ix_jobs_due), a leased one when its lease ends (ix_jobs_leased).
        var next = await connection.QuerySingleAsync<string?>(Command(
            """
            SELECT MIN(t) FROM (
                SELECT due_at AS t FROM (SELECT due_at FROM jobs WHERE lease_until IS NULL ORDER BY due_at LIMIT 1)
                UNION ALL
                SELECT MAX(due_at, lease_until) FROM jobs WHERE lease_until IS NOT NULL)
            """,
            null,
            null,
            cancellationToken));
        return next is null ? null : SqliteValues.Time(next);
    }

    public async Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = StoreSql.TaskQueryParameters(query, SqliteValues.Id, SqliteValues.Time);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TaskRow>(Command(StoreSql.TaskQuery(query, TaskRow.Columns), parameters, null, cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    public override async Task<Guid?> FindInstanceIdAsync(string processKey, string businessKey, CancellationToken cancellationToken)
    {
        var id = await ReadAsync(
            s => s.Scalar<string>(
                "SELECT id FROM instances WHERE business_key = @BusinessKey AND process_key = @ProcessKey ORDER BY started_at LIMIT 1",
                new { BusinessKey = businessKey, ProcessKey = processKey }),
            cancellationToken);
        return id is null ? null : SqliteValues.Id(id);
    }

    public override async Task<Guid?> FindTaskInstanceAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var instanceId = await ReadAsync(s => s.Scalar<string>("SELECT instance_id FROM tasks WHERE id = @Id", new { Id = SqliteValues.Id(taskId) }), cancellationToken);
        return instanceId is null ? null : SqliteValues.Id(instanceId);
    }

    public override Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken) =>
        QueryHistoryAsync("instance_id = @InstanceId", new { InstanceId = SqliteValues.Id(instanceId) }, cancellationToken);

    public override Task<IReadOnlyList<HistoryEvent>> GetDefinitionHistoryAsync(string processKey, int? version, CancellationToken cancellationToken) =>
        version is null
            ? QueryHistoryAsync("process_key = @ProcessKey", new { ProcessKey = processKey }, cancellationToken)
            : QueryHistoryAsync("process_key = @ProcessKey AND process_version = @Version", new { ProcessKey = processKey, Version = version }, cancellationToken);

    private async Task<IReadOnlyList<HistoryEvent>> QueryHistoryAsync(string filter, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<HistoryRow>(Command(
            $"SELECT {HistoryRow.Columns} FROM history WHERE {filter} ORDER BY seq", parameters, null, cancellationToken));
        return [.. rows.Select(r => r.ToEvent())];
    }

    /// <summary>The candidate lists that task queries filter on (roles are not queried).</summary>
    private static class CandidateKind
    {
        public const string Institution = "institution";
        public const string User = "user";
    }
}
