using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tsunagu.Engine.Scheduling;

namespace Tsunagu.Host.Composition;

/// <summary>What the start-up services achieved: the health checks read it, and the API refuses work until the store is ready.</summary>
public sealed class Readiness
{
    private volatile string? _storeFault = "Starting.";

    /// <summary>Why the store cannot be used, or null when it is open and migrated.</summary>
    public string? StoreFault => _storeFault;

    public bool StoreReady => _storeFault is null;

    public void StoreOpened() => _storeFault = null;

    public void StoreFailed(string reason) => _storeFault = reason;
}

/// <summary>Unhealthy while the store is not open and migrated, naming why (e.g. the data folder is not writable).</summary>
public sealed class StoreHealthCheck(Readiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.StoreFault is { } fault ? HealthCheckResult.Unhealthy(fault) : HealthCheckResult.Healthy("The store is open."));
}

/// <summary>Unhealthy when the job scheduler is not running or its latest run failed.</summary>
public sealed class SchedulerHealthCheck(IRunningJobScheduler scheduler) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(scheduler.Healthy
            ? HealthCheckResult.Healthy("The scheduler runs.")
            : HealthCheckResult.Unhealthy(scheduler.Faults > 0 ? $"The scheduler's latest run failed ({scheduler.Faults} failed runs so far)." : "The scheduler is not running."));
}
