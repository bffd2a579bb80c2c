using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Tsunagu.Engine.Storage.Sqlite;

public sealed partial class SqliteProcessStore
{
    private readonly ConcurrentBag<SqliteSession> _idleReaders = [];

    // SQLite admits one writer per database at a time; queueing this process's writers here (instead of in SQLite's
    // sleeping busy handler) costs no concurrency and hands the lock on at once. Other processes still meet BEGIN IMMEDIATE.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentQueue<PendingCommit> _pending = new();
    private SqliteSession? _writer;
    private bool _disposed;

    // Commits written together in one transaction at most; bounds how long one group holds the write lock.
    private const int MaxGroup = 64;

    /// <summary>Runs a read on a pooled session, so its statements stay compiled between calls.</summary>
    private async Task<T> ReadAsync<T>(Func<SqliteSession, T> read, CancellationToken cancellationToken)
    {
        var session = _idleReaders.TryTake(out var idle) ? idle : new SqliteSession(await OpenConnectionAsync(cancellationToken));
        T result;
        try
        {
            result = read(session);
        }
        catch
        {
            // The connection may be in doubt; the next read opens a fresh one.
            session.Dispose();
            throw;
        }

        Return(session);
        return result;
    }

    /// <summary>Runs a write on the one writer session of this store.</summary>
    private async Task WriteAsync(Action<SqliteSession> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            _writer ??= new SqliteSession(await OpenConnectionAsync(cancellationToken));
            try
            {
                write(_writer);
            }
            catch (Exception e) when (e is not ConcurrencyConflictException)
            {
                _writer.Dispose();
                _writer = null;
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Writes a commit, together with the commits other threads queued meanwhile, in one transaction: a commit's fixed
    /// cost in SQLite (the WAL frames of every page it touched) is then paid once per group. Each commit runs in its own
    /// savepoint, so a conflict or failure undoes only that commit, and each caller learns its own outcome; the call
    /// returns once the transaction holding its commit has committed.
    /// </summary>
    private async Task CommitInGroupAsync(Action<SqliteSession, SqliteTransaction> write)
    {
        var pending = new PendingCommit(write);
        _pending.Enqueue(pending);

        // Not cancellable once queued: another thread's group may already be writing it.
        await _writeGate.WaitAsync(CancellationToken.None);
        try
        {
            // Queued commits leave the queue only under the gate, so until this one is done it is still queued.
            while (!pending.Done.Task.IsCompleted)
            {
                var group = new List<PendingCommit>();
                while (group.Count < MaxGroup && _pending.TryDequeue(out var next))
                {
                    group.Add(next);
                }

                try
                {
                    _writer ??= new SqliteSession(await OpenConnectionAsync(CancellationToken.None));
                    WriteGroup(_writer, group);
                }
                catch (Exception e)
                {
                    foreach (var commit in group)
                    {
                        commit.Done.TrySetException(e);
                    }

                    _writer?.Dispose();
                    _writer = null;
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }

        await pending.Done.Task;
    }

    private static void WriteGroup(SqliteSession session, List<PendingCommit> group)
    {
        var failures = new Exception?[group.Count];

        // Immediate: each revision check and its write happen under one write lock, so of two steps from the same
        // revision exactly one matches a row.
        using (var transaction = session.Connection.BeginTransaction(deferred: false))
        {
            // A lone commit needs no savepoint: when it fails, the whole transaction is rolled back.
            var savepoints = group.Count > 1;
            for (var i = 0; i < group.Count; i++)
            {
                if (savepoints)
                {
                    transaction.Save("c");
                }

                try
                {
                    group[i].Write(session, transaction);
                }
                catch (Exception e) when (savepoints && e is ConcurrencyConflictException or SqliteException)
                {
                    transaction.Rollback("c");
                    failures[i] = e;
                }
                catch (ConcurrencyConflictException e)
                {
                    failures[i] = e;
                    break;
                }

                if (savepoints)
                {
                    transaction.Release("c");
                }
            }

            if (failures.Any(f => f is null))
            {
                transaction.Commit();
            }
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                group[i].Done.SetException(failure);
            }
            else
            {
                group[i].Done.SetResult();
            }
        }
    }

    private sealed class PendingCommit(Action<SqliteSession, SqliteTransaction> write)
    {
        public Action<SqliteSession, SqliteTransaction> Write { get; } = write;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private void Return(SqliteSession session)
    {
        _idleReaders.Add(session);
        if (Volatile.Read(ref _disposed))
        {
            CloseSessions();
        }
    }

    private void CloseSessions()
    {
        while (_idleReaders.TryTake(out var session))
        {
            session.Dispose();
        }

        _writer?.Dispose();
        _writer = null;
    }
}
