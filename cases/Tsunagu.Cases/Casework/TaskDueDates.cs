using System.Globalization;
using System.Text.Json.Nodes;
using Tsunagu.Engine;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Cases.Casework;

/// <summary>When a task is due, and whether that has passed.</summary>
public sealed record TaskDue(DateTimeOffset At, bool Overdue);

/// <summary>
/// Due dates of inbox tasks. The case path gives one to the monitoring review (and its overdue follow-up): the case's
/// <c>monitoringDue</c>, the time its overdue timer fires. Other tasks have none.
/// </summary>
public sealed class TaskDueDates(ProcessEngine engine, TimeProvider time)
{
    public async Task<IReadOnlyDictionary<Guid, TaskDue>> ForAsync(IEnumerable<TaskRecord> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var now = time.GetUtcNow();
        var due = new Dictionary<Guid, TaskDue>();
        foreach (var task in tasks.Where(t => t.ProcessKey == CaseProcess.Key && t.NodeId is CaseProcess.Nodes.Monitoring or CaseProcess.Nodes.Overdue))
        {
            var variables = (await engine.GetInstanceAsync(task.InstanceId, cancellationToken))?.Variables;
            if (variables?.GetValueOrDefault(CaseProcess.Variables.MonitoringDue) is JsonValue value && value.TryGetValue<string>(out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            {
                due[task.Id] = new TaskDue(at, at <= now);
            }
        }

        return due;
    }
}
