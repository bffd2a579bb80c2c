using Dapper;
using Microsoft.Data.Sqlite;
using Tsunagu.Engine.Auditing;

namespace Tsunagu.Engine.Storage.Sqlite;

/// <summary>
/// Appends to and reads the hash-chained audit_log table. Appending inside the caller's write transaction (BEGIN
/// IMMEDIATE) makes the link to the predecessor race-free: SQLite admits one writer at a time.
/// </summary>
public static class SqliteAuditLog
{
    public static void Append(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var last = connection.QuerySingleOrDefault<(long Sequence, string Hash)?>("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1", transaction: transaction);
        var (sequence, previous) = last ?? (0, AuditChain.Genesis);
        foreach (var entry in AuditChain.Link(sequence, previous, records))
        {
            var record = entry.Record;
            connection.Execute(
                StoreSql.InsertAudit,
                new
                {
                    entry.Sequence,
                    At = SqliteValues.Time(record.At),
                    record.Actor,
                    record.Roles,
                    record.Action,
                    record.CaseId,
                    record.MeetingId,
                    record.Outcome,
                    record.Purpose,
                    entry.PreviousHash,
                    entry.Hash,
                },
                transaction);
        }
    }

    public static Task<IReadOnlyList<AuditEntry>> ReadAsync(SqliteConnection connection, long afterSequence, int limit, string? caseId, CancellationToken cancellationToken) =>
        SqlStore.ReadAuditAsync(connection, afterSequence, limit, caseId, RowLimit.Limit, cancellationToken);
}
