using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Bench;

/// <summary>The routing model, the inputs both sides evaluate, and the start-up check that they agree.</summary>
internal static class RoutingScenario
{
    public const string Decision = "Routing";

    private static readonly string[] Areas = ["Kita", "Minami", "Higashi", "Nishi", "Chuo"];
    private static readonly string[] Disabilities = ["none", "none", "physical", "intellectual", "mental"];
    private static readonly string[] Concerns = ["dementia", "care", "debt", "childcare", "abuse", "housing", "employment", "isolation", "health"];

    public static byte[] Xml { get; } = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "routing.dmn"));

    /// <summary>Loads and compiles from bytes in memory, so the measurement excludes disk I/O.</summary>
    public static DmnModel Load(byte[] xml)
    {
        using var stream = new MemoryStream(xml, writable: false);
        return DmnModel.Load(stream);
    }

    /// <summary>Varied people as the engine receives them: FEEL values keyed by input data name. Seeded, so every run sees the same set.</summary>
    public static IReadOnlyDictionary<string, object?>[] People(int count, int seed)
    {
        var random = new Random(seed);
        var people = new IReadOnlyDictionary<string, object?>[count];
        for (var i = 0; i < count; i++)
        {
            people[i] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["age"] = FeelNumber.FromInt64(random.Next(0, 100)),
                ["householdSize"] = FeelNumber.FromInt64(random.Next(1, 7)),
                ["income"] = FeelNumber.FromInt64(random.Next(0, 90) * 100_000L),
                ["area"] = Areas[random.Next(Areas.Length)],
                ["disability"] = Disabilities[random.Next(Disabilities.Length)],
                ["livesAlone"] = random.Next(3) == 0,
                ["pregnant"] = random.Next(6) == 0,
                ["concerns"] = new FeelList([.. Concerns.Where(_ => random.Next(4) == 0)]),
            };
        }

        return people;
    }

    /// <summary>Fails loudly unless the engine and the if chain give the same institutions for many varied people.</summary>
    public static void Verify(DmnModel model)
    {
        if (model.Problems.Count > 0)
        {
            throw new InvalidOperationException("routing.dmn does not compile: " + string.Join("; ", model.Problems));
        }

        foreach (var person in People(2000, seed: 7))
        {
            var result = model.Evaluate(Decision, person);
            var expected = RoutingIfChain.Evaluate(person);
            if (result.HasErrors || FeelSemantics.Equal(result.Value, expected) != true || result.Matches[0].Rules.Count != expected.Count)
            {
                var described = string.Join(", ", person.Select(p => $"{p.Key}={FeelSemantics.ToFeelString(p.Value)}"));
                throw new InvalidOperationException(
                    $"Engine and if chain disagree for {described}: engine {FeelSemantics.ToFeelString(result.Value)}, if chain {FeelSemantics.ToFeelString(expected)}.");
            }
        }
    }
}
