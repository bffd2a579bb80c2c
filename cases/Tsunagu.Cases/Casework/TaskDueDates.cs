using Tsunagu.Engine.Storage;

namespace Tsunagu.Cases.Casework;

/// <summary>When a task is due, and whether that has passed.</summary>
public sealed record TaskDue(DateTimeOffset At, bool Overdue);

/// <summary>
/// Due dates of inbox tasks, as their model's <c>tsunagu:due</c> set them when they were created (the case path: days for
/// each step, the monitoring review and its overdue follow-up at the case's <c>monitoringDue</c>).
/// </summary>
public sealed class TaskDueDates(TimeProvider time)
{
    public IReadOnlyDictionary<Guid, TaskDue> For(IEnumerable<TaskRecord> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var now = time.GetUtcNow();
        return tasks.Where(t => t.DueAt is not null).ToDictionary(t => t.Id, t => new TaskDue(t.DueAt!.Value, t.DueAt <= now));
    }
}
