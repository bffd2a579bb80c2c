using Microsoft.Extensions.Options;
using Tsunagu.Cases;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Privacy;
using Tsunagu.Engine;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Scheduling;

namespace Tsunagu.Host.Composition;

/// <summary>
/// Creates the data folder (owner-only) and brings the databases to the newest schema. A failure does not stop the
/// host: it is reported by <c>/health/ready</c> and the API answers 503 until a restart finds the store usable.
/// </summary>
public sealed partial class StoreInitializer(
    IOptions<TsunaguSettings> settings, TsunaguStore store, Readiness readiness, ILogger<StoreInitializer> logger) : IHostedService
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
            OwnerOnly(settings.Value.DatabasePath);
            readiness.StoreOpened();
            LogOpened(logger, data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || TsunaguStore.IsStoreFailure(e))
        {
            readiness.StoreFailed($"The {settings.Value.Store} store (data folder {data}) cannot be opened: {e.Message}");
            LogFailed(logger, e, data);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The database and its journal files are readable by the service account only (要配慮個人情報).</summary>
    private static void OwnerOnly(string database)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store opened in {DataDirectory}")]
    private static partial void LogOpened(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The store in {DataDirectory} cannot be opened; the host is not ready")]
    private static partial void LogFailed(ILogger logger, Exception exception, string dataDirectory);
}

/// <summary>
/// Creates the served pack's demo accounts that do not exist yet, with the configured demo password or, when none is
/// set, one generated now and shown once (<see cref="DemoSeed"/>). Existing accounts keep their passwords.
/// </summary>
public sealed partial class AccountSeeder(
    IOptions<TsunaguSettings> settings, AccountService accounts, ServedPack served, Readiness readiness, DemoSeed seed, ILogger<AccountSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!readiness.StoreReady)
        {
            return;
        }

        var configured = settings.Value.DemoPassword;
        var password = configured.Length > 0 ? configured : Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var created = await accounts.SeedAsync(served.Current.Staff, password, cancellationToken);
        if (created > 0)
        {
            seed.Created(created, configured.Length > 0 ? null : password);
            LogSeeded(logger, created, served.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Count} demo accounts of pack {Pack}")]
    private static partial void LogSeeded(ILogger logger, int count, string pack);
}

/// <summary>What the account seeder did at this start: how many accounts, and the generated password to show once (never logged).</summary>
public sealed class DemoSeed
{
    public int AccountsCreated { get; private set; }

    public string? GeneratedPassword { get; private set; }

    internal void Created(int count, string? generatedPassword)
    {
        AccountsCreated = count;
        GeneratedPassword = generatedPassword;
    }
}

/// <summary>
/// Deploys the shipped process models. A shipped text already deployed once is skipped, so a version deployed later in
/// the designer stays the latest across restarts; a changed shipped model (an upgrade) deploys as the next version. It
/// also writes the wait rows of instances a store kept before it had them, so the process view counts them too.
/// </summary>
public sealed partial class WorkflowDeployer(ProcessEngine engine, ProcessDesigns designs, Readiness readiness, ILogger<WorkflowDeployer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!readiness.StoreReady)
        {
            return;
        }

        foreach (var (name, xml) in ShippedWorkflows.All)
        {
            if (await designs.DeployedBeforeAsync(xml, cancellationToken))
            {
                continue;
            }

            foreach (var deployment in await engine.DeployAsync(xml, name, cancellationToken))
            {
                LogDeployed(logger, deployment.ProcessKey, deployment.Version, name);
            }
        }

        if (await engine.WriteMissingWaitsAsync(cancellationToken: cancellationToken) is > 0 and var written)
        {
            LogWaitsWritten(logger, written);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Process {ProcessKey} is at version {Version} ({File})")]
    private static partial void LogDeployed(ILogger logger, string processKey, int version, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the wait rows of {Count} earlier active instances")]
    private static partial void LogWaitsWritten(ILogger logger, int count);
}

/// <summary>
/// Finishes the meeting decisions an interrupted request left pending (ADR 0025), before the host takes requests or
/// runs timers; each change carries its audit record, by the system on the decision's behalf. A failure is logged and
/// the decision stays pending: the next decision about the case finishes it first.
/// </summary>
public sealed partial class MeetingDecisionRecovery(
    MeetingService meetings, Readiness readiness, TimeProvider time, ILogger<MeetingDecisionRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!readiness.StoreReady)
        {
            return;
        }

        using var scope = AuditScope.Begin(caseId => new AuditRecord(time.GetUtcNow(), "system", "", "meeting.decision.resume", caseId, null, StatusCodes.Status200OK, "中断した会議の決定の反映"));
        try
        {
            if (await meetings.FinishPendingDecisionsAsync(cancellationToken) is > 0 and var finished)
            {
                LogFinished(logger, finished);
            }
        }
        catch (Exception e) when (e is CasesException or TsunaguEngineException || TsunaguStore.IsStoreFailure(e))
        {
            LogFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finished {Count} meeting decisions an interruption had left pending")]
    private static partial void LogFinished(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pending meeting decisions could not be finished; they stay pending")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Runs the job scheduler (timers, retries, continuations) while the host runs; due jobs left by a stopped host are run at once.</summary>
public sealed class JobSchedulerService(IRunningJobScheduler scheduler, ProcessEngine engine, Readiness readiness, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (readiness.StoreReady)
        {
            await TsunaguScheduling.PrepareAsync(services, cancellationToken);
            scheduler.Start(engine);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => scheduler.StopAsync();
}
