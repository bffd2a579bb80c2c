namespace Tsunagu.Engine.Storage;

/// <summary>
/// The statements every SQL store adapter writes alike (SQLite, PostgreSQL, SQL Server share the table and column
/// names); parameters are named after the port's fields. Dialect-specific statements stay in each adapter.
/// </summary>
public static class StoreSql
{
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
            candidate_institutions, candidate_roles, candidate_users, assignment_reason, created_at)
        VALUES (@Id, @InstanceId, @ProcessKey, @NodeId, @Name, @FormRef, @BusinessKey, @Status, @Assignee,
            @CandidateInstitutions, @CandidateRoles, @CandidateUsers, @AssignmentReason, @CreatedAt)
        """;

    public const string InsertSubscription = """
        INSERT INTO subscriptions (subscription_id, instance_id, kind, name, correlation_key)
        VALUES (@SubscriptionId, @InstanceId, @Kind, @Name, @CorrelationKey)
        """;

    public const string InsertHistory = """
        INSERT INTO history (instance_id, process_key, process_version, kind, node_id, token_id, actor, at, data_json)
        VALUES (@InstanceId, @ProcessKey, @ProcessVersion, @Kind, @NodeId, @TokenId, @Actor, @At, @DataJson)
        """;

    public const string InsertAudit = """
        INSERT INTO audit_log (sequence, at, actor, roles, action, case_id, meeting_id, outcome, purpose, previous_hash, hash)
        VALUES (@Sequence, @At, @Actor, @Roles, @Action, @CaseId, @MeetingId, @Outcome, @Purpose, @PreviousHash, @Hash)
        """;
}
