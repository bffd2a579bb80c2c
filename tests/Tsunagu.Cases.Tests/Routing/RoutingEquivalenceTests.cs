using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Tests.Packs;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Cases.Tests.Routing;

/// <summary>
/// The NRules rule set routes as the retired DMN decision service did (Fixtures/*-routing-feel.dmn, the packs' routing.dmn
/// before the FEEL glue was removed) on generated consultations. Deliberate changes are left out of the comparison and
/// tested on their own in <see cref="RoutingRuleChangesTests"/>: the referral's service, continuity (no open referrals
/// are generated) and 制度の狭間 (every generated concern has a row).
/// </summary>
[TestClass]
public sealed class RoutingEquivalenceTests
{
    private const int Consultations = 10_000;

    [TestMethod]
    [DataRow(Municipality.Matsudo, 11)]
    [DataRow(Municipality.Ichikawa, 12)]
    public void Route_GeneratedConsultations_MatchesTheRetiredDecisionService(string municipality, int seed)
    {
        var pack = municipality == Municipality.Matsudo ? Samples.Matsudo : Samples.Ichikawa;
        using var legacyDmn = File.OpenRead(Path.Combine(Samples.Root, "tests", "Tsunagu.Cases.Tests", "Routing", "Fixtures", $"{municipality}-routing-feel.dmn"));
        var legacy = DmnModel.Load(legacyDmn);
        var random = new Random(seed);
        var compared = 0;
        var refused = 0;
        for (var i = 0; i < Consultations; i++)
        {
            var request = Generate(random, pack);
            var expected = Legacy(legacy, request, pack);
            var actual = Outcome(() => RoutingService.Route(request, pack));
            Assert.AreEqual(expected, actual, $"consultation {i}: {System.Text.Json.JsonSerializer.Serialize(request)}");
            compared++;
            refused += expected.StartsWith("refused", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.AreEqual(Consultations, compared);
        Assert.IsLessThan(Consultations / 5, refused, "most generated consultations route");
    }

    private static RoutingRequest Generate(Random random, SamplePack pack)
    {
        var areas = pack.Settings.Areas.Count > 0 ? pack.Settings.Areas : ["北部"];
        return new RoutingRequest
        {
            Municipality = pack.Municipality.Id,
            Person = Fill(random, new RoutingPerson { Area = random.Next(20) == 0 ? null : areas[random.Next(areas.Count)], LivesAlone = random.Next(2) == 0 }),
            Household = [.. Enumerable.Range(0, random.Next(4)).Select(_ => Fill(random, new HouseholdMember { Relation = "family" }))],
            Consent = ConsentStatus.All.ElementAt(random.Next(ConsentStatus.All.Count)),
        };
    }

    private static T Fill<T>(Random random, T subject) where T : RoutingSubject => subject with
    {
        Age = random.Next(10) == 0 ? null : random.Next(0, 101),
        Disability = DisabilityKind.All.ElementAt(random.Next(DisabilityKind.All.Count)),
        Pregnant = random.Next(10) == 0,
        Concerns = [.. Concern.All.OrderBy(_ => random.Next()).Take(random.Next(4))],
    };

    /// <summary>Referrals, categories, multiAgency and meeting in one comparable text, or why the routing was refused.</summary>
    private static string Outcome(Func<RoutingResult> route)
    {
        try
        {
            var result = route();
            return string.Join("\n", result.Referrals.Select(r => $"{r.Institution}|{r.Category}|{r.Subject}|{string.Join(",", r.Subjects)}|{string.Join(",", r.Concerns)}|{string.Join(",", r.Rules)}|{r.Reason}")
                .Append($"multiAgency={result.MultiAgency} meeting={result.Meeting}"));
        }
        catch (RoutingValidationException e)
        {
            return $"refused {e.Field}";
        }
    }

    /// <summary>The retired path: the decision <c>Routing</c> with its FEEL glue, read as RoutingService read it.</summary>
    private static string Legacy(DmnModel model, RoutingRequest request, SamplePack pack) => Outcome(() =>
    {
        RoutingRequestValidator.Validate(request, pack);
        var value = (FeelContext)model.Evaluate("Routing", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["person"] = Subject(request.Person, new() { ["area"] = request.Person.Area, ["livesAlone"] = request.Person.LivesAlone }),
            ["household"] = request.Household.Select(m => Subject(m, new() { ["relation"] = m.Relation })).ToList(),
            ["consent"] = request.Consent,
        }).Value!;
        var referrals = LegacyRoutingReader.Referrals(value);
        if (request.Person.Area is null && referrals.Any(r => LegacyRoutingReader.Institution(r) is null))
        {
            throw new RoutingValidationException("person.area", "Required.");
        }

        return new RoutingResult
        {
            Referrals = [.. referrals.Select(LegacyRoutingReader.Referral)],
            MultiAgency = LegacyRoutingReader.Bool(value, "multiAgency"),
            Meeting = LegacyRoutingReader.String(value, "meeting"),
            DecisionVersion = "",
        };
    });

    private static Dictionary<string, object?> Subject(RoutingSubject subject, Dictionary<string, object?> fields)
    {
        fields["age"] = subject.Age;
        fields["pregnant"] = subject.Pregnant;
        fields["disability"] = subject.Disability;
        fields["concerns"] = subject.Concerns.ToList();
        return fields;
    }
}
