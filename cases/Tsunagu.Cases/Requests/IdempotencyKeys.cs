namespace Tsunagu.Cases.Requests;

/// <summary>The answer a create request gave, kept to give it again to a retry with the same Idempotency-Key.</summary>
public sealed record IdempotentResponse(int Status, string Body);

/// <summary>A key's reservation: which request took it, when, and its answer once the request finished.</summary>
public sealed record IdempotencyEntry(string Request, DateTimeOffset CreatedAt, IdempotentResponse? Response);

/// <summary>
/// Idempotency keys per user, kept in the domain's store. A request reserves its key before it acts and completes it
/// with its answer; a retry finds the answer (or the reservation still in progress) instead of acting twice.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Reserves <paramref name="key"/> for the user's <paramref name="request"/>, first forgetting reservations that
    /// expired: answered ones created before <paramref name="answeredBefore"/>, unanswered ones before
    /// <paramref name="unansweredBefore"/> (their request died). Null when reserved now; else the reservation holding it.
    /// </summary>
    Task<IdempotencyEntry?> ReserveAsync(
        string userId, string key, string request, DateTimeOffset now, DateTimeOffset answeredBefore, DateTimeOffset unansweredBefore, CancellationToken cancellationToken);

    Task CompleteAsync(string userId, string key, IdempotentResponse response, CancellationToken cancellationToken);

    /// <summary>Forgets a reservation whose request failed, so a retry may act.</summary>
    Task ReleaseAsync(string userId, string key, CancellationToken cancellationToken);
}
