using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;

namespace Tsunagu.Cases.Notifications;

/// <summary>Tells the people concerned about a case event (a new referral, a plan change); reading and marking read are the recipient's own.</summary>
public sealed class NotificationService(INotificationStore store, ServedPack served, TimeProvider time)
{
    private const int MaxListed = 200;

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

    public Task<IReadOnlyList<Notification>> MineAsync(Caller caller, bool unreadOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return store.ForRecipientAsync(caller.Id, unreadOnly, MaxListed, cancellationToken);
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
