using Tsunagu.Cases.Casework;
using Tsunagu.Engine;
using Tsunagu.Engine.Scheduling;
using Tsunagu.Engine.Storage.Sqlite;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Composition;

/// <summary>
/// Creates the data folder (owner-only) and brings the databases to the newest schema. A failure does not stop the
/// host: it is reported by <c>/health/ready</c> and the API answers 503 until a restart finds the store usable.
/// </summary>
public sealed partial class StoreInitializer(
    Microsoft.Extensions.Options.IOptions<TsunaguSettings> settings, SqliteProcessStore store, SqliteAuditLog audit, Readiness readiness, ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var data = Path.GetFullPath(settings.Value.DataDirectory);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(data);
            }
            else
            {
                Directory.CreateDirectory(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            await store.MigrateAsync(cancellationToken);
            await audit.MigrateAsync(cancellationToken);
            readiness.StoreOpened();
            LogOpened(logger, data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            readiness.StoreFailed($"The store in the data folder {data} cannot be opened: {e.Message}");
            LogFailed(logger, e, data);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store opened in {DataDirectory}")]
    private static partial void LogOpened(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The store in {DataDirectory} cannot be opened; the host is not ready")]
    private static partial void LogFailed(ILogger logger, Exception exception, string dataDirectory);
}

/// <summary>Deploys the shipped process models (a no-op for a model already deployed unchanged).</summary>
public sealed partial class WorkflowDeployer(ProcessEngine engine, Readiness readiness, ILogger<WorkflowDeployer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!readiness.StoreReady)
        {
            return;
        }

        foreach (var (name, xml) in ShippedWorkflows.All)
        {
            foreach (var deployment in await engine.DeployAsync(xml, name, cancellationToken))
            {
                LogDeployed(logger, deployment.ProcessKey, deployment.Version, name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Process {ProcessKey} is at version {Version} ({File})")]
    private static partial void LogDeployed(ILogger logger, string processKey, int version, string file);
}

/// <summary>Runs the job scheduler's loop (timers, retries, continuations) while the host runs.</summary>
public sealed class JobSchedulerService(InProcessJobScheduler scheduler, ProcessEngine engine, Readiness readiness) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (readiness.StoreReady)
        {
            scheduler.Start(engine);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => scheduler.StopAsync();
}
