using System.Text.Json;
using Tsunagu.Cases.Notes;
using Tsunagu.Cases.Notifications;
using Tsunagu.Cases.Plans;

namespace Tsunagu.Cases.Storage;

/// <summary>支援プラン versions (1003), the contact and activity log (1004), notifications and their mail outbox (1005).</summary>
public abstract partial class CaseStore
{
    private const string NotificationColumns = "id, recipient, kind, case_id, event_key, message, created_at, read_at";

    public async Task<IReadOnlyList<SupportPlan>> PlansAsync(string caseId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<(string CaseId, long Version, string Document, string CreatedBy, object CreatedAt, string? Approval)>(
            "SELECT case_id, version, document, created_by, created_at, approval FROM support_plans WHERE case_id = @caseId ORDER BY version",
            new { caseId },
            cancellationToken)).Select(r => new SupportPlan(
                r.CaseId,
                (int)r.Version,
                JsonSerializer.Deserialize<PlanContent>(r.Document, Json)!,
                r.CreatedBy,
                ReadTime(r.CreatedAt),
                r.Approval is null ? null : JsonSerializer.Deserialize<PlanApproval>(r.Approval, Json)))];

    /// <summary>The primary key (case, version) refuses a second writer of the same version: false for the later one.</summary>
    public Task<bool> AddPlanAsync(SupportPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var row = new { plan.CaseId, plan.Version, Document = JsonSerializer.Serialize(plan.Content, Json), plan.CreatedBy, CreatedAt = Time(plan.CreatedAt) };
        return AddOnceAsync(plan.CaseId, "support_plans", "case_id, version, document, created_by, created_at", "case_id, version", row, cancellationToken);
    }

    public Task ApprovePlanAsync(string caseId, int version, PlanApproval approval, CancellationToken cancellationToken) => WriteAsync(
        caseId,
        "UPDATE support_plans SET approval = @Approval WHERE case_id = @caseId AND version = @version",
        new { caseId, version, Approval = JsonSerializer.Serialize(approval, Json) },
        cancellationToken);

    public Task AddNoteAsync(CaseNote note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        return WriteAsync(
            note.CaseId,
            """
            INSERT INTO case_notes (id, case_id, kind, occurred_on, document, recorded_by, recorded_at)
            VALUES (@Id, @CaseId, @Kind, @OccurredOn, @Document, @RecordedBy, @RecordedAt)
            """,
            new
            {
                note.Id,
                note.CaseId,
                note.Note.Kind,
                OccurredOn = Date(note.Note.OccurredOn),
                Document = JsonSerializer.Serialize(note.Note, Json),
                note.RecordedBy,
                RecordedAt = Time(note.RecordedAt),
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<CaseNote>> NotesAsync(string caseId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<(string Id, string CaseId, string Document, string RecordedBy, object RecordedAt)>(
            "SELECT id, case_id, document, recorded_by, recorded_at FROM case_notes WHERE case_id = @caseId ORDER BY recorded_at, id",
            new { caseId },
            cancellationToken)).Select(r => new CaseNote(r.Id, r.CaseId, JsonSerializer.Deserialize<NewNote>(r.Document, Json)!, r.RecordedBy, ReadTime(r.RecordedAt)))];

    /// <summary>Carries the audit record of the change that raised it (none when that change carried it already).</summary>
    public Task<bool> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var (n, columns) = (notification, "id, recipient, kind, case_id, event_key, message, created_at");
        var row = new { n.Id, n.Recipient, n.Kind, n.CaseId, n.EventKey, n.Message, CreatedAt = Time(n.CreatedAt) };
        return AddOnceAsync(n.CaseId, "notifications", columns, "recipient, event_key", row, cancellationToken);
    }

    public Task<IReadOnlyList<Notification>> ForRecipientAsync(
        string recipient, bool unreadOnly, (DateTimeOffset CreatedAt, string Id)? after, int limit, CancellationToken cancellationToken) => QueryNotificationsAsync(
        $"""
        SELECT {NotificationColumns} FROM notifications WHERE recipient = @recipient {(unreadOnly ? "AND read_at IS NULL" : "")}
        {(after is null ? "" : "AND (created_at < @afterAt OR (created_at = @afterAt AND id > @afterId))")}
        ORDER BY created_at DESC, id {Limit}
        """,
        new { recipient, afterAt = after is { } a ? Time(a.CreatedAt) : null, afterId = after?.Id, limit },
        cancellationToken);

    public async Task<bool> MarkReadAsync(string id, string recipient, DateTimeOffset at, CancellationToken cancellationToken) =>
        await WriteAsync(
            null,
            "UPDATE notifications SET read_at = coalesce(read_at, @at) WHERE id = @id AND recipient = @recipient",
            new { id, recipient, at = Time(at) },
            cancellationToken) == 1;

    public Task<IReadOnlyList<Notification>> PendingMailAsync(int limit, CancellationToken cancellationToken) => QueryNotificationsAsync(
        $"SELECT {NotificationColumns} FROM notifications WHERE mail = 'pending' ORDER BY created_at, id {Limit}", new { limit }, cancellationToken);

    public async Task<bool> TakeForMailAsync(string id, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE notifications SET mail = 'sending' WHERE id = @id AND mail = 'pending'", new { id }, cancellationToken) == 1;

    public Task MailDoneAsync(string id, bool sent, DateTimeOffset at, CancellationToken cancellationToken) => ExecuteAsync(
        "UPDATE notifications SET mail = @mail, mailed_at = @mailedAt WHERE id = @id AND mail = 'sending'",
        new { id, mail = sent ? "sent" : "pending", mailedAt = sent ? Time(at) : null },
        cancellationToken);

    private async Task<IReadOnlyList<Notification>> QueryNotificationsAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<(string Id, string Recipient, string Kind, string? CaseId, string EventKey, string Message, object CreatedAt, object? ReadAt)>(sql, parameters, cancellationToken))
            .Select(r => new Notification(r.Id, r.Recipient, r.Kind, r.CaseId, r.EventKey, r.Message, ReadTime(r.CreatedAt), ReadTimeOrNull(r.ReadAt)))];
}
