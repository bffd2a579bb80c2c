using System.Text.Json;
using Dapper;
using Npgsql;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Requests;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;

namespace Tsunagu.Cases.Storage.PostgreSql;

/// <summary>Accounts, sign-in failures, meetings and idempotency keys in the engine's PostgreSQL database (Dapper; migrations 1001+).</summary>
public sealed class PostgreSqlPrivacyStore(NpgsqlDataSource dataSource, TimeProvider time) : IAccountStore, IMeetingStore, IIdempotencyStore
{
    private const string AccountColumns =
        "id AS Id, name AS Name, institution AS Institution, roles AS Roles, area AS Area, password_hash AS PasswordHash, disabled AS Disabled, external_subject AS ExternalSubject";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly IReadOnlyList<MigrationScript> Scripts = MigrationScripts.Load(typeof(PostgreSqlPrivacyStore).Assembly, "Tsunagu.Cases.Migrations.");

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ServerSchemaMigrator.MigrateAsync(connection, PostgreSqlProcessStore.Dialect, Scripts, time, cancellationToken);
    }

    public async Task<StaffAccount?> FindAsync(string id, CancellationToken cancellationToken) =>
        await QueryAccountsAsync("WHERE id = @id", new { id }, cancellationToken) is [var account] ? account : null;

    public async Task<StaffAccount?> FindByExternalSubjectAsync(string subject, CancellationToken cancellationToken) =>
        await QueryAccountsAsync("WHERE external_subject = @subject", new { subject }, cancellationToken) is [var account] ? account : null;

    public Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken) => QueryAccountsAsync("ORDER BY id", null, cancellationToken);

    public async Task<bool> AddAsync(StaffAccount account, CancellationToken cancellationToken) =>
        await WriteAsync(
            PrivacySql.AddAccount,
            AccountRow.From(account),
            cancellationToken) == 1;

    public Task UpdateAsync(StaffAccount account, CancellationToken cancellationToken) => WriteAsync(
        PrivacySql.UpdateAccount,
        AccountRow.From(account),
        cancellationToken);

    public async Task<SignInFailures?> GetFailuresAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string UserName, int Count, DateTime FirstAt, DateTime? LockedUntil)?>(new CommandDefinition(
            PrivacySql.GetFailures, new { userName }, cancellationToken: cancellationToken));
        return row is { } r ? new SignInFailures(r.UserName, r.Count, Utc(r.FirstAt), r.LockedUntil is { } until ? Utc(until) : null) : null;
    }

    public async Task SetFailuresAsync(SignInFailures failures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failures);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            PrivacySql.SetFailures,
            new { failures.UserName, failures.Count, FirstAt = failures.FirstAt.UtcDateTime, LockedUntil = failures.LockedUntil?.UtcDateTime },
            cancellationToken: cancellationToken));
    }

    public async Task ClearFailuresAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(PrivacySql.ClearFailures, new { userName }, cancellationToken: cancellationToken));
    }

    public Task AddMeetingAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return WriteAsync(
            """
            INSERT INTO meetings (id, kind, date, document) VALUES (@Id, @Kind, @Date, @Document);
            INSERT INTO meeting_cases (meeting_id, case_id) SELECT @Id, c FROM unnest(@CaseIds) AS c;
            """,
            new { meeting.Id, meeting.Kind, meeting.Date, Document = JsonSerializer.Serialize(meeting, Json), CaseIds = meeting.CaseIds.Distinct().ToArray() },
            cancellationToken);
    }

    public async Task<Meeting?> FindMeetingAsync(string meetingId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var document = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            PrivacySql.FindMeeting, new { meetingId }, cancellationToken: cancellationToken));
        return document is null ? null : JsonSerializer.Deserialize<Meeting>(document, Json);
    }

    public Task<IReadOnlyList<Meeting>> MeetingsForCaseAsync(string caseId, CancellationToken cancellationToken) =>
        QueryMeetingsAsync(PrivacySql.MeetingsForCase, new { caseId }, cancellationToken);

    public Task<IReadOnlyList<Meeting>> RecentMeetingsAsync(int limit, CancellationToken cancellationToken) =>
        QueryMeetingsAsync(PrivacySql.RecentMeetings, new { limit }, cancellationToken);

    private async Task<IReadOnlyList<Meeting>> QueryMeetingsAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var documents = await connection.QueryAsync<string>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. documents.Select(d => JsonSerializer.Deserialize<Meeting>(d, Json)!)];
    }

    public Task UpdateMeetingAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return WriteAsync(
            PrivacySql.UpdateMeeting,
            new { meeting.Id, meeting.Kind, meeting.Date, Document = JsonSerializer.Serialize(meeting, Json) },
            cancellationToken);
    }

    public async Task<IdempotencyEntry?> ReserveAsync(
        string userId, string key, string request, DateTimeOffset now, DateTimeOffset answeredBefore, DateTimeOffset unansweredBefore, CancellationToken cancellationToken)
    {
        // Not through WriteAsync: a reservation is not the audited change and must not carry its audit record.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new
        {
            UserId = userId,
            Key = key,
            Request = request,
            Now = now.UtcDateTime,
            AnsweredBefore = answeredBefore.UtcDateTime,
            UnansweredBefore = unansweredBefore.UtcDateTime,
        };
        await connection.ExecuteAsync(new CommandDefinition(IdempotencySql.Forget, parameters, transaction, cancellationToken: cancellationToken));
        if (await connection.ExecuteAsync(new CommandDefinition(IdempotencySql.Reserve, parameters, transaction, cancellationToken: cancellationToken)) == 1)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var held = await connection.QuerySingleAsync<(string Request, DateTime CreatedAt, int? Status, string? Body)>(
            new CommandDefinition(IdempotencySql.Find, parameters, transaction, cancellationToken: cancellationToken));
        return new IdempotencyEntry(held.Request, Utc(held.CreatedAt), held.Status is { } status ? new IdempotentResponse(status, held.Body!) : null);
    }

    public async Task CompleteAsync(string userId, string key, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            IdempotencySql.Complete, new { UserId = userId, Key = key, response.Status, response.Body }, cancellationToken: cancellationToken));
    }

    public async Task ReleaseAsync(string userId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(IdempotencySql.Release, new { UserId = userId, Key = key }, cancellationToken: cancellationToken));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>One write transaction that also carries the open audit scope's record, so the change and its audit commit together.</summary>
    private async Task<int> WriteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        var scope = AuditScope.Current;
        await PostgreSqlAuditLog.AppendAsync(connection, transaction, scope?.PendingFor(null) ?? [], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        scope?.Committed(null);
        return changed;
    }

    private async Task<IReadOnlyList<StaffAccount>> QueryAccountsAsync(string where, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition($"SELECT {AccountColumns} FROM accounts {where}", parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToAccount())];
    }

    private sealed class AccountRow
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public string? Institution { get; set; }

        public string[] Roles { get; set; } = [];

        public string? Area { get; set; }

        public string? PasswordHash { get; set; }

        public bool Disabled { get; set; }

        public string? ExternalSubject { get; set; }

        public static AccountRow From(StaffAccount account) => new()
        {
            Id = account.Id,
            Name = account.Name,
            Institution = account.Institution,
            Roles = [.. account.Roles],
            Area = account.Area,
            PasswordHash = account.PasswordHash,
            Disabled = account.Disabled,
            ExternalSubject = account.ExternalSubject,
        };

        public StaffAccount ToAccount() => new()
        {
            Id = Id,
            Name = Name,
            Institution = Institution,
            Roles = Roles,
            Area = Area,
            PasswordHash = PasswordHash,
            Disabled = Disabled,
            ExternalSubject = ExternalSubject,
        };
    }
}
