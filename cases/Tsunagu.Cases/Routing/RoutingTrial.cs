using System.Text.Json;
using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Engine;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Cases.Routing;

/// <summary>A past case whose referrals a draft would change.</summary>
public sealed record TrialChange(string CaseId, IReadOnlyList<string> Before, IReadOnlyList<string> After);

/// <summary>What 試算 found: how many recent cases it routed both ways, and those whose referrals differ.</summary>
public sealed record TrialResult(int Evaluated, IReadOnlyList<TrialChange> Changed);

/// <summary>
/// 試算: routes the consultations of the last cases with the served rules and with a draft, before the draft is
/// deployed, and lists the cases whose referred institutions would differ. Nothing is written.
/// </summary>
public sealed class RoutingTrial(ProcessEngine engine, ServedPack served)
{
    public const int MaxCases = 1000;

    /// <summary>A draft that is not loadable is refused as deploying it would be (<see cref="PackException"/> or a DMN parse error).</summary>
    public async Task<TrialResult> RunAsync(Stream draft, int lastCases, CancellationToken cancellationToken)
    {
        if (lastCases is < 1 or > MaxCases)
        {
            throw new CaseInputException("cases", $"Choose between 1 and {MaxCases} cases.");
        }

        var current = served.Current;
        var candidate = current.WithRouting(draft);
        var history = await engine.GetDefinitionHistoryAsync(CaseProcess.Key, cancellationToken: cancellationToken);
        var recent = history.Where(h => h.Kind == HistoryKind.InstanceStarted).OrderByDescending(h => h.At).Take(lastCases).Select(h => h.InstanceId);
        var changed = new List<TrialChange>();
        var evaluated = 0;
        foreach (var instanceId in recent)
        {
            if (await engine.GetInstanceAsync(instanceId, cancellationToken) is not { BusinessKey: { } caseId } instance
                || RouteBothWays(current, candidate, instance.Variables) is not { } routed)
            {
                continue;
            }

            var (before, after) = routed;
            evaluated++;
            if (!before.SequenceEqual(after, StringComparer.Ordinal))
            {
                changed.Add(new TrialChange(caseId, before, after));
            }
        }

        return new TrialResult(evaluated, changed);
    }

    /// <summary>
    /// The referred institutions of the consultation as taken at intake (consent as it stands now, withdrawn counting as
    /// not granted, as re-routing reads it), under both rule sets; a case whose recorded input no longer reads is left out.
    /// </summary>
    private static (List<string> Before, List<string> After)? RouteBothWays(SamplePack current, SamplePack candidate, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var consent = variables.GetValueOrDefault(CaseProcess.Variables.Consent)?.GetValue<string>();
        var consultation = new JsonObject
        {
            ["municipality"] = current.Municipality.Id,
            ["person"] = variables.GetValueOrDefault(CaseProcess.Variables.Person)?.DeepClone(),
            ["household"] = variables.GetValueOrDefault(CaseProcess.Variables.Household)?.DeepClone() ?? new JsonArray(),
            ["consent"] = consent is CaseProcess.Consent.Withdrawn ? ConsentStatus.NotGranted : consent ?? ConsentStatus.Unknown,
        };
        try
        {
            var request = RoutingRequestReader.Read(JsonSerializer.SerializeToElement(consultation));
            return (Institutions(RoutingService.Route(request, current)), Institutions(RoutingService.Route(request, candidate)));
        }
        catch (RoutingValidationException)
        {
            return null;
        }
    }

    private static List<string> Institutions(RoutingResult result) => [.. result.Referrals.Select(r => r.Institution).Distinct().Order(StringComparer.Ordinal)];
}
