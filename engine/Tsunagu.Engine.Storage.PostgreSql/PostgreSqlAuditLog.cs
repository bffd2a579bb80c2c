using Dapper;
using Npgsql;
using Tsunagu.Engine.Auditing;

namespace Tsunagu.Engine.Storage.PostgreSql;

/// <summary>
/// Appends to and reads the hash-chained audit_log table. Hosts append at once; a transaction-scoped advisory lock
/// makes each append read the chain head and write its successors before the next may, so the chain stays linked.
/// </summary>
public static class PostgreSqlAuditLog
{
    // Any fixed key; only audit appends take it.
    private const long ChainLock = 0x7473756e_61677501;

    public static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@ChainLock)", new { ChainLock }, transaction, cancellationToken: cancellationToken));
        var last = await connection.QuerySingleOrDefaultAsync<(long Sequence, string Hash)?>(new CommandDefinition(
            "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1", transaction: transaction, cancellationToken: cancellationToken));
        var entries = AuditChain.Link(last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis, records);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (sequence, at, actor, roles, action, case_id, meeting_id, outcome, purpose, previous_hash, hash)
            SELECT * FROM unnest(@Sequence, @At, @Actor, @Roles, @Action, @CaseId, @MeetingId, @Outcome, @Purpose, @PreviousHash, @Hash)
            """,
            new
            {
                Sequence = entries.Select(e => e.Sequence).ToArray(),
                At = entries.Select(e => AuditChain.Time(e.Record.At)).ToArray(),
                Actor = entries.Select(e => e.Record.Actor).ToArray(),
                Roles = entries.Select(e => e.Record.Roles).ToArray(),
                Action = entries.Select(e => e.Record.Action).ToArray(),
                CaseId = entries.Select(e => e.Record.CaseId).ToArray(),
                MeetingId = entries.Select(e => e.Record.MeetingId).ToArray(),
                Outcome = entries.Select(e => e.Record.Outcome).ToArray(),
                Purpose = entries.Select(e => e.Record.Purpose).ToArray(),
                PreviousHash = entries.Select(e => e.PreviousHash).ToArray(),
                Hash = entries.Select(e => e.Hash).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    public static Task<IReadOnlyList<AuditEntry>> ReadAsync(NpgsqlConnection connection, long afterSequence, int limit, string? caseId, CancellationToken cancellationToken) =>
        SqlStore.ReadAuditAsync(connection, afterSequence, limit, caseId, RowLimit.Limit, cancellationToken);
}
