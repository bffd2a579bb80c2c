using System.Globalization;
using System.Text.Json.Nodes;
using Tsunagu.Engine;
using Tsunagu.Engine.Runtime;
using N = Tsunagu.Cases.Casework.CaseProcess.Nodes;

namespace Tsunagu.Cases.Casework;

/// <summary>相談受付件数 for one 受付窓口 in one month (Japan time, yyyy-MM).</summary>
public sealed record IntakeCount(string Window, string Month, int Count);

/// <summary>The indicators the municipal plans count (domain.md §5), for one period.</summary>
public sealed record CaseIndicators
{
    public required IReadOnlyList<IntakeCount> Intakes { get; init; }

    public required IReadOnlyDictionary<string, int> ReferralsByInstitution { get; init; }

    /// <summary>Meetings held (completed), by kind: 重層的支援会議 / 支援会議.</summary>
    public required IReadOnlyDictionary<string, int> MeetingsByKind { get; init; }

    /// <summary>Cases with at least one 参加支援 task.</summary>
    public int ParticipationCases { get; init; }

    /// <summary>Cases with at least one アウトリーチ task.</summary>
    public int OutreachCases { get; init; }

    public int CasesClosed { get; init; }

    public int CasesSuspended { get; init; }

    public int IntakeTotal => Intakes.Sum(i => i.Count);
}

/// <summary>
/// Computes the case indicators from the engine's history of the case-path process (every version) and the cases'
/// intake variables; events count when they happened in [from, to).
/// </summary>
public sealed class IndicatorService(ProcessEngine engine)
{
    /// <summary>Japan has no daylight saving: months are counted at a fixed +09:00.</summary>
    private static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    public async Task<CaseIndicators> ComputeAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var history = (await engine.GetDefinitionHistoryAsync(CaseProcess.Key, cancellationToken: cancellationToken))
            .Where(h => h.At >= from && h.At < to)
            .ToList();
        return new CaseIndicators
        {
            Intakes = await IntakesAsync(history, cancellationToken),
            ReferralsByInstitution = Count(history
                .Where(h => h.Kind == HistoryKind.VariableSet && h.Data?["name"]?.GetValue<string>() == CaseProcess.Variables.Routing)
                .SelectMany(h => h.Data?["value"]?["referrals"]?.AsArray() ?? [])
                .Select(r => r?["institution"]?.GetValue<string>() ?? "")),
            MeetingsByKind = Count(history
                .Where(h => h.Kind == HistoryKind.ActivityCompleted && h.NodeId is N.MeetingJusou or N.MeetingShien)
                .Select(h => h.NodeId == N.MeetingJusou ? CaseProcess.MeetingJusou : CaseProcess.MeetingShien)),
            ParticipationCases = Cases(history, HistoryKind.TaskCreated, N.Participation),
            OutreachCases = Cases(history, HistoryKind.TaskCreated, N.Outreach),
            CasesClosed = Cases(history, HistoryKind.TokenMoved, N.Closed),
            CasesSuspended = Cases(history, HistoryKind.TokenMoved, N.Suspended),
        };
    }

    /// <summary>Cases started in the period, by the window recorded at intake and the month they started.</summary>
    private async Task<IReadOnlyList<IntakeCount>> IntakesAsync(IEnumerable<HistoryEvent> history, CancellationToken cancellationToken)
    {
        var intakes = new List<(string Window, string Month)>();
        foreach (var started in history.Where(h => h.Kind == HistoryKind.InstanceStarted))
        {
            var instance = await engine.GetInstanceAsync(started.InstanceId, cancellationToken);
            var window = instance?.Variables.GetValueOrDefault(CaseProcess.Variables.Window) is JsonValue w && w.TryGetValue<string>(out var name) ? name : "";
            intakes.Add((window, started.At.ToOffset(JapanOffset).ToString("yyyy-MM", CultureInfo.InvariantCulture)));
        }

        return [.. intakes.GroupBy(i => i).Select(g => new IntakeCount(g.Key.Window, g.Key.Month, g.Count()))
            .OrderBy(c => c.Month, StringComparer.Ordinal).ThenBy(c => c.Window, StringComparer.Ordinal)];
    }

    private static int Cases(IEnumerable<HistoryEvent> history, HistoryKind kind, string nodeId) =>
        history.Where(h => h.Kind == kind && h.NodeId == nodeId).Select(h => h.InstanceId).Distinct().Count();

    private static Dictionary<string, int> Count(IEnumerable<string> keys) =>
        keys.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
