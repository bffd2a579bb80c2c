using System.Collections.Concurrent;

namespace Tsunagu.Engine.Storage.Sqlite;

public sealed partial class SqliteProcessStore
{
    private readonly ConcurrentBag<SqliteSession> _idleReaders = [];

    // SQLite admits one writer per database at a time; queueing this process's writers here (instead of in SQLite's
    // sleeping busy handler) costs no concurrency and hands the lock on at once. Other processes still meet BEGIN IMMEDIATE.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteSession? _writer;
    private bool _disposed;

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
