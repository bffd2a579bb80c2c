namespace Tsunagu.Cases.Notifications;

/// <summary>What a notification is about.</summary>
public static class NotificationKind
{
    public const string MonitoringReminder = "monitoring-reminder";
    public const string MonitoringOverdue = "monitoring-overdue";
    public const string Referral = "referral";
    public const string PlanChanged = "plan-changed";
}

/// <summary>
/// A notification for one member of staff. <see cref="EventKey"/> names the event (case, step, due date or version),
/// so the same event never notifies the same person twice, however often it is raised.
/// </summary>
public sealed record Notification(string Id, string Recipient, string Kind, string? CaseId, string EventKey, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>The notifications port, with the mail outbox: a notification waits there until it was mailed once.</summary>
public interface INotificationStore
{
    /// <summary>Adds the notification unless its recipient already has one for the event; true when added.</summary>
    Task<bool> NotifyAsync(Notification notification, CancellationToken cancellationToken);

    /// <summary>The recipient's notifications, newest first (ties by id), those after <paramref name="after"/> in that order when given.</summary>
    Task<IReadOnlyList<Notification>> ForRecipientAsync(
        string recipient, bool unreadOnly, (DateTimeOffset CreatedAt, string Id)? after, int limit, CancellationToken cancellationToken);

    /// <summary>Marks the recipient's notification read; false when they have none with this id.</summary>
    Task<bool> MarkReadAsync(string id, string recipient, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Notifications not mailed yet (none that a sender has taken), oldest first.</summary>
    Task<IReadOnlyList<Notification>> PendingMailAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Takes a pending notification for sending; false when another sender took it or it was sent.</summary>
    Task<bool> TakeForMailAsync(string id, CancellationToken cancellationToken);

    /// <summary>The mail went out (<paramref name="sent"/>) or failed and goes back to pending.</summary>
    Task MailDoneAsync(string id, bool sent, DateTimeOffset at, CancellationToken cancellationToken);
}
