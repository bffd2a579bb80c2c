using Microsoft.Extensions.Logging;

namespace Tsunagu.Engine;

/// <summary>What the engine logs: ids, node ids, counts and exception types — never variable values or messages that may quote them.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed process {ProcessKey} version {Version}")]
    public static partial void Deployed(ILogger logger, string processKey, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} of instance {InstanceId} at {NodeId} failed with {ErrorType} ({Failures} failures); postponed")]
    public static partial void JobFailed(ILogger logger, Guid jobId, Guid instanceId, string? nodeId, string errorType, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A run of instance {InstanceId} went over a limit of the engine and stands in incident")]
    public static partial void RunSuspended(ILogger logger, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} of instance {InstanceId} retried by {Actor}")]
    public static partial void IncidentRetried(ILogger logger, string incidentId, Guid instanceId, string actor);

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduler run failed with {ErrorType} ({Faults} failed runs so far)")]
    public static partial void SchedulerFaulted(ILogger logger, string errorType, int faults);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The keys of instance {InstanceId} could not be worked out ({ErrorType}); it is stored without keys")]
    public static partial void KeysFailed(ILogger logger, Guid instanceId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId} could not be written again ({ErrorType}); left as it was")]
    public static partial void RewriteFailed(ILogger logger, Guid instanceId, string errorType);
}
