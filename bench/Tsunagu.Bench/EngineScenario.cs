using System.Text.Json.Nodes;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Storage;
using Tsunagu.Rules.Dmn;

namespace Tsunagu.Bench;

/// <summary>
/// The intake process of intake.bpmn: start → business-rule task (triage.dmn) → exclusive gateway on the lane →
/// one of two user tasks whose candidate institution comes from the decision. Applicants and the start-up check.
/// </summary>
internal static class EngineScenario
{
    public const string ProcessKey = "intake";

    private const string DecisionModelKey = "triage";

    private static readonly string[] Concerns = ["dementia", "care", "debt", "abuse", "employment", "housing", "isolation", "health"];

    private static readonly string Bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "intake.bpmn"));

    private static readonly DmnModel Triage = LoadTriage();

    /// <summary>An engine over <paramref name="store"/> with the triage table and the intake process deployed.</summary>
    public static async Task<ProcessEngine> CreateAsync(IProcessStore store, CancellationToken cancellationToken)
    {
        var decisions = new DmnDecisionService();
        decisions.Deploy(DecisionModelKey, Triage);
        var engine = new ProcessEngine(store, new EngineOptions { Decisions = decisions });
        await engine.DeployAsync(Bpmn, "Consultation intake", cancellationToken);
        return engine;
    }

    /// <summary>Varied start variables (age, concerns); seeded, so every run starts the same instances. The engine copies them, so they can be reused.</summary>
    public static IReadOnlyDictionary<string, JsonNode?>[] Applicants(int count, int seed)
    {
        var random = new Random(seed);
        var applicants = new IReadOnlyDictionary<string, JsonNode?>[count];
        for (var i = 0; i < count; i++)
        {
            applicants[i] = Applicant(random.Next(0, 100), [.. Concerns.Where(_ => random.Next(4) == 0)]);
        }

        return applicants;
    }

    /// <summary>Fails loudly unless both branches end in the expected open task, offered to the expected institution.</summary>
    public static async Task VerifyAsync(ProcessEngine engine, CancellationToken cancellationToken)
    {
        await ExpectTaskAsync(engine, Applicant(72, ["dementia"]), "Task_priorityReview", "Dementia Initial-Intensive Support Team", cancellationToken);
        await ExpectTaskAsync(engine, Applicant(30, ["housing", "debt"]), "Task_consultation", "Consumer Affairs Center", cancellationToken);
    }

    private static async Task ExpectTaskAsync(
        ProcessEngine engine, IReadOnlyDictionary<string, JsonNode?> applicant, string nodeId, string institution, CancellationToken cancellationToken)
    {
        var instanceId = await engine.StartInstanceAsync(ProcessKey, applicant, cancellationToken: cancellationToken);

        // Query through the candidate filter, so the store's derived task rows are checked too.
        var tasks = await engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId, CandidateInstitution = institution }, cancellationToken);
        if (tasks is not [{ } task] || task.NodeId != nodeId || !task.CandidateInstitutions.SequenceEqual([institution]))
        {
            var state = await engine.GetInstanceAsync(instanceId, cancellationToken);
            var open = string.Join(", ", (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, cancellationToken)).Select(t => $"{t.NodeId} [{string.Join(", ", t.CandidateInstitutions)}]"));
            throw new InvalidOperationException(
                $"Instance {instanceId} of {applicant.ToJsonString()} should wait in {nodeId} for '{institution}'; " +
                $"status {state?.Status}, open tasks: {open}, incidents: {string.Join("; ", state?.Incidents.Select(i => i.Message) ?? [])}.");
        }
    }

    private static Dictionary<string, JsonNode?> Applicant(int age, string[] concerns) => new(StringComparer.Ordinal)
    {
        ["age"] = age,
        ["concerns"] = new JsonArray([.. concerns.Select(c => (JsonNode?)c)]),
    };

    private static string ToJsonString(this IReadOnlyDictionary<string, JsonNode?> variables) =>
        new JsonObject(variables.Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone()))).ToJsonString();

    private static DmnModel LoadTriage()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "triage.dmn"));
        var model = DmnModel.Load(stream);
        return model.Problems.Count == 0 ? model : throw new InvalidOperationException("triage.dmn does not compile: " + string.Join("; ", model.Problems));
    }
}
