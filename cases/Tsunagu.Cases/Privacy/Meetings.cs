using System.Text.Json.Serialization;

namespace Tsunagu.Cases.Privacy;

/// <summary>The two meetings of 重層的支援体制整備事業.</summary>
public static class MeetingKind
{
    /// <summary>重層的支援会議: discusses only cases whose person consented to sharing.</summary>
    public const string Jusou = "重層的支援会議";

    /// <summary>支援会議 (社会福祉法第106条の6): may discuss cases without consent; members are bound to secrecy.</summary>
    public const string Shien = "支援会議";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Jusou, Shien };
}

/// <summary>What a meeting decides about one case on its agenda; each drives the case path.</summary>
public static class DecisionKind
{
    /// <summary>プラン承認: a 重層的支援会議 approves the current plan version.</summary>
    public const string PlanApproval = "プラン承認";

    /// <summary>支援決定: the meeting decides the support; the meeting step of the path is done.</summary>
    public const string SupportDecision = "支援決定";

    /// <summary>モニタリング結果: the review of the open monitoring cycle.</summary>
    public const string MonitoringResult = "モニタリング結果";

    /// <summary>終結判断: the meeting closes the case, with its evaluation.</summary>
    public const string Closure = "終結判断";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { PlanApproval, SupportDecision, MonitoringResult, Closure };
}

/// <summary>Whether a member attended the meeting.</summary>
public sealed record Attendance(string StaffId, bool Present);

/// <summary>
/// A decision recorded on a meeting, linked to the case it concerns. Pending: recorded, but its change to the case is
/// not yet confirmed (ADR 0025); the service finishes it before anything else is decided about the case, and at start-up.
/// </summary>
public sealed record MeetingDecision(string Id, string CaseId, string Kind, int? PlanVersion, string? Note, string RecordedBy, DateTimeOffset RecordedAt, bool Pending = false);

/// <summary>A member of a meeting: when they acknowledged the secrecy duty, and whether their access was revoked.</summary>
public sealed record MeetingMember(string StaffId, DateTimeOffset? AcknowledgedAt, DateTimeOffset? RemovedAt)
{
    public bool Active => RemovedAt is null;
}

/// <summary>情報提供依頼 (第106条の6第2項): a request for information to a named institution, and its answer once given.</summary>
public sealed record InformationRequest(string Id, string Institution, string Request, string RequestedBy, DateTimeOffset RequestedAt, string? Answer, DateTimeOffset? AnsweredAt);

/// <summary>A 支援会議 or 重層的支援会議: its cases (agenda) and members, and its record: attendance, minutes, decisions.</summary>
public sealed record Meeting
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required DateOnly Date { get; init; }

    public required string CreatedBy { get; init; }

    public required IReadOnlyList<string> CaseIds { get; init; }

    public required IReadOnlyList<MeetingMember> Members { get; init; }

    public IReadOnlyList<InformationRequest> InformationRequests { get; init; } = [];

    public IReadOnlyList<Attendance> Attendance { get; init; } = [];

    public string? Minutes { get; init; }

    public IReadOnlyList<MeetingDecision> Decisions { get; init; } = [];

    /// <summary>The store's revision of the record when it was read (not part of the record): a write must be based on the current one.</summary>
    [JsonIgnore]
    public int Revision { get; init; }

    public MeetingMember? ActiveMember(string staffId) => Members.FirstOrDefault(m => m.StaffId == staffId && m.Active);
}

/// <summary>The meetings port.</summary>
public interface IMeetingStore
{
    Task AddMeetingAsync(Meeting meeting, CancellationToken cancellationToken);

    Task<Meeting?> FindMeetingAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>Meetings that discuss the case.</summary>
    Task<IReadOnlyList<Meeting>> MeetingsForCaseAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Meetings that discuss any of the cases, each once.</summary>
    Task<IReadOnlyList<Meeting>> MeetingsForCasesAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> meetings, the latest date first (administration: who is a member of what).</summary>
    Task<IReadOnlyList<Meeting>> RecentMeetingsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Writes the meeting if it is still at <see cref="Meeting.Revision"/>; false (nothing written) when another write came first.</summary>
    Task<bool> UpdateMeetingAsync(Meeting meeting, CancellationToken cancellationToken);

    /// <summary>Meetings holding a pending decision (<see cref="MeetingDecision.Pending"/>).</summary>
    Task<IReadOnlyList<Meeting>> MeetingsWithPendingDecisionsAsync(CancellationToken cancellationToken);
}
