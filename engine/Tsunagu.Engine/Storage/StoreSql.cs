using System.Data.Common;
using System.Text.Json.Nodes;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage;

/// <summary>
/// The statements every SQL store adapter writes alike (SQLite, PostgreSQL, SQL Server share the table and column
/// names); parameters are named after the port's fields. Dialect-specific statements stay in each adapter.
/// </summary>
public static class StoreSql
{
    public const string InsertDeployment = """
        INSERT INTO deployments (id, process_key, version, xml, version_hash, name, deployed_at)
        VALUES (@Id, @ProcessKey, @Version, @Xml, @VersionHash, @Name, @DeployedAt)
        """;

    /// <summary>The latest version of every process key.</summary>
    public const string LatestDeploymentsWhere = "WHERE version = (SELECT MAX(version) FROM deployments WHERE process_key = d.process_key) ORDER BY process_key";

    /// <summary>A new instance, unless its id exists (SQLite and PostgreSQL; SQL Server has no ON CONFLICT).</summary>
    public const string InsertInstance = """
        INSERT INTO instances (id, process_key, process_version, status, revision, business_key, state_json, started_at, updated_at)
        VALUES (@Id, @ProcessKey, @ProcessVersion, @Status, @Revision, @BusinessKey, @StateJson, @StartedAt, @UpdatedAt)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>The next revision; matches no row when another step committed first.</summary>
    public const string UpdateInstance = """
        UPDATE instances
        SET process_key = @ProcessKey, process_version = @ProcessVersion, status = @Status, revision = @Revision,
            business_key = @BusinessKey, state_json = @StateJson, updated_at = @UpdatedAt
        WHERE id = @Id AND revision = @Expected
        """;

    public const string InsertTask = """
        INSERT INTO tasks (id, instance_id, process_key, node_id, name, form_ref, business_key, status, assignee,
            candidate_institutions, candidate_roles, candidate_users, assignment_reason, created_at, due_at)
        VALUES (@Id, @InstanceId, @ProcessKey, @NodeId, @Name, @FormRef, @BusinessKey, @Status, @Assignee,
            @CandidateInstitutions, @CandidateRoles, @CandidateUsers, @AssignmentReason, @CreatedAt, @DueAt)
        """;

    public const string InsertSubscription = """
        INSERT INTO subscriptions (subscription_id, instance_id, kind, name, correlation_key)
        VALUES (@SubscriptionId, @InstanceId, @Kind, @Name, @CorrelationKey)
        """;

    public const string InsertWait = """
        INSERT INTO waits (instance_id, process_key, process_version, business_key, node_id, incident_id, incident_message, incident_at)
        VALUES (@InstanceId, @ProcessKey, @ProcessVersion, @BusinessKey, @NodeId, @IncidentId, @IncidentMessage, @IncidentAt)
        """;

    /// <summary>Tokens per node of one process version; the counts are cast so every store reads them as 64-bit integers.</summary>
    private const string CountWaits = """
        SELECT node_id, CAST(COUNT(*) AS bigint) AS tokens, CAST(COUNT(incident_id) AS bigint) AS incidents FROM waits
        WHERE process_key = @ProcessKey AND process_version = @Version GROUP BY node_id ORDER BY node_id
        """;

    public const string InsertHistory = """
        INSERT INTO history (instance_id, process_key, process_version, kind, node_id, token_id, actor, at, data_json)
        VALUES (@InstanceId, @ProcessKey, @ProcessVersion, @Kind, @NodeId, @TokenId, @Actor, @At, @DataJson)
        """;

    public const string InsertAudit = """
        INSERT INTO audit_log (sequence, at, actor, roles, action, case_id, meeting_id, outcome, purpose, previous_hash, hash)
        VALUES (@Sequence, @At, @Actor, @Roles, @Action, @CaseId, @MeetingId, @Outcome, @Purpose, @PreviousHash, @Hash)
        """;

    /// <summary>The tokens per node of one process version's active instances, on an open connection of any SQL store.</summary>
    public static async Task<IReadOnlyList<WaitCount>> CountWaitsAsync(DbConnection connection, string processKey, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = CountWaits;
        ServerSchemaMigrator.AddParameter(command, "@ProcessKey", processKey);
        ServerSchemaMigrator.AddParameter(command, "@Version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<WaitCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new WaitCount(reader.GetString(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2)));
        }

        return counts;
    }

    /// <summary>
    /// The inbox query for stores with row values and LIMIT (SQLite, PostgreSQL), holding only the filters given, so each
    /// combination is its own statement with a plan that fits it. A candidate filter drives the query from the candidates'
    /// (kind, value, created_at, task_id) index, already in page order, so a page reads about Limit rows however many
    /// tasks the institution or user has. Parameters: @InstanceId, @Assignee, @ProcessKey, @Institution, @User, @AfterAt,
    /// @AfterId (the cursor), @Limit; <paramref name="columns"/> reads from the tasks table as t.
    /// </summary>
    public static string TaskQuery(TaskQuery query, string columns)
    {
        ArgumentNullException.ThrowIfNull(query);
        string After(string createdAt, string id) => query.After is null ? "" : $" AND ({createdAt}, {id}) > (@AfterAt, @AfterId)";
        var sql = new System.Text.StringBuilder($"SELECT {columns} FROM ");
        if (query.CandidateInstitution is not null)
        {
            sql.Append($"task_candidates c JOIN tasks t ON t.id = c.task_id WHERE c.kind = 'institution' AND c.value = @Institution{After("c.created_at", "c.task_id")}");
        }
        else if (query.CandidateUser is not null)
        {
            // Assigned to the user or offered to them: the first page of each, merged.
            sql.Append($"""
                tasks t WHERE t.id IN (
                    SELECT id FROM (SELECT id FROM tasks WHERE assignee = @User{After("created_at", "id")} ORDER BY created_at, id LIMIT @Limit) a
                    UNION ALL
                    SELECT task_id FROM (SELECT task_id FROM task_candidates WHERE kind = 'user' AND value = @User{After("created_at", "task_id")} ORDER BY created_at, task_id LIMIT @Limit) o)
                """);
        }
        else
        {
            sql.Append($"tasks t WHERE 1 = 1{After("t.created_at", "t.id")}");
        }

        sql.Append(query.InstanceId is null ? "" : " AND t.instance_id = @InstanceId")
            .Append(query.Assignee is null ? "" : " AND t.assignee = @Assignee")
            .Append(query.ProcessKey is null ? "" : " AND t.process_key = @ProcessKey")
            .Append(query.CandidateInstitution is null ? " ORDER BY t.created_at, t.id LIMIT @Limit" : " ORDER BY c.created_at, c.task_id LIMIT @Limit");
        return sql.ToString();
    }

    /// <summary>The parameters of an inbox query, ids and times in the store's own forms (null when the query has none).</summary>
    public static object TaskQueryParameters<TId, TTime>(TaskQuery query, Func<Guid, TId> id, Func<DateTimeOffset, TTime> time)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(time);
        return new
        {
            InstanceId = query.InstanceId is { } instance ? id(instance) : default,
            query.Assignee,
            query.ProcessKey,
            Institution = query.CandidateInstitution,
            User = query.CandidateUser,
            AfterAt = query.After is { } after ? time(after.CreatedAt) : default,
            AfterId = query.After is { } cursor ? id(cursor.Id) : default,
            query.Limit,
        };
    }

    /// <summary>
    /// The parameters of <see cref="InsertInstance"/> and <see cref="UpdateInstance"/> for stores with native time and id
    /// types (times in UTC).
    /// </summary>
    public static object InstanceParameters(InstanceCommit commit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var stored = commit.Instance;
        return new
        {
            stored.Id,
            stored.ProcessKey,
            stored.ProcessVersion,
            Status = stored.Status.ToString(),
            stored.Revision,
            stored.BusinessKey,
            stored.StateJson,
            StartedAt = stored.StartedAt.ToUniversalTime(),
            UpdatedAt = now.ToUniversalTime(),
            Expected = commit.ExpectedRevision,
        };
    }

    /// <summary>The next version of a process, or null when the latest already has this hash (deploying it again changes nothing).</summary>
    public static DeploymentRecord? NextDeployment(DeploymentRecord? latest, string processKey, string xml, string versionHash, string? name, DateTimeOffset at) =>
        latest is not null && latest.VersionHash == versionHash ? null : new(Guid.NewGuid().ToString("N"), processKey, (latest?.Version ?? 0) + 1, xml, versionHash, name, at);

    /// <summary>A history event's data as stored: Japanese as UTF-8 rather than escapes (the column is never a page).</summary>
    public static string? DataJson(JsonObject? data) => data?.ToJsonString(StateJson.Options);

    /// <summary>A history row read back, whatever the store's column types.</summary>
    public static HistoryEvent History(Guid instanceId, string processKey, int processVersion, string kind, string? nodeId, string? tokenId, string actor, DateTimeOffset at, string? dataJson) => new()
    {
        InstanceId = instanceId,
        ProcessKey = processKey,
        ProcessVersion = processVersion,
        Kind = Enum.Parse<HistoryKind>(kind),
        NodeId = nodeId,
        TokenId = tokenId,
        Actor = actor,
        At = at,
        Data = dataJson is null ? null : JsonNode.Parse(dataJson)!.AsObject(),
    };
}
