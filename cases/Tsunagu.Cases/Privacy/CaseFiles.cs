using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Engine;
using Tsunagu.Engine.Storage;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Privacy;

/// <summary>A meeting as a case lists it.</summary>
public sealed record MeetingSummary(string Id, string Kind, DateOnly Date);

/// <summary>A case as those who may see it read it: the person, the household, consent and its history, the routing with its explanation, open tasks, meetings.</summary>
public sealed record CaseView(
    string CaseId,
    string Status,
    JsonNode? Person,
    JsonNode? Household,
    string? Consent,
    JsonNode? ConsentHistory,
    JsonNode? Routing,
    JsonNode? Plan,
    string? Window,
    string? IntakeBy,
    string? IntakeAt,
    IReadOnlyList<TaskRecord> Tasks,
    IReadOnlyList<MeetingSummary> Meetings);

/// <summary>
/// Reading a case and recording consent, each behind <see cref="CaseAccess"/>: a case the caller may not see is
/// <see cref="CaseNotFoundException"/>, exactly as one that does not exist; a meeting member who has not acknowledged
/// the secrecy duty gets <see cref="AcknowledgementRequiredException"/>.
/// </summary>
public sealed class CaseFiles(ProcessEngine engine, IMeetingStore meetings, CaseService cases, ServedPack served)
{
    public static IReadOnlySet<string> ConsentStatuses { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CaseProcess.Consent.Granted, CaseProcess.Consent.NotGranted, CaseProcess.Consent.Withdrawn,
    };

    public async Task<CaseView> GetAsync(string caseId, Caller caller, CancellationToken cancellationToken)
    {
        var (instance, caseMeetings) = await VisibleAsync(caseId, caller, cancellationToken);
        var variables = instance.Variables;
        var tasks = await engine.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id }, cancellationToken);
        return new CaseView(
            caseId,
            instance.Status.ToString(),
            Get(variables, V.Person),
            Get(variables, V.Household),
            Get(variables, V.Consent)?.GetValue<string>(),
            Get(variables, V.ConsentHistory),
            Get(variables, V.Routing),
            Get(variables, V.Plan),
            Get(variables, V.Window)?.GetValue<string>(),
            Get(variables, V.IntakeBy)?.GetValue<string>(),
            Get(variables, V.IntakeAt)?.GetValue<string>(),
            tasks,
            [.. caseMeetings.Select(m => new MeetingSummary(m.Id, m.Kind, m.Date))]);
    }

    /// <summary>Records a consent change (who, when, scope, evidence); the case path switches the meeting track both ways.</summary>
    public async Task RecordConsentAsync(string caseId, ConsentChange change, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!ConsentStatuses.Contains(change.Status))
        {
            throw new CaseInputException("status", $"'{change.Status}' is not one of {string.Join(", ", ConsentStatuses)}.");
        }

        if (change.Scope.Any(string.IsNullOrWhiteSpace))
        {
            throw new CaseInputException("scope", "Scope entries must be non-empty.");
        }

        await VisibleAsync(caseId, caller, cancellationToken);
        if (!await cases.RecordConsentAsync(caseId, change, caller.Id, cancellationToken))
        {
            throw new CaseRuleException("caseId", "The case has ended; its consent can no longer change.");
        }
    }

    /// <summary>Throws <see cref="CaseNotFoundException"/> (or <see cref="AcknowledgementRequiredException"/>) unless the caller may see the case.</summary>
    public Task EnsureVisibleAsync(string caseId, Caller caller, CancellationToken cancellationToken) => VisibleAsync(caseId, caller, cancellationToken);

    /// <summary>The case facts the access rules read (also for meetings, which check consent).</summary>
    public async Task<(InstanceView Instance, CaseFacts Facts)?> FactsAsync(string caseId, CancellationToken cancellationToken)
    {
        var instance = await engine.FindInstanceAsync(CaseProcess.Key, caseId, cancellationToken);
        return instance is null ? null : (instance, Facts(caseId, instance.Variables));
    }

    private async Task<(InstanceView Instance, IReadOnlyList<Meeting> Meetings)> VisibleAsync(string caseId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await FactsAsync(caseId, cancellationToken) ?? throw NotFound(caseId);
        var caseMeetings = await meetings.MeetingsForCaseAsync(caseId, cancellationToken);
        var pack = served.Current;
        return CaseAccess.Decide(caller, found.Facts, caseMeetings, name => pack.InstitutionsNamed(name).Select(i => i.Name).Append(name)) switch
        {
            CaseVisibility.Visible => (found.Instance, caseMeetings),
            CaseVisibility.AcknowledgementRequired => throw new AcknowledgementRequiredException(
                caseMeetings.First(m => m.ActiveMember(caller.Id) is not null).Id,
                "Acknowledge the secrecy duty (守秘義務) of the meeting before its case data opens."),
            _ => throw NotFound(caseId),
        };
    }

    private static CaseFacts Facts(string caseId, IReadOnlyDictionary<string, JsonNode?> variables) => new(
        caseId,
        Get(variables, V.IntakeBy)?.GetValue<string>(),
        Get(variables, V.Sharing) is JsonValue sharing && sharing.TryGetValue<bool>(out var shared) && shared,
        Institutions(Get(variables, V.Routing)?["referrals"]),
        Institutions(Get(variables, V.Plan)?["roles"]));

    private static string[] Institutions(JsonNode? list) =>
        list is JsonArray items ? [.. items.Select(i => i?["institution"]).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()] : [];

    private static JsonNode? Get(IReadOnlyDictionary<string, JsonNode?> variables, string name) => variables.GetValueOrDefault(name);

    private static CaseNotFoundException NotFound(string caseId) => new($"No case '{caseId}'.");
}
