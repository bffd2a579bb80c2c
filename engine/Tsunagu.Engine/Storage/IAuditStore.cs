using Tsunagu.Engine.Auditing;

namespace Tsunagu.Engine.Storage;

/// <summary>
/// The append-only audit trail, kept by the same store as the instances so that an instance commit and its audit
/// record are one transaction. Appends extend the hash chain (<see cref="AuditChain"/>).
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends records that belong to no instance commit (reads, refusals, changes outside the engine).</summary>
    Task AppendAuditAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);

    /// <summary>Entries after <paramref name="afterSequence"/> in chain order, at most <paramref name="limit"/>; only a case's when <paramref name="caseId"/> is given.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(long afterSequence, int limit, string? caseId, CancellationToken cancellationToken);
}

/// <summary>Checks the whole chain page by page.</summary>
public static class AuditVerifier
{
    private const int Page = 1000;

    /// <summary>The first entry that breaks the chain, or null when it is intact; also the number of entries checked.</summary>
    public static async Task<(AuditEntry? Broken, long Checked)> VerifyAsync(IAuditStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var previous = AuditChain.Genesis;
        var sequence = 0L;
        while (true)
        {
            var page = await store.ReadAuditAsync(sequence, Page, null, cancellationToken);
            foreach (var entry in page)
            {
                if (entry.Sequence != sequence + 1 || entry.PreviousHash != previous || entry.Hash != AuditChain.Hash(entry.Sequence, previous, entry.Record))
                {
                    return (entry, sequence);
                }

                previous = entry.Hash;
                sequence = entry.Sequence;
            }

            if (page.Count < Page)
            {
                return (null, sequence);
            }
        }
    }
}
