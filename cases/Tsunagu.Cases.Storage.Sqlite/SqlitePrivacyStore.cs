using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Requests;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Cases.Storage.Sqlite;

/// <summary>Accounts, sign-in failures, meetings, people and idempotency keys in the engine's SQLite database (Dapper; migrations 1001+).</summary>
public sealed partial class SqlitePrivacyStore(string connectionString, TimeProvider time) : IAccountStore, IMeetingStore, IIdempotencyStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await SchemaMigrator.MigrateAsync(connection, typeof(SqlitePrivacyStore).Assembly, "Tsunagu.Cases.Migrations.", time, cancellationToken);
    }

    public async Task<StaffAccount?> FindAsync(string id, CancellationToken cancellationToken) =>
        await QueryAccountsAsync("WHERE id = @id", new { id }, cancellationToken) is [var account] ? account : null;

    public async Task<StaffAccount?> FindByExternalSubjectAsync(string subject, CancellationToken cancellationToken) =>
        await QueryAccountsAsync("WHERE external_subject = @subject", new { subject }, cancellationToken) is [var account] ? account : null;

    public Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken) => QueryAccountsAsync("ORDER BY id", null, cancellationToken);

    public async Task<bool> AddAsync(StaffAccount account, CancellationToken cancellationToken) =>
        await WriteAsync(
            PrivacySql.AddAccount,
            AccountRow(account),
            cancellationToken) == 1;

    public Task UpdateAsync(StaffAccount account, CancellationToken cancellationToken) => WriteAsync(
        PrivacySql.UpdateAccount,
        AccountRow(account),
        cancellationToken);

    public async Task<SignInFailures?> GetFailuresAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string UserName, long Count, string FirstAt, string? LockedUntil)?>(new CommandDefinition(
            PrivacySql.GetFailures, new { userName }, cancellationToken: cancellationToken));
        return row is { } r ? new SignInFailures(r.UserName, (int)r.Count, SqliteValues.Time(r.FirstAt), r.LockedUntil is null ? null : SqliteValues.Time(r.LockedUntil)) : null;
    }

    public async Task SetFailuresAsync(SignInFailures failures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failures);
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            PrivacySql.SetFailures,
            new
            {
                failures.UserName,
                failures.Count,
                FirstAt = SqliteValues.Time(failures.FirstAt),
                LockedUntil = failures.LockedUntil is { } until ? SqliteValues.Time(until) : null,
            },
            cancellationToken: cancellationToken));
    }

    public async Task ClearFailuresAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(PrivacySql.ClearFailures, new { userName }, cancellationToken: cancellationToken));
    }

    public Task AddMeetingAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return WriteAsync(
            "INSERT INTO meetings (id, kind, date, document) VALUES (@Id, @Kind, @Date, @Document)",
            MeetingRow(meeting),
            cancellationToken,
            "INSERT INTO meeting_cases (meeting_id, case_id) VALUES (@MeetingId, @CaseId)",
            meeting.CaseIds.Distinct().Select(c => new { MeetingId = meeting.Id, CaseId = c }));
    }

    public async Task<Meeting?> FindMeetingAsync(string meetingId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
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
        await using var connection = await OpenAsync(cancellationToken);
        var documents = await connection.QueryAsync<string>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. documents.Select(d => JsonSerializer.Deserialize<Meeting>(d, Json)!)];
    }

    public Task UpdateMeetingAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return WriteAsync(PrivacySql.UpdateMeeting, MeetingRow(meeting), cancellationToken);
    }

    public async Task<IdempotencyEntry?> ReserveAsync(
        string userId, string key, string request, DateTimeOffset now, DateTimeOffset answeredBefore, DateTimeOffset unansweredBefore, CancellationToken cancellationToken)
    {
        // Not through WriteAsync: a reservation is not the audited change and must not carry its audit record.
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var parameters = new
        {
            UserId = userId,
            Key = key,
            Request = request,
            Now = SqliteValues.Time(now),
            AnsweredBefore = SqliteValues.Time(answeredBefore),
            UnansweredBefore = SqliteValues.Time(unansweredBefore),
        };
        await connection.ExecuteAsync(new CommandDefinition(IdempotencySql.Forget, parameters, transaction, cancellationToken: cancellationToken));
        if (await connection.ExecuteAsync(new CommandDefinition(IdempotencySql.Reserve, parameters, transaction, cancellationToken: cancellationToken)) == 1)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var held = await connection.QuerySingleAsync<(string Request, string CreatedAt, long? Status, string? Body)>(
            new CommandDefinition(IdempotencySql.Find, parameters, transaction, cancellationToken: cancellationToken));
        return new IdempotencyEntry(held.Request, SqliteValues.Time(held.CreatedAt), held.Status is { } status ? new IdempotentResponse((int)status, held.Body!) : null);
    }

    public async Task CompleteAsync(string userId, string key, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            IdempotencySql.Complete, new { UserId = userId, Key = key, response.Status, response.Body }, cancellationToken: cancellationToken));
    }

    public async Task ReleaseAsync(string userId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(IdempotencySql.Release, new { UserId = userId, Key = key }, cancellationToken: cancellationToken));
    }

    /// <summary>One write transaction that also carries the open audit scope's record, so the change and its audit commit together.</summary>
    private Task<int> WriteAsync(string sql, object parameters, CancellationToken cancellationToken, string? extraSql = null, IEnumerable<object>? extraRows = null) =>
        WriteAsync(null, async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
            if (extraSql is not null && extraRows is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(extraSql, extraRows, transaction, cancellationToken: cancellationToken));
            }

            return changed;
        }, cancellationToken);

    /// <summary>Runs <paramref name="write"/> in one transaction with the audit scope's record for <paramref name="caseId"/> (none if already carried).</summary>
    private async Task<int> WriteAsync(string? caseId, Func<SqliteConnection, SqliteTransaction, Task<int>> write, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var changed = await write(connection, transaction);
        var scope = AuditScope.Current;
        SqliteAuditLog.Append(connection, transaction, scope?.PendingFor(caseId) ?? []);
        await transaction.CommitAsync(cancellationToken);
        scope?.Committed(caseId);
        return changed;
    }

    private async Task<IReadOnlyList<StaffAccount>> QueryAccountsAsync(string where, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string Name, string? Institution, string Roles, string? Area, string? PasswordHash, long Disabled, string? ExternalSubject)>(
            new CommandDefinition(
                $"SELECT id, name, institution, roles, area, password_hash, disabled, external_subject FROM accounts {where}", parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new StaffAccount
        {
            Id = r.Id,
            Name = r.Name,
            Institution = r.Institution,
            Roles = SqliteValues.List(r.Roles),
            Area = r.Area,
            PasswordHash = r.PasswordHash,
            Disabled = r.Disabled != 0,
            ExternalSubject = r.ExternalSubject,
        })];
    }

    private static object AccountRow(StaffAccount account) => new
    {
        account.Id,
        account.Name,
        account.Institution,
        Roles = SqliteValues.List(account.Roles),
        account.Area,
        account.PasswordHash,
        Disabled = account.Disabled ? 1 : 0,
        account.ExternalSubject,
    };

    private static object MeetingRow(Meeting meeting) => new
    {
        meeting.Id,
        meeting.Kind,
        Date = meeting.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Document = JsonSerializer.Serialize(meeting, Json),
    };

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
