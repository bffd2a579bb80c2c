using Tsunagu.Cases.Privacy;

namespace Tsunagu.Host.Tests;

/// <summary>A meeting store that passes every call to the real one; a test double overrides only what it changes.</summary>
internal abstract class DelegatingMeetingStore(IMeetingStore inner) : IMeetingStore
{
    protected IMeetingStore Inner { get; } = inner;

    public Task AddMeetingAsync(Meeting meeting, CancellationToken cancellationToken) => Inner.AddMeetingAsync(meeting, cancellationToken);

    public Task<Meeting?> FindMeetingAsync(string meetingId, CancellationToken cancellationToken) => Inner.FindMeetingAsync(meetingId, cancellationToken);

    public Task<IReadOnlyList<Meeting>> MeetingsForCaseAsync(string caseId, CancellationToken cancellationToken) => Inner.MeetingsForCaseAsync(caseId, cancellationToken);

    public Task<IReadOnlyList<Meeting>> MeetingsForCasesAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken) => Inner.MeetingsForCasesAsync(caseIds, cancellationToken);

    public Task<IReadOnlyList<Meeting>> RecentMeetingsAsync(int limit, CancellationToken cancellationToken) => Inner.RecentMeetingsAsync(limit, cancellationToken);

    public Task<IReadOnlyList<Meeting>> MeetingsWithPendingDecisionsAsync(CancellationToken cancellationToken) => Inner.MeetingsWithPendingDecisionsAsync(cancellationToken);

    public virtual Task<bool> UpdateMeetingAsync(Meeting meeting, CancellationToken cancellationToken) => Inner.UpdateMeetingAsync(meeting, cancellationToken);
}
