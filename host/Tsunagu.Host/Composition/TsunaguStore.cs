using System.Data.Common;
using Tsunagu.Cases.Storage;
using Tsunagu.Cases.Storage.PostgreSql;
using Tsunagu.Cases.Storage.Sqlite;
using Tsunagu.Cases.Storage.SqlServer;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;
using Tsunagu.Engine.Storage.Sqlite;
using Tsunagu.Engine.Storage.SqlServer;

namespace Tsunagu.Host.Composition;

/// <summary>
/// The database the host keeps everything in, chosen by <c>Tsunagu:Store</c>: the engine's store and the domain's
/// store over it, and the migration of both (engine scripts 0001+, domain scripts 1001+, one schema_version).
/// </summary>
public sealed class TsunaguStore : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";
    public const string SqlServer = "sqlserver";

    public static readonly IReadOnlyList<string> Supported = [Sqlite, PostgreSql, SqlServer];

    private readonly Func<CancellationToken, Task> _migrate;
    private readonly IAsyncDisposable? _owned;

    private TsunaguStore(IProcessStore engine, IAuditStore audit, CaseStore domain, Func<CancellationToken, Task> migrate, IAsyncDisposable? owned)
    {
        Engine = engine;
        Audit = audit;
        Domain = domain;
        _migrate = migrate;
        _owned = owned;
    }

    public IProcessStore Engine { get; }

    public IAuditStore Audit { get; }

    /// <summary>Every domain port (accounts, meetings, people, plans, notes, notifications, the register, idempotency keys).</summary>
    public CaseStore Domain { get; }

    /// <summary>
    /// Opens no connection: the store kind and connection string are only remembered until <see cref="MigrateAsync"/> or
    /// first use. On PostgreSQL every session acts for <paramref name="tenant"/> (the served pack; ADR 0019); SQLite and
    /// SQL Server databases hold one municipality.
    /// </summary>
    public static TsunaguStore Create(string kind, string connectionString, string tenant, TimeProvider time)
    {
        switch (kind)
        {
            case Sqlite:
            {
                var engine = new SqliteProcessStore(connectionString, time);
                return Over(engine, engine, new SqliteCaseStore(connectionString, time), engine.MigrateAsync, engine);
            }

            case PostgreSql:
            {
                var engine = new PostgreSqlProcessStore(PostgreSqlTenancy.ConnectionString(connectionString, tenant), time);
                return Over(engine, engine, new PostgreSqlCaseStore(engine.DataSource, time), engine.MigrateAsync, engine);
            }

            case SqlServer:
            {
                var engine = new SqlServerProcessStore(connectionString, time);
                return Over(engine, engine, new SqlServerCaseStore(connectionString, time), engine.MigrateAsync, null);
            }

            default:
                throw new ArgumentException($"Tsunagu:Store '{kind}' is not one of {string.Join(", ", Supported)}.", nameof(kind));
        }
    }

    /// <summary>Whether an exception is the database refusing or failing (as opposed to a bug).</summary>
    public static bool IsStoreFailure(Exception exception) => exception is DbException or TimeoutException;

    /// <summary>Brings the database to the newest schema; safe when several hosts start at once.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) => _migrate(cancellationToken);

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static TsunaguStore Over(IProcessStore engine, IAuditStore audit, CaseStore domain, Func<CancellationToken, Task> migrateEngine, IAsyncDisposable? owned) =>
        new(engine, audit, domain, async ct => { await migrateEngine(ct); await domain.MigrateAsync(ct); }, owned);
}
