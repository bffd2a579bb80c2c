using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace Tsunagu.Engine.Storage.PostgreSql;

public sealed partial class PostgreSqlProcessStore
{
    // Commits written together at most, and groups in flight at once: each group is one round trip and one transaction on
    // a connection of its own, so a few run side by side on the server's cores while the next ones gather.
    private const int MaxGroup = 64;
    private const int Writers = 2;

    private readonly ConcurrentQueue<PendingCommit> _pending = new();
    private readonly SemaphoreSlim _writers = new(Writers, Writers);

    /// <summary>
    /// Writes a commit together with the commits other threads queued meanwhile, in one transaction and one round trip:
    /// the server's fixed cost per statement and per transaction is then paid once per group. When the group fails (a
    /// stale revision of one of its commits, or any other error of its batch), its halves are written again, down to
    /// single commits, so every caller learns its own outcome. Returns once the transaction holding the commit has committed.
    /// </summary>
    private async Task CommitInGroupAsync(InstanceCommit commit)
    {
        var pending = new PendingCommit(commit);
        _pending.Enqueue(pending);

        // Not cancellable once queued: another thread's group may already be writing it.
        await _writers.WaitAsync(CancellationToken.None);
        try
        {
            while (!pending.Done.Task.IsCompleted && Take() is { Count: > 0 } group)
            {
                await WriteGroupAsync(group);
            }
        }
        finally
        {
            _writers.Release();
        }

        await pending.Done.Task;
    }

    private List<PendingCommit> Take()
    {
        var group = new List<PendingCommit>();
        while (group.Count < MaxGroup && _pending.TryDequeue(out var next))
        {
            group.Add(next);
        }

        return group;
    }

    private async Task WriteGroupAsync(IReadOnlyList<PendingCommit> group)
    {
        var opened = false;
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(CancellationToken.None);
            opened = true;
            await WriteAsync(connection, null, [.. group.Select(p => p.Commit)], CancellationToken.None);
        }
        catch (Exception) when (opened && group.Count > 1)
        {
            // The group was undone as a whole (a stale revision, a deadlock with another group, a lost connection): each
            // half again, until every commit has its own outcome. One stale commit among 64 costs a dozen batches.
            var half = group.Count / 2;
            await WriteGroupAsync([.. group.Take(half)]);
            await WriteGroupAsync([.. group.Skip(half)]);
            return;
        }
        catch (Exception e)
        {
            foreach (var failed in group)
            {
                failed.Done.TrySetException(e);
            }

            return;
        }

        foreach (var written in group)
        {
            written.Done.TrySetResult();
        }
    }

    /// <summary>Writes commits in one batch; a stale revision, or a new instance whose id exists, fails all of them.</summary>
    private async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<InstanceCommit> commits, CancellationToken cancellationToken)
    {
        try
        {
            var rows = CommitRows.From(commits, _time.GetUtcNow());
            var sql = (commits.Count == 1 ? CommitOneSql : CommitSql) + (rows.KeysReplaced.Length switch { 0 => "", 1 => ReplaceKeysOneSql, _ => ReplaceKeysSql });
            await connection.ExecuteAsync(Command(sql, rows, transaction, cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DivisionByZero && commits is [var commit])
        {
            throw new ConcurrencyConflictException(
                commit.ExpectedRevision == -1 ? $"Instance {commit.Instance.Id} already exists." : $"Instance {commit.Instance.Id} is not at revision {commit.ExpectedRevision}.", e);
        }
    }

    private sealed class PendingCommit(InstanceCommit commit)
    {
        public InstanceCommit Commit { get; } = commit;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
