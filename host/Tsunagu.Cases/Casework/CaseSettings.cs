using System.Text.Json.Nodes;

namespace Tsunagu.Cases.Casework;

/// <summary>
/// The pack settings a case starts with: who coordinates multi-agency cases, how often plans are monitored (ISO 8601
/// duration, a local choice) and how long before the due date the reminder fires.
/// </summary>
public sealed record CaseSettings(string MultiAgencyInstitution, string MonitoringInterval = "P3M", string ReminderBefore = "P7D");

/// <summary>
/// A 相談受付: the routing input (person, household, consent) and where the consultation came in. Person and household
/// are free-form JSON (要配慮個人情報: kept in the case only, never logged).
/// </summary>
public sealed record CaseIntake
{
    /// <summary>The case id (business key and message correlation key); a new one when null.</summary>
    public string? CaseId { get; init; }

    public required JsonObject Person { get; init; }

    public JsonObject? Household { get; init; }

    /// <summary>"granted", "not-granted" (see <see cref="CaseProcess.Consent"/>).</summary>
    public required string Consent { get; init; }

    /// <summary>The 包括的相談支援 window that took the consultation.</summary>
    public required string Window { get; init; }

    /// <summary>How the need was found: 来所, 電話, アウトリーチ…</summary>
    public string? Route { get; init; }

    /// <summary>The 日常生活圏域, used to pick area-bound staff.</summary>
    public string? Area { get; init; }
}

/// <summary>A started case: its id (business key) and the process instance carrying it.</summary>
public sealed record CaseHandle(string CaseId, Guid InstanceId);
