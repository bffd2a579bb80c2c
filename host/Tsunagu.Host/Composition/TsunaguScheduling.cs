using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Tsunagu.Engine.Hangfire;
using Tsunagu.Engine.Scheduling;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Composition;

/// <summary>
/// What wakes the engine for due jobs (<c>Tsunagu:Scheduler</c>): Hangfire (the default) over in-memory storage for
/// the embedded SQLite store, or over the shared PostgreSQL or SQL Server database when hosts share one; or the plain in-process loop.
/// Jobs themselves always live in Tsunagu's tables.
/// </summary>
public static class TsunaguScheduling
{
    public const string Hangfire = "hangfire";
    public const string InProcess = "inprocess";

    /// <summary>Hangfire's own tables live in this schema of the shared database.</summary>
    public const string HangfireSchema = "hangfire";

    public static readonly IReadOnlyList<string> Supported = [Hangfire, InProcess];

    public static IServiceCollection AddTsunaguScheduling(this IServiceCollection services)
    {
        // No I/O here: the PostgreSQL storage does not prepare its schema; PrepareAsync does at start. The dashboard takes the
        // storage while the app is built, before settings are validated at start, so it reads the raw values.
        services.TryAddSingleton<JobStorage>(sp => RawSettings(sp.GetRequiredService<IConfiguration>()) switch
        {
            { Store: TsunaguStore.PostgreSql } settings => new PostgreSqlStorage(sp.GetRequiredService<HangfireConnections>(), HangfireOptions()),
            { Store: TsunaguStore.SqlServer } settings => new SqlServerStorage(
                () => new SqlConnection(settings.StoreConnectionString), new SqlServerStorageOptions { SchemaName = HangfireSchema, PrepareSchemaIfNecessary = false }),
            _ => new InMemoryStorage(),
        });
        services.TryAddSingleton(sp => new HangfireConnections(RawSettings(sp.GetRequiredService<IConfiguration>()).StoreConnectionString));

        // One Hangfire server for the process works every municipality's queue (ADR 0023).
        services.TryAddSingleton(sp => new HangfireWorkers(sp.GetRequiredService<JobStorage>()));

        // The dashboard endpoint needs only Hangfire's configuration and its page routes. AddHangfire would also point Hangfire's global
        // logging at this host's logger factory, which outlives no host (several run in one test process).
        services.TryAddSingleton<IGlobalConfiguration>(GlobalConfiguration.Configuration);
        services.TryAddSingleton(global::Hangfire.Dashboard.DashboardRoutes.Routes);
        return services;
    }

    /// <summary>A municipality's scheduler: its wake-ups and sweep go to the Hangfire queue named after its pack (ADR 0019), on the host's storage.</summary>
    public static IServiceCollection AddTsunaguShellScheduler(this IServiceCollection services)
    {
        services.TryAddSingleton<IRunningJobScheduler>(sp => Settings(sp).Scheduler == InProcess
            ? new InProcessJobScheduler(sp.GetRequiredService<TimeProvider>(), Settings(sp).SchedulerPollInterval)
            : new HangfireJobScheduler(
                sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<TimeProvider>(), new HangfireSchedulerOptions { Queue = Settings(sp).Pack }, sp.GetRequiredService<HangfireWorkers>()));
        return services;
    }

    // An advisory lock key of Tsunagu's own (any 64-bit number no other lock of the database uses).
    private const long HangfireInstallLock = 7597372553498914050;

    /// <summary>Creates Hangfire's tables in the shared database when they are missing (safe when several hosts start at once).</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        switch (Settings(services))
        {
            case { Store: TsunaguStore.PostgreSql, Scheduler: Hangfire } settings:
            {
                await using var connection = new NpgsqlConnection(settings.StoreConnectionString);
                await connection.OpenAsync(cancellationToken);

                // Hangfire's installer alone is not: two hosts starting on an empty database both ran CREATE SCHEMA. One at
                // a time; the second finds the tables and adds nothing. Unlocked explicitly: a pooled session keeps its locks.
                await using var @lock = new NpgsqlCommand($"SELECT pg_advisory_lock({HangfireInstallLock})", connection);
                await @lock.ExecuteNonQueryAsync(cancellationToken);
                try
                {
                    PostgreSqlObjectsInstaller.Install(connection, HangfireSchema);
                }
                finally
                {
                    await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({HangfireInstallLock})", connection);
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None);
                }

                break;
            }

            case { Store: TsunaguStore.SqlServer, Scheduler: Hangfire } settings:
            {
                await using var connection = new SqlConnection(settings.StoreConnectionString);
                await connection.OpenAsync(cancellationToken);
                SqlServerObjectsInstaller.Install(connection, HangfireSchema);
                break;
            }
        }
    }

    /// <summary>The Hangfire dashboard at /hangfire, for administrators only (anonymous 401, signed in without the role 403).</summary>
    public static void MapTsunaguDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (RawSettings(app.Configuration).Scheduler == Hangfire)
        {
            // The endpoint's policy decides who may see it, so Hangfire's own filters (local requests only) are cleared.
            // Read-only: on PostgreSQL the storage is shared by every municipality (ADR 0019, 0023), so its commands would
            // let one municipality's administrator delete another's sweep or wake-ups; the engine re-arms what it needs.
            var options = new DashboardOptions { Authorization = [], AsyncAuthorization = [], IsReadOnlyFunc = _ => true };
            app.MapHangfireDashboard("/hangfire", options, app.Services.GetRequiredService<JobStorage>())
                .RequireAuthorization(Policies.Admin);
        }
    }

    private static PostgreSqlStorageOptions HangfireOptions() => new() { SchemaName = HangfireSchema, PrepareSchemaIfNecessary = false };

    private static TsunaguSettings RawSettings(IConfiguration configuration) => configuration.GetSection(TsunaguSettings.Section).Get<TsunaguSettings>() ?? new();

    private static TsunaguSettings Settings(IServiceProvider services) => services.GetRequiredService<IOptions<TsunaguSettings>>().Value;
}

/// <summary>
/// Hangfire's PostgreSQL connections from a pool the host owns, so they close when the host stops rather than idling in
/// Npgsql's process-wide pool (several hosts in one process — tests, the crash harness — would otherwise add up).
/// </summary>
public sealed class HangfireConnections(string connectionString) : Hangfire.PostgreSql.IConnectionFactory, IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _source = new(() => NpgsqlDataSource.Create(connectionString));

    public NpgsqlConnection GetOrCreateConnection() => _source.Value.CreateConnection();

    public ValueTask DisposeAsync() => _source.IsValueCreated ? _source.Value.DisposeAsync() : ValueTask.CompletedTask;
}
