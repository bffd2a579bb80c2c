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

/// <summary>A member of a meeting: when they acknowledged the secrecy duty, and whether their access was revoked.</summary>
public sealed record MeetingMember(string StaffId, DateTimeOffset? AcknowledgedAt, DateTimeOffset? RemovedAt)
{
    public bool Active => RemovedAt is null;
}

/// <summary>情報提供依頼 (第106条の6第2項): a request for information to a named institution, and its answer once given.</summary>
public sealed record InformationRequest(string Id, string Institution, string Request, string RequestedBy, DateTimeOffset RequestedAt, string? Answer, DateTimeOffset? AnsweredAt);

/// <summary>A 支援会議 or 重層的支援会議: its cases and members.</summary>
public sealed record Meeting
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required DateOnly Date { get; init; }

    public required string CreatedBy { get; init; }

    public required IReadOnlyList<string> CaseIds { get; init; }

    public required IReadOnlyList<MeetingMember> Members { get; init; }

    public IReadOnlyList<InformationRequest> InformationRequests { get; init; } = [];

    public MeetingMember? ActiveMember(string staffId) => Members.FirstOrDefault(m => m.StaffId == staffId && m.Active);
}

/// <summary>The meetings port.</summary>
public interface IMeetingStore
{
    Task AddMeetingAsync(Meeting meeting, CancellationToken cancellationToken);

    Task<Meeting?> FindMeetingAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>Meetings that discuss the case.</summary>
    Task<IReadOnlyList<Meeting>> MeetingsForCaseAsync(string caseId, CancellationToken cancellationToken);

    Task UpdateMeetingAsync(Meeting meeting, CancellationToken cancellationToken);
}
