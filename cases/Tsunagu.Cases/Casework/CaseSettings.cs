using System.Text.Json.Nodes;
using Tsunagu.Cases.Packs;

namespace Tsunagu.Cases.Casework;

/// <summary>
/// The pack settings a case starts with: who coordinates multi-agency cases (the institution NAME, as staff.json and
/// routing results name it), how often plans are monitored (ISO 8601 duration, a local choice) and how long before the
/// due date the reminder fires.
/// </summary>
public sealed record CaseSettings(string MultiAgencyInstitution, string MonitoringInterval = "P3M", string ReminderBefore = "P7D")
{
    /// <summary>
    /// The settings of a loaded pack. pack.json names the 多機関協働 institution by id (e.g. <c>multi-agency</c>,
    /// <c>yorisoi</c>); tasks are matched to staff by name, so the id is resolved to the institution's name here.
    /// </summary>
    public static CaseSettings FromPack(SamplePack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var coordinator = pack.FindInstitution(pack.Settings.MultiAgencyInstitution)
            ?? throw new PackException(SamplePack.PackFileName, "settings.multiAgencyInstitution", $"No institution has the id '{pack.Settings.MultiAgencyInstitution}'.");
        return new CaseSettings(coordinator.Name, pack.Settings.MonitoringInterval, pack.Settings.ReminderBefore);
    }
}

/// <summary>
/// A 相談受付: the routing input (person, household, consent; the shapes of the pack's <c>Routing</c> decision, see
/// samples/README.md) and where the consultation came in. Person and household are kept in the case only, never
/// logged (要配慮個人情報).
/// </summary>
public sealed record CaseIntake
{
    /// <summary>
    /// The case id (business key and message correlation key); a new one when null. Starting a case whose id already
    /// has one returns that case, so a retried intake with a fixed id never opens a second case.
    /// </summary>
    public string? CaseId { get; init; }

    /// <summary>{ age, area, livesAlone, pregnant, disability, concerns }; <c>area</c> is the 日常生活圏域.</summary>
    public required JsonObject Person { get; init; }

    /// <summary>The members living with the person: [{ relation, age, pregnant, disability, concerns }].</summary>
    public JsonArray? Household { get; init; }

    /// <summary>"granted", "not-granted" (see <see cref="CaseProcess.Consent"/>).</summary>
    public required string Consent { get; init; }

    /// <summary>The 包括的相談支援 window that took the consultation.</summary>
    public required string Window { get; init; }

    /// <summary>How the need was found: 来所, 電話, アウトリーチ…</summary>
    public string? Route { get; init; }

    /// <summary>The 日常生活圏域 used to pick area-bound staff when it is not <c>person.area</c>; staff follow <c>person.area</c> otherwise.</summary>
    public string? Area { get; init; }

    /// <summary>The ended case this one reopens and why: <c>{ caseId, reason }</c>.</summary>
    public JsonObject? ReopenedFrom { get; init; }
}

/// <summary>A started case: its id (business key) and the process instance carrying it.</summary>
public sealed record CaseHandle(string CaseId, Guid InstanceId);

/// <summary>A consent change as the person gave it: granted, not granted or withdrawn; what it covers; how it was obtained.</summary>
public sealed record ConsentChange(string Status, IReadOnlyList<string> Scope, string? Evidence);
