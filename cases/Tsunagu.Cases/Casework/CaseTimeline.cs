using System.Globalization;
using System.Text.Json.Nodes;
using Tsunagu.Cases.Notes;
using Tsunagu.Cases.Privacy;
using Tsunagu.Engine.Runtime;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Casework;

/// <summary>One thing that happened to a case: when, what (<see cref="Kind"/>), who, at which step of the path, and a short detail.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string? Actor, string? Node, string? Detail);

/// <summary>
/// The case timeline: the engine's history of the case (intake, routing with its reasons, referral outcomes, tasks and
/// their assignment, consent changes, plan versions, monitoring, judgement, end) merged with the domain's records
/// (meetings), in time order, with the meetings' decisions about it and its notes. Only this case's facts: a meeting shows its kind and
/// date, never the other cases on its agenda.
/// </summary>
public static class CaseTimeline
{
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    /// <param name="variables">The case's variables: the intake entry names the window and the case it reopens, if any (start variables are not in the history).</param>
    public static IReadOnlyList<TimelineEntry> Build(
        string caseId, IReadOnlyDictionary<string, JsonNode?> variables, IEnumerable<HistoryEvent> history, IReadOnlyList<Meeting> meetings, IEnumerable<CaseNote> notes)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(meetings);
        ArgumentNullException.ThrowIfNull(notes);
        var reopened = variables.GetValueOrDefault(V.ReopenedFrom);
        var intake = string.Join(" ", new[] { Text(variables.GetValueOrDefault(V.Window)), reopened is null ? null : $"再開: {Text(reopened["caseId"])} ({Text(reopened["reason"])})" }.OfType<string>());
        var entries = history.Select(e => e.Kind == HistoryKind.InstanceStarted ? At(e, "intake", intake) : Entry(e)).OfType<TimelineEntry>()
            .Concat(meetings.Select(m => new TimelineEntry(new DateTimeOffset(m.Date.ToDateTime(TimeOnly.MinValue), Japan), "meeting", m.CreatedBy, null, $"{m.Kind} ({m.Id})")))
            .Concat(meetings.SelectMany(m => m.Decisions.Where(d => d.CaseId == caseId).Select(d => new TimelineEntry(
                d.RecordedAt, "meeting-decision", d.RecordedBy, null, string.Join(": ", new[] { d.Kind, d.PlanVersion?.ToString(CultureInfo.InvariantCulture), d.Note }.OfType<string>())))))
            .Concat(notes.Select(n => new TimelineEntry(n.RecordedAt, "note", n.RecordedBy, null, Describe(n.Note))));
        return [.. entries.Select((e, i) => (e, i)).OrderBy(p => p.e.At).ThenBy(p => p.i).Select(p => p.e)];
    }

    private static TimelineEntry? Entry(HistoryEvent e) => e.Kind switch
    {
        HistoryKind.InstanceTerminated or HistoryKind.InstanceCompleted or HistoryKind.InstanceCancelled => At(e, "ended", e.Data?["reason"]?.ToString()),
        HistoryKind.TaskCreated => At(e, "task-created", Text(e.Data?["assignee"])),
        HistoryKind.TaskCompleted => At(e, "task-completed", null),
        HistoryKind.TaskClaimed => At(e, "task-claimed", Assignment(e)),
        HistoryKind.TaskUnclaimed => At(e, "task-unclaimed", Text(e.Data?["reason"])),
        HistoryKind.TaskReassigned => At(e, "task-reassigned", Assignment(e)),
        HistoryKind.EventCaught when e.NodeId is "interval-changed" or "referrals-changed" or "case-ended" => At(e, e.NodeId, null),
        HistoryKind.VariableSet => Variable(e),
        _ => null,
    };

    private static TimelineEntry? Variable(HistoryEvent e)
    {
        var value = e.Data?["value"];
        return Text(e.Data?["name"]) switch
        {
            V.Routing => At(e, "routing", Routing(value)),
            V.ConsentChange => At(e, "consent", string.Join(" ", new[] { Text(value?["status"]), Text(value?["evidence"]) }.OfType<string>())),
            V.Plan => At(e, "plan", string.Join(" ", new[] { Text(value?["version"]), Text(value?["lead"]) }.OfType<string>())),
            V.MonitoringDue when value is not null => At(e, "monitoring-scheduled", Text(value)),
            V.MonitoringReminder => At(e, "monitoring-reminder", Text(value?["due"])),
            V.Judgement => At(e, "judgement", Text(value)),
            V.ReferralOutcome when value is not null => At(e, $"referral-{Text(value["outcome"])}", string.Join(": ", new[] { Text(value["institution"]), Text(value["reason"]) }.OfType<string>())),
            V.Escalation when value is not null => At(e, "escalation", Text(value["reason"])),
            _ => null,
        };
    }

    /// <summary>The note's kind and what it says: how an アウトリーチ went, where 参加支援 was and who went along.</summary>
    private static string Describe(NewNote note) => string.Join(" ", new[]
    {
        note.Kind, note.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note.Method,
        note.Reached switch { true => "会えた", false => "会えず", null => null },
        note.Place, note.Companion is null ? null : $"付き添い {note.Companion}", note.Text,
    }.OfType<string>());

    /// <summary>"多機関協働" or "単独機関", then each referral's institution with the rule's reason.</summary>
    private static string Routing(JsonNode? routing)
    {
        var referrals = routing?["referrals"] as JsonArray ?? [];
        var kind = routing?["multiAgency"] is JsonValue v && v.TryGetValue<bool>(out var multi) && multi ? "多機関協働" : "単独機関";
        return string.Join("; ", referrals.Select(r => $"{Text(r?["institution"])}: {Text(r?["reason"])}").Prepend(kind));
    }

    private static string? Assignment(HistoryEvent e) =>
        string.Join(": ", new[] { Text(e.Data?["assignee"]), Text(e.Data?["reason"]) }.OfType<string>()) is { Length: > 0 } text ? text : null;

    private static TimelineEntry At(HistoryEvent e, string kind, string? detail) => new(e.At, kind, e.Actor, e.NodeId, detail);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
}
