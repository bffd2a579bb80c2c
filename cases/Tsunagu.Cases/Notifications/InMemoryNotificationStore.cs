namespace Tsunagu.Cases.Notifications;

/// <summary>Notifications in memory, for embedded and test engines; the same contract as the SQLite store.</summary>
public sealed class InMemoryNotificationStore : INotificationStore
{
    private readonly Lock _gate = new();
    private readonly List<(Notification Notification, string Mail)> _items = [];

    public Task<bool> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        lock (_gate)
        {
            if (_items.Any(i => i.Notification.Recipient == notification.Recipient && i.Notification.EventKey == notification.EventKey))
            {
                return Task.FromResult(false);
            }

            _items.Add((notification, Pending));
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Notification>> ForRecipientAsync(
        string recipient, bool unreadOnly, (DateTimeOffset CreatedAt, string Id)? after, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Notification>>([.. _items.Select(i => i.Notification)
                .Where(n => n.Recipient == recipient && (!unreadOnly || n.ReadAt is null))
                .Where(n => after is not { } a || n.CreatedAt < a.CreatedAt || (n.CreatedAt == a.CreatedAt && string.CompareOrdinal(n.Id, a.Id) > 0))
                .OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id, StringComparer.Ordinal).Take(limit)]);
        }
    }

    public Task<bool> MarkReadAsync(string id, string recipient, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(Change(id, i => i.Notification.Recipient == recipient, i => (i.Notification with { ReadAt = i.Notification.ReadAt ?? at }, i.Mail)));

    public Task<IReadOnlyList<Notification>> PendingMailAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Notification>>([.. _items.Where(i => i.Mail == Pending).Select(i => i.Notification).Take(limit)]);
        }
    }

    public Task<bool> TakeForMailAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Change(id, i => i.Mail == Pending, i => (i.Notification, Sending)));

    public Task MailDoneAsync(string id, bool sent, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(Change(id, i => i.Mail == Sending, i => (i.Notification, sent ? Sent : Pending)));

    private const string Pending = "pending";
    private const string Sending = "sending";
    private const string Sent = "sent";

    private bool Change(string id, Func<(Notification Notification, string Mail), bool> when, Func<(Notification Notification, string Mail), (Notification, string)> change)
    {
        lock (_gate)
        {
            var index = _items.FindIndex(i => i.Notification.Id == id && when(i));
            if (index < 0)
            {
                return false;
            }

            _items[index] = change(_items[index]);
            return true;
        }
    }
}
