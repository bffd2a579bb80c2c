namespace Tsunagu.Cases.Indicators;

/// <summary>A case as the 相談受付台帳 lists it at intake: where and how it came, its 圏域 and concerns, whether it went to 多機関協働.</summary>
public sealed record RegisteredCase(
    string CaseId, string Window, string? Area, string? Route, IReadOnlyList<string> Concerns, bool MultiAgency, DateTimeOffset IntakeAt);

/// <summary>How a case ended, for the register.</summary>
public static class CaseEnd
{
    public const string Closed = "closed";
    public const string Suspended = "suspended";
}

/// <summary>One counted cell of a report: the indicator, the group it counts (window, month, 圏域…), the count.</summary>
public sealed record IndicatorCount(string Indicator, string Key, int Count);

/// <summary>
/// The register the indicators are counted from in SQL: one row per case, its referral events, its end. The domain
/// services write it as cases move; reports group and count it with the plans, meetings and notes tables.
/// </summary>
public interface ICaseRegister
{
    Task RegisterAsync(RegisteredCase registered, IReadOnlyList<string> referredInstitutions, CancellationToken cancellationToken);

    /// <summary>The institution accepted or declined (<see cref="Casework.CaseProcess.ReferralOutcome"/>); referrals made are registered with the case.</summary>
    Task ReferralAsync(string caseId, string institution, string outcome, DateTimeOffset at, CancellationToken cancellationToken);

    Task EscalatedAsync(string caseId, DateTimeOffset at, CancellationToken cancellationToken);

    Task EndedAsync(string caseId, string end, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every indicator for events in [from, to), Japan time for months and 年度 (April to March).</summary>
    Task<IReadOnlyList<IndicatorCount>> CountAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
