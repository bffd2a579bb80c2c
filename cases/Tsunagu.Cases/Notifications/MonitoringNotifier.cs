using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Storage;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Cases.Notifications;

/// <summary>
/// The case path's <c>notify</c> service task: when 期限前リマインド or 期限超過 fires, it tells whoever holds the
/// monitoring review (and, when overdue, the supervisors of the 多機関協働 institution). The event key is the case, the
/// step and the due date, so a retried step notifies no one twice.
/// </summary>
public sealed class MonitoringNotifier(
    INotificationStore store, IEnumerable<StaffMember> staff, Func<string, IReadOnlyList<string>> institutions, Func<ProcessEngine> engine, TimeProvider time)
    : IServiceTaskHandler
{
    public const string Name = "notify";

    public async Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var due = Text(context.Variables, CaseProcess.Variables.MonitoringDue);
        var overdue = context.NodeId == CaseProcess.Nodes.NotifyOverdue;
        var recipients = (await engine().QueryTasksAsync(new TaskQuery { InstanceId = context.InstanceId }, cancellationToken))
            .Where(t => t.NodeId == CaseProcess.Nodes.Monitoring && t.Assignee is not null).Select(t => t.Assignee!).ToList();
        if (overdue && Text(context.Variables, CaseProcess.Variables.MultiAgencyInstitution) is { } lead)
        {
            var names = institutions(lead).Append(lead).ToHashSet(StringComparer.Ordinal);
            recipients.AddRange(staff.Where(s => names.Contains(s.Institution) && s.Roles.Contains(StaffRoles.Supervisor)).Select(s => s.Id));
        }

        foreach (var recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            await store.NotifyAsync(
                new Notification(
                    RecordIds.New(time.GetUtcNow()),
                    recipient,
                    overdue ? NotificationKind.MonitoringOverdue : NotificationKind.MonitoringReminder,
                    context.BusinessKey,
                    $"{context.BusinessKey}/{context.NodeId}/{due}",
                    overdue ? $"モニタリング期限超過（期限 {due}）" : $"モニタリング期限が近づいています（期限 {due}）",
                    time.GetUtcNow(),
                    null),
                cancellationToken);
        }

        return null;
    }

    private static string? Text(FeelContext variables, string name) => variables.TryGet(name, out var value) ? value?.ToString() : null;
}
