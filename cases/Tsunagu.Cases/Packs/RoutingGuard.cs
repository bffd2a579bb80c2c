using System.Text.Json;
using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Routing.Rules;
using Tsunagu.Rules.Dmn.Model;

namespace Tsunagu.Cases.Packs;

/// <summary>A consultation the pack's routing must keep routing as expected (reference-cases.json): run before a deployment switches.</summary>
public sealed record ReferenceCase
{
    public required string Name { get; init; }

    /// <summary>Routing input as POST /api/routing/evaluate takes it.</summary>
    public required JsonElement Consultation { get; init; }

    public required ReferenceExpectation Expect { get; init; }
}

/// <summary>What a reference case must route to: referrals as <c>institution/category</c> in order, the 多機関協働 flag and the meeting.</summary>
public sealed record ReferenceExpectation
{
    public required IReadOnlyList<string> Referrals { get; init; }

    public required bool MultiAgency { get; init; }

    public required string Meeting { get; init; }
}

/// <summary>
/// What a routing deployment must pass before it is served: the tables' outputs fit the routing contract and the pack's
/// reference cases route as expected. Refusals are <see cref="PackException"/>s listing every reason.
/// </summary>
internal static class RoutingGuard
{
    public const string ReferenceCasesFileName = "reference-cases.json";

    /// <summary>The outputs each routing table must give (strings), and the values a literal output may take.</summary>
    private static readonly (string Table, string Output, IReadOnlySet<string>? Values)[] Contract =
    [
        (RoutingTables.ConcernRouting, "category", InstitutionCategory.All),
        (RoutingTables.ConcernRouting, "institution", null),
        (RoutingTables.ConcernRouting, "rule", null),
        (RoutingTables.ConcernRouting, "reason", null),
        (RoutingTables.CoordinationConcerns, "rule", null),
        (RoutingTables.CoordinationReferral, "category", InstitutionCategory.All),
        (RoutingTables.CoordinationReferral, "institution", null),
        (RoutingTables.CoordinationReferral, "reason", null),
        (RoutingTables.Meeting, RoutingTables.Meeting, new HashSet<string>(StringComparer.Ordinal) { MeetingKind.Jusou, MeetingKind.Shien, MeetingKind.None }),
    ];

    public static void Check(SamplePack pack)
    {
        var problems = ContractProblems(pack).Select(p => $"{SamplePack.RoutingFileName}: {p}")
            .Concat(ReferenceProblems(pack).Select(p => $"{ReferenceCasesFileName}: {p}"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new PackException(SamplePack.RoutingFileName, null, "The deployment is refused: " + string.Join(" | ", problems));
        }
    }

    private static IEnumerable<string> ContractProblems(SamplePack pack)
    {
        foreach (var (name, output, values) in Contract)
        {
            var table = pack.Routing.Definitions.Decisions.First(d => d.Name == name).Expression as DecisionTable;
            var index = table!.Outputs.Select((o, i) => (o, i)).FirstOrDefault(x => (x.o.Name ?? name) == output);
            if (index.o is null)
            {
                yield return $"{name}: the table has no output '{output}'.";
                continue;
            }

            if (index.o.TypeRef is { } type && type != "string")
            {
                yield return $"{name}: output '{output}' is {type}; routing needs a string.";
            }

            foreach (var rule in table.Rules)
            {
                var text = rule.OutputEntries[index.i].Trim();
                if (values is not null && text.Length > 1 && text[0] == '"' && text[^1] == '"' && !values.Contains(text[1..^1]))
                {
                    yield return $"{name}: {rule.Id}: output '{output}' {text} is not one of {string.Join(", ", values)}.";
                }
            }
        }
    }

    private static IEnumerable<string> ReferenceProblems(SamplePack pack)
    {
        foreach (var reference in pack.ReferenceCases)
        {
            string actual;
            try
            {
                var result = RoutingService.Route(RoutingRequestReader.Read(reference.Consultation), pack);
                actual = Describe(result.Referrals.Select(r => $"{r.Institution}/{r.Category}"), result.MultiAgency, result.Meeting);
            }
            catch (Exception e) when (e is RoutingValidationException or RoutingRulesException)
            {
                actual = e.Message;
            }

            var expected = Describe(reference.Expect.Referrals, reference.Expect.MultiAgency, reference.Expect.Meeting);
            if (actual != expected)
            {
                yield return $"{reference.Name}: expected {expected}, got {actual}.";
            }
        }
    }

    private static string Describe(IEnumerable<string> referrals, bool multiAgency, string meeting) =>
        $"[{string.Join(", ", referrals)}] multiAgency={multiAgency} meeting={meeting}";
}
