using System.Data.Common;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Requests;
using Tsunagu.Cases.Storage.PostgreSql;
using Tsunagu.Cases.Storage.Sqlite;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Host.Composition;

/// <summary>
/// The database the host keeps everything in, chosen by <c>Tsunagu:Store</c>: the engine's store and the domain's
/// store over it, and the migration of both (engine scripts 0001+, domain scripts 1001+, one schema_version).
/// </summary>
public sealed class TsunaguStore : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    /// <summary>The stores the host can run on; SQL Server has the engine's store but not yet the domain's tables.</summary>
    public static readonly IReadOnlyList<string> Supported = [Sqlite, PostgreSql];

    private readonly Func<CancellationToken, Task> _migrate;
    private readonly object _domain;
    private readonly IAsyncDisposable _owned;

    private TsunaguStore(IProcessStore engine, IAuditStore audit, object domain, Func<CancellationToken, Task> migrate, IAsyncDisposable owned)
    {
        Engine = engine;
        Audit = audit;
        Accounts = (IAccountStore)domain;
        Meetings = (IMeetingStore)domain;
        Idempotency = (IIdempotencyStore)domain;
        _domain = domain;
        _migrate = migrate;
        _owned = owned;
    }

    public IProcessStore Engine { get; }

    public IAuditStore Audit { get; }

    public IAccountStore Accounts { get; }

    public IMeetingStore Meetings { get; }

    public IIdempotencyStore Idempotency { get; }

    /// <summary>
    /// A casework port of the domain store (people, plans, notes, notifications, the case register). Only the SQLite
    /// domain store holds those tables yet; on another store this says so instead of failing later.
    /// </summary>
    public T Casework<T>()
        where T : class =>
        _domain as T ?? throw new NotSupportedException($"The casework tables ({typeof(T).Name}) are on the SQLite store only so far.");

    /// <summary>Opens no connection: the store kind and connection string are only remembered until <see cref="MigrateAsync"/> or first use.</summary>
    public static TsunaguStore Create(string kind, string connectionString, TimeProvider time)
    {
        switch (kind)
        {
            case Sqlite:
            {
                var engine = new SqliteProcessStore(connectionString, time);
                var privacy = new SqlitePrivacyStore(connectionString, time);
                return new TsunaguStore(engine, engine, privacy, async ct => { await engine.MigrateAsync(ct); await privacy.MigrateAsync(ct); }, engine);
            }

            case PostgreSql:
            {
                var engine = new PostgreSqlProcessStore(connectionString, time);
                var privacy = new PostgreSqlPrivacyStore(engine.DataSource, time);
                return new TsunaguStore(engine, engine, privacy, async ct => { await engine.MigrateAsync(ct); await privacy.MigrateAsync(ct); }, engine);
            }

            default:
                throw new ArgumentException($"Tsunagu:Store '{kind}' is not one of {string.Join(", ", Supported)}.", nameof(kind));
        }
    }

    /// <summary>Whether an exception is the database refusing or failing (as opposed to a bug).</summary>
    public static bool IsStoreFailure(Exception exception) => exception is DbException or TimeoutException;

    /// <summary>Brings the database to the newest schema; safe when several hosts start at once.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) => _migrate(cancellationToken);

    public ValueTask DisposeAsync() => _owned.DisposeAsync();
}
