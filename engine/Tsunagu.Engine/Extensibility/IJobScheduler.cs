namespace Tsunagu.Engine.Extensibility;

/// <summary>
/// The scheduler port: the engine decides what is due, the scheduler only wakes it up. After a step that left jobs,
/// the engine says when the earliest one falls due; an adapter (in-process loop, Hangfire) calls
/// <see cref="ProcessEngine.RunDueJobsAsync"/> at or after that time.
/// </summary>
public interface IJobScheduler
{
    void JobDue(DateTimeOffset dueAt);
}
