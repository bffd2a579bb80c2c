using System.Text.Json;
using Dapper;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Requests;

namespace Tsunagu.Cases.Storage;

/// <summary>Accounts, sign-in failures, meetings and idempotency keys (migrations 1001, 1007, 1009, 1010, 1011).</summary>
public abstract partial class CaseStore
{
    private const string AccountColumns = "id, name, institution, roles, area, password_hash, disabled, external_subject";

    public async Task<StaffAccount?> FindAsync(string id, CancellationToken cancellationToken) =>
        await QueryAccountsAsync("WHERE id = @id", new { id }, cancellationToken) is [var account] ? account : null;

    public async Task<StaffAccount?> FindByExternalSubjectAsync(string subject, CancellationToken cancellationToken) =>
        await QueryAccountsAsync("WHERE external_subject = @subject", new { subject }, cancellationToken) is [var account] ? account : null;

    public Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken) => QueryAccountsAsync("ORDER BY id", null, cancellationToken);

    public Task<bool> AddAsync(StaffAccount account, CancellationToken cancellationToken) => AddOnceAsync(null, "accounts", AccountColumns, "id", AccountRow(account), cancellationToken);

    public Task UpdateAsync(StaffAccount account, CancellationToken cancellationToken) => WriteAsync(
        null,
        """
        UPDATE accounts SET name = @Name, institution = @Institution, roles = @Roles, area = @Area, password_hash = @PasswordHash,
            disabled = @Disabled, external_subject = @ExternalSubject
        WHERE id = @Id
        """,
        AccountRow(account),
        cancellationToken);

    public async Task<SignInFailures?> GetFailuresAsync(string userName, CancellationToken cancellationToken) =>
        await QueryAsync<(string UserName, long Count, object FirstAt, object? LockedUntil)>(
            "SELECT user_name, count, first_at, locked_until FROM sign_in_failures WHERE user_name = @userName", new { userName }, cancellationToken) is [var r]
            ? new SignInFailures(r.UserName, (int)r.Count, ReadTime(r.FirstAt), ReadTimeOrNull(r.LockedUntil))
            : null;

    public Task SetFailuresAsync(SignInFailures failures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return ExecuteAsync(
            SetFailuresSql,
            new { failures.UserName, failures.Count, FirstAt = Time(failures.FirstAt), LockedUntil = failures.LockedUntil is { } until ? Time(until) : null },
            cancellationToken);
    }

    public Task ClearFailuresAsync(string userName, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM sign_in_failures WHERE user_name = @userName", new { userName }, cancellationToken);

    public Task AddMeetingAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return WriteAsync(null, async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO meetings (id, kind, date, document, pending_decisions) VALUES (@Id, @Kind, @Date, @Document, @PendingDecisions)",
                MeetingRow(meeting),
                transaction,
                cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO meeting_cases (meeting_id, case_id) VALUES (@MeetingId, @CaseId)",
                meeting.CaseIds.Distinct().Select(c => new { MeetingId = meeting.Id, CaseId = c }),
                transaction,
                cancellationToken: cancellationToken));
            return changed;
        }, cancellationToken);
    }

    public async Task<Meeting?> FindMeetingAsync(string meetingId, CancellationToken cancellationToken) =>
        await QueryMeetingsAsync("SELECT document, revision FROM meetings WHERE id = @meetingId", new { meetingId }, cancellationToken) is [var meeting] ? meeting : null;

    public Task<IReadOnlyList<Meeting>> MeetingsForCaseAsync(string caseId, CancellationToken cancellationToken) => QueryMeetingsAsync(
        "SELECT m.document, m.revision FROM meeting_cases c JOIN meetings m ON m.id = c.meeting_id WHERE c.case_id = @caseId ORDER BY m.date, m.id",
        new { caseId },
        cancellationToken);

    public async Task<IReadOnlyList<Meeting>> MeetingsForCasesAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken) =>
        caseIds.Count == 0 ? [] : await QueryMeetingsAsync(
            $"SELECT m.document, m.revision FROM meetings m WHERE m.id IN (SELECT c.meeting_id FROM meeting_cases c WHERE c.case_id {AnyOf("@caseIds")})",
            new { caseIds = caseIds.ToArray() },
            cancellationToken);

    public Task<IReadOnlyList<Meeting>> RecentMeetingsAsync(int limit, CancellationToken cancellationToken) =>
        QueryMeetingsAsync($"SELECT document, revision FROM meetings ORDER BY date DESC, id DESC {Limit}", new { limit }, cancellationToken);

    /// <summary>
    /// A meeting's members, acknowledgements, requests and decisions change with their audit record, in one transaction,
    /// only while the meeting is still at the revision it was read at; otherwise nothing is written (false).
    /// </summary>
    public async Task<bool> UpdateMeetingAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return await WriteAsync(
            null,
            """
            UPDATE meetings SET kind = @Kind, date = @Date, document = @Document, pending_decisions = @PendingDecisions, revision = revision + 1
            WHERE id = @Id AND revision = @Revision
            """,
            MeetingRow(meeting),
            cancellationToken,
            unlessUnchanged: true) == 1;
    }

    public Task<IReadOnlyList<Meeting>> MeetingsWithPendingDecisionsAsync(CancellationToken cancellationToken) =>
        QueryMeetingsAsync("SELECT document, revision FROM meetings WHERE pending_decisions > 0 ORDER BY date, id", null, cancellationToken);

    public async Task<IdempotencyEntry?> ReserveAsync(
        string userId, string key, string request, DateTimeOffset now, DateTimeOffset answeredBefore, DateTimeOffset unansweredBefore, CancellationToken cancellationToken)
    {
        // Not through WriteAsync: a reservation is not the audited change and must not carry its audit record.
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        var parameters = new
        {
            UserId = userId,
            Key = key,
            Request = request,
            CreatedAt = Time(now),
            AnsweredBefore = Time(answeredBefore),
            UnansweredBefore = Time(unansweredBefore),
        };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM idempotency_keys
            WHERE user_id = @UserId AND "key" = @Key
              AND ((status IS NOT NULL AND created_at < @AnsweredBefore) OR (status IS NULL AND created_at < @UnansweredBefore))
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken));
        var reserve = InsertIfAbsent("idempotency_keys", "user_id, \"key\", request, created_at", "user_id, \"key\"");
        if (await connection.ExecuteAsync(new CommandDefinition(reserve, parameters, transaction, cancellationToken: cancellationToken)) == 1)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var held = await connection.QuerySingleAsync<(string Request, object CreatedAt, long? Status, string? Body)>(new CommandDefinition(
            "SELECT request, created_at, status, body FROM idempotency_keys WHERE user_id = @UserId AND \"key\" = @Key", parameters, transaction, cancellationToken: cancellationToken));
        return new IdempotencyEntry(held.Request, ReadTime(held.CreatedAt), held.Status is { } status ? new IdempotentResponse((int)status, held.Body!) : null);
    }

    public Task CompleteAsync(string userId, string key, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ExecuteAsync(
            "UPDATE idempotency_keys SET status = @Status, body = @Body WHERE user_id = @UserId AND \"key\" = @Key",
            new { UserId = userId, Key = key, response.Status, response.Body },
            cancellationToken);
    }

    public Task ReleaseAsync(string userId, string key, CancellationToken cancellationToken) => ExecuteAsync(
        "DELETE FROM idempotency_keys WHERE user_id = @UserId AND \"key\" = @Key AND status IS NULL", new { UserId = userId, Key = key }, cancellationToken);

    private async Task<IReadOnlyList<StaffAccount>> QueryAccountsAsync(string where, object? parameters, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<(string Id, string Name, string? Institution, object Roles, string? Area, string? PasswordHash, object Disabled, string? ExternalSubject)>(
            $"SELECT {AccountColumns} FROM accounts {where}", parameters, cancellationToken);
        return [.. rows.Select(r => new StaffAccount
        {
            Id = r.Id,
            Name = r.Name,
            Institution = r.Institution,
            Roles = ReadList(r.Roles),
            Area = r.Area,
            PasswordHash = r.PasswordHash,
            Disabled = Convert.ToBoolean(r.Disabled, System.Globalization.CultureInfo.InvariantCulture),
            ExternalSubject = r.ExternalSubject,
        })];
    }

    private object AccountRow(StaffAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new
        {
            account.Id,
            account.Name,
            account.Institution,
            Roles = List(account.Roles),
            account.Area,
            account.PasswordHash,
            account.Disabled,
            account.ExternalSubject,
        };
    }

    private object MeetingRow(Meeting meeting) => new
    {
        meeting.Id,
        meeting.Kind,
        Date = Date(meeting.Date),
        Document = JsonSerializer.Serialize(meeting, Json),
        PendingDecisions = meeting.Decisions.Count(d => d.Pending),
        meeting.Revision,
    };

    private async Task<IReadOnlyList<Meeting>> QueryMeetingsAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<(string Document, long Revision)>(sql, parameters, cancellationToken))
            .Select(r => JsonSerializer.Deserialize<Meeting>(r.Document, Json)! with { Revision = (int)r.Revision })];
}
