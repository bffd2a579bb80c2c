namespace Tsunagu.Engine.Storage;

/// <summary>
/// A store shared by several hosts hands each due job to one of them: claiming leases the jobs to the caller until
/// <c>now + lease</c>, and other hosts skip leased jobs until the lease runs out (a host that died mid-step leaves its
/// jobs to the others then). A commit that keeps a job at the same due time keeps its lease; a new due time ends it.
/// Stores without it (the in-memory store) serve one host, and the engine reads due jobs plainly.
/// </summary>
public interface IJobClaims
{
    /// <summary>Leases and returns up to <paramref name="max"/> jobs due by <paramref name="now"/> and not leased, earliest first.</summary>
    Task<IReadOnlyList<DueJob>> ClaimDueJobsAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);
}
