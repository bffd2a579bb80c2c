using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tsunagu.Cases.Routing;

/// <summary>Where a consultation goes: one referral per (institution, category), the 多機関協働 flag and the meeting kind.</summary>
public sealed record RoutingResult
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Japanese names stay readable in the output; the JSON is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public required IReadOnlyList<Referral> Referrals { get; init; }

    public required bool MultiAgency { get; init; }

    /// <summary>重層的支援会議, 支援会議 or なし (see <see cref="MeetingKind"/>).</summary>
    public required string Meeting { get; init; }

    /// <summary>The routing model's version hash (<c>sha256:…</c>), to record with the referrals.</summary>
    public required string DecisionVersion { get; init; }

    /// <summary>Every rule that fired, in order: a DMN row id (with its table) or a structural rule, and the facts it matched.</summary>
    public IReadOnlyList<RoutingTraceEntry> Trace { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads the JSON that <see cref="ToJson"/> writes (e.g. an HTTP response).</summary>
    public static RoutingResult FromJson(string json) =>
        JsonSerializer.Deserialize<RoutingResult>(json, JsonOptions) ?? throw new JsonException("The routing result is empty.");
}

/// <summary>One institution and category to refer to, with every subject, concern and rule that led there.</summary>
public sealed record Referral
{
    /// <summary>The name shown: an institution's name or the group name several institutions share.</summary>
    public required string Institution { get; init; }

    public required string Category { get; init; }

    /// <summary>The first subject that led here: <c>person</c> or <c>household[i]</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>Every subject that led here, in input order.</summary>
    public required IReadOnlyList<string> Subjects { get; init; }

    public required IReadOnlyList<string> Concerns { get; init; }

    /// <summary>The names of the rules that fired (the rule column of the routing tables).</summary>
    public required IReadOnlyList<string> Rules { get; init; }

    /// <summary>The distinct reasons of those rules, joined with "／".</summary>
    public required string Reason { get; init; }

    /// <summary>The 相談支援 services the person is sent to (the routing table's <c>service</c> column), joined with "／"; null when the rows name none.</summary>
    public string? Service { get; init; }
}

/// <summary>One fired rule of a routing: why a referral is there, traced back to a row an administrator can open.</summary>
public sealed record RoutingTraceEntry
{
    /// <summary>The DMN rule id of a table row, or the name of a structural rule (e.g. <c>merge-referrals</c>).</summary>
    public required string Rule { get; init; }

    /// <summary>The decision table of a row; null for a structural rule.</summary>
    public string? Table { get; init; }

    /// <summary>The facts the rule matched, described.</summary>
    public required IReadOnlyList<string> Facts { get; init; }
}
