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

/// <summary>Unhealthy while a municipality's store is not open and migrated, naming why (e.g. the data folder is not writable).</summary>
public sealed class StoreHealthCheck(TenantShells shells) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Faults(shells, s => s.GetRequiredService<Readiness>().StoreFault) is { Length: > 0 } faults
            ? HealthCheckResult.Unhealthy(faults)
            : HealthCheckResult.Healthy("The store is open."));

    /// <summary>Each shell's fault; prefixed with the municipality when several are served.</summary>
    internal static string Faults(TenantShells shells, Func<IServiceProvider, string?> fault) => string.Join(
        " ", shells.All.Select(s => (s, Fault: fault(s.Services))).Where(f => f.Fault is not null).Select(f => shells.Several ? $"{f.s.Id}: {f.Fault}" : f.Fault));
}

/// <summary>Unhealthy when a municipality's job scheduler is not running or its latest run failed.</summary>
public sealed class SchedulerHealthCheck(TenantShells shells) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(StoreHealthCheck.Faults(shells, s => Fault(s.GetRequiredService<IRunningJobScheduler>())) is { Length: > 0 } faults
            ? HealthCheckResult.Unhealthy(faults)
            : HealthCheckResult.Healthy("The scheduler runs."));

    private static string? Fault(IRunningJobScheduler scheduler) =>
        scheduler.Healthy ? null
        : scheduler.Faults > 0 ? $"The scheduler's latest run failed ({scheduler.Faults} failed runs so far)."
        : "The scheduler is not running.";
}
