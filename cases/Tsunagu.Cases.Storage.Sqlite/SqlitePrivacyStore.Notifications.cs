using Dapper;
using Tsunagu.Cases.Notifications;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Cases.Storage.Sqlite;

/// <summary>Notifications and the mail outbox (migration 1005).</summary>
public sealed partial class SqlitePrivacyStore : INotificationStore
{
    private const string NotificationColumns = "id, recipient, kind, case_id, event_key, message, created_at, read_at";

    public async Task<bool> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notifications (id, recipient, kind, case_id, event_key, message, created_at)
            VALUES (@Id, @Recipient, @Kind, @CaseId, @EventKey, @Message, @CreatedAt)
            ON CONFLICT (recipient, event_key) DO NOTHING
            """,
            new { notification.Id, notification.Recipient, notification.Kind, notification.CaseId, notification.EventKey, notification.Message, CreatedAt = SqliteValues.Time(notification.CreatedAt) },
            cancellationToken: cancellationToken)) == 1;
    }

    public Task<IReadOnlyList<Notification>> ForRecipientAsync(string recipient, bool unreadOnly, int limit, CancellationToken cancellationToken) => QueryNotificationsAsync(
        $"SELECT {NotificationColumns} FROM notifications WHERE recipient = @recipient AND (@unreadOnly = 0 OR read_at IS NULL) ORDER BY created_at DESC, id LIMIT @limit",
        new { recipient, unreadOnly = unreadOnly ? 1 : 0, limit },
        cancellationToken);

    public async Task<bool> MarkReadAsync(string id, string recipient, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE notifications SET read_at = coalesce(read_at, @at) WHERE id = @id AND recipient = @recipient", new { id, recipient, at = SqliteValues.Time(at) }, cancellationToken) == 1;

    public Task<IReadOnlyList<Notification>> PendingMailAsync(int limit, CancellationToken cancellationToken) => QueryNotificationsAsync(
        $"SELECT {NotificationColumns} FROM notifications WHERE mail = 'pending' ORDER BY created_at, id LIMIT @limit", new { limit }, cancellationToken);

    public async Task<bool> TakeForMailAsync(string id, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE notifications SET mail = 'sending' WHERE id = @id AND mail = 'pending'", new { id }, cancellationToken) == 1;

    public Task MailDoneAsync(string id, bool sent, DateTimeOffset at, CancellationToken cancellationToken) => ExecuteAsync(
        "UPDATE notifications SET mail = @mail, mailed_at = CASE WHEN @mail = 'sent' THEN @at ELSE NULL END WHERE id = @id AND mail = 'sending'",
        new { id, mail = sent ? "sent" : "pending", at = SqliteValues.Time(at) },
        cancellationToken);

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<Notification>> QueryNotificationsAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string Recipient, string Kind, string? CaseId, string EventKey, string Message, string CreatedAt, string? ReadAt)>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new Notification(
            r.Id, r.Recipient, r.Kind, r.CaseId, r.EventKey, r.Message, SqliteValues.Time(r.CreatedAt), r.ReadAt is null ? null : SqliteValues.Time(r.ReadAt)))];
    }
}
