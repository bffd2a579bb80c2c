using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;

namespace Tsunagu.Cases.Notifications;

/// <summary>Tells the people concerned about a case event (a new referral, a plan change); reading and marking read are the recipient's own.</summary>
public sealed class NotificationService(INotificationStore store, ServedPack served, TimeProvider time)
{
    /// <summary>Notifies each recipient once per event (a repeated event adds nothing).</summary>
    public async Task NotifyAsync(IEnumerable<string> recipients, string kind, string caseId, string eventKey, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        foreach (var recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            await store.NotifyAsync(new Notification(RecordIds.New(time.GetUtcNow()), recipient, kind, caseId, eventKey, message, time.GetUtcNow(), null), cancellationToken);
        }
    }

    /// <summary>The staff of the institutions <paramref name="institutions"/> stand for (a group stands for its members).</summary>
    public IReadOnlyList<string> StaffOf(IEnumerable<string> institutions)
    {
        var pack = served.Current;
        var names = institutions.SelectMany(pack.InstitutionsNamed).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return [.. pack.Staff.Where(s => names.Contains(s.Institution)).Select(s => s.Id)];
    }

    /// <summary>A page of the caller's notifications, newest first.</summary>
    public async Task<Page<Notification>> MineAsync(Caller caller, bool unreadOnly, string? after, int? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var size = Paging.Limit(limit, Paging.MaxLimit);
        var from = Paging.Keys(after, 2) is [var at, var id] ? (Paging.Time(at), id) : ((DateTimeOffset, string)?)null;
        var rows = await store.ForRecipientAsync(caller.Id, unreadOnly, from, size + 1, cancellationToken);
        return Paging.Of(rows, size, n => Paging.Cursor(Paging.Text(n.CreatedAt), n.Id));
    }

    public async Task MarkReadAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!await store.MarkReadAsync(id, caller.Id, time.GetUtcNow(), cancellationToken))
        {
            throw new CaseNotFoundException($"No notification '{id}'.");
        }
    }
}
