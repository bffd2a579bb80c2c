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
/// also writes the wait rows of instances a store kept before it had them, so the process view counts them too, and,
/// in the background once the host serves, the access keys of cases stored before the keys existed (ADR 0027), so the
/// person search narrows them like any other (until then it reads them, so nothing waits for it).
/// </summary>
public sealed partial class WorkflowDeployer(ProcessEngine engine, ProcessDesigns designs, Readiness readiness, ILogger<WorkflowDeployer> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _keys = Task.CompletedTask;

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

        _keys = Task.Run(() => WriteMissingKeysAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();

        // The backfill stops at its next instance; a stop that may not wait that long goes on to the other services.
        await _keys.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task WriteMissingKeysAsync(CancellationToken stopping)
    {
        try
        {
            if (await engine.WriteMissingKeysAsync(CaseProcess.Key, cancellationToken: stopping) is > 0 and var keyed)
            {
                LogKeysWritten(logger, keyed);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host stops; the next start goes on where this one left off.
        }
        catch (Exception e)
        {
            LogKeysFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Process {ProcessKey} is at version {Version} ({File})")]
    private static partial void LogDeployed(ILogger logger, string processKey, int version, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the wait rows of {Count} earlier active instances")]
    private static partial void LogWaitsWritten(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the access keys of {Count} earlier cases")]
    private static partial void LogKeysWritten(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the access keys of earlier cases stopped with {ErrorType}; the next start goes on")]
    private static partial void LogKeysFailed(ILogger logger, string errorType);
}

/// <summary>
/// Finishes the meeting decisions an interrupted request left pending (ADR 0025): all of them before the host takes
/// requests or runs timers, then, every <see cref="TsunaguSettings.MeetingDecisionSweepInterval"/>, those at least that
/// old. Each decision is finished on its own: one that fails is logged and stays pending for the next sweep, and the
/// others are still finished. The redo is audited as the system's (<see cref="MeetingService.FinishPendingAsync"/>).
/// </summary>
public sealed partial class MeetingDecisionRecovery(
    MeetingService meetings, Readiness readiness, IOptions<TsunaguSettings> settings, TimeProvider time, ILogger<MeetingDecisionRecovery> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _sweeps = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!readiness.StoreReady)
        {
            return;
        }

        await SweepAsync(DateTimeOffset.MaxValue, cancellationToken);
        _sweeps = SweepPeriodicallyAsync(settings.Value.MeetingDecisionSweepInterval, _stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _sweeps;
    }

    public void Dispose() => _stopping.Dispose();

    private async Task SweepPeriodicallyAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await SweepAsync(time.GetUtcNow() - interval, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host stops.
        }
    }

    /// <summary>Finishes the pending decisions recorded at or before <paramref name="recordedBy"/>, each on its own.</summary>
    private async Task SweepAsync(DateTimeOffset recordedBy, CancellationToken cancellationToken)
    {
        IReadOnlyList<(Meeting Meeting, MeetingDecision Decision)> pending;
        try
        {
            pending = await meetings.PendingDecisionsAsync(recordedBy, cancellationToken);
        }
        catch (Exception e) when (TsunaguStore.IsStoreFailure(e))
        {
            LogListFailed(logger, e);
            return;
        }

        var finished = 0;
        foreach (var (meeting, decision) in pending)
        {
            try
            {
                finished += await meetings.FinishPendingAsync(meeting, decision, cancellationToken) ? 1 : 0;
            }
            catch (Exception e) when (e is CasesException or TsunaguEngineException || TsunaguStore.IsStoreFailure(e))
            {
                LogDecisionFailed(logger, e, decision.Id, meeting.Id, decision.CaseId);
            }
        }

        if (finished > 0)
        {
            LogFinished(logger, finished);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finished {Count} meeting decisions an interruption had left pending")]
    private static partial void LogFinished(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting decision {DecisionId} of meeting {MeetingId} (case {CaseId}) could not be finished; it stays pending for the next sweep")]
    private static partial void LogDecisionFailed(ILogger logger, Exception exception, string decisionId, string meetingId, string caseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pending meeting decisions could not be listed; the next sweep tries again")]
    private static partial void LogListFailed(ILogger logger, Exception exception);
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
