using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Notifications;
using Tsunagu.Host.Endpoints;

namespace Tsunagu.Host.Cli;

/// <summary>
/// What the crash harness does to each case over HTTP, as the matsudo pack's demo staff: the intake (with an
/// Idempotency-Key), a monitoring interval shorter than the pack's reminder lead (P1D against P7D, so each monitoring
/// round's 期限前リマインド falls due the moment the round starts), 多機関協働トリアージ, アセスメント, the plan, the
/// meeting, then two monitoring rounds (継続 in between), waiting after each for its reminder to reach the caseworker.
/// </summary>
/// <remarks>
/// Each step can be attempted again after a kill and then finishes what the first attempt did not: the intake by its
/// key (and the answer must be the first one), a task step by completing the task only while it is still open (the
/// step that committed it moved the case on in the same transaction).
/// </remarks>
internal static class CrashJourney
{
    public const string Intake = "ikiiki-kogane-caseworker";
    public const string Coordinator = "multi-agency-caseworker";

    /// <summary>Monitoring rounds each case is taken through; one reminder falls due per round.</summary>
    public const int Rounds = 2;

    /// <summary>Shorter than the pack's reminderBefore (P7D): the reminder is due as soon as a monitoring round starts.</summary>
    public const string Interval = "P1D";

    // A matsudo 8050 intake: the case path routes it to 多機関協働.
    private const string Consultation = """
        { "window": "小金高齢者いきいき安心センター",
          "consultation": { "municipality": "matsudo",
            "person": { "age": 82, "area": "小金", "livesAlone": false, "disability": "none", "concerns": ["dementia"] },
            "household": [ { "relation": "son", "age": 52, "disability": "none", "concerns": ["hikikomori"] } ],
            "consent": "granted" } }
        """;

    private const string Plan = """
        { "lead": "地域包括ケア推進課", "goals": "母の介護負担の軽減と本人の外出", "periodFrom": "2026-01-01", "periodTo": "2026-06-30", "reviewOn": "2026-03-31",
          "roles": [ { "institution": "まつどDEつながるステーション", "kind": "参加支援", "task": "居場所への参加" } ] }
        """;

    /// <summary>The user tasks the harness completes, with how many of each a case gets; more would be a task created twice.</summary>
    public static IReadOnlyDictionary<string, int> DrivenTasks { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [CaseProcess.Nodes.Triage] = 1, [CaseProcess.Nodes.Assessment] = 1, [CaseProcess.Nodes.Plan] = 1, [CaseProcess.Nodes.MeetingJusou] = 1, [CaseProcess.Nodes.Monitoring] = Rounds, [CaseProcess.Nodes.Judgement] = Rounds - 1,
    };

    public static IReadOnlyList<Step> Steps { get; } =
    [
        new("intake", Intake, IntakeAsync),
        new("interval", Coordinator, (client, state, ct) => SendAsync(client, HttpMethod.Put, $"/api/cases/{state.CaseId}/monitoring-interval", $$"""{ "interval": "{{Interval}}" }""", ct)),
        Task(CaseProcess.Nodes.Triage, """{ "triage": "多機関協働として受理" }"""),
        Task(CaseProcess.Nodes.Assessment, """{ "assessment": "母の認知症進行、長男のひきこもり" }"""),
        new(CaseProcess.Nodes.Plan, Coordinator, (client, state, ct) => WhileOpenAsync(client, state, CaseProcess.Nodes.Plan, _ => SavePlanAsync(client, state, ct), ct)),
        Task(CaseProcess.Nodes.MeetingJusou, "{}"),
        Reminder(1),
        Task(CaseProcess.Nodes.Monitoring, "{}"),
        Task(CaseProcess.Nodes.Judgement, $$"""{ "{{CaseProcess.Variables.Judgement}}": "継続" }"""),
        Reminder(2),
    ];

    private static Step Task(string node, string form) =>
        new(node, Coordinator, (client, state, ct) => WhileOpenAsync(client, state, node, id => SendAsync(client, HttpMethod.Post, $"/api/tasks/{id}/complete", form, ct), ct));

    private static Step Reminder(int round) => new($"reminder {round}", Coordinator, async (client, state, ct) =>
    {
        var mine = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/notifications", UriKind.Relative), ct);
        return mine.EnumerateArray().Count(n => n.GetProperty("caseId").GetString() == state.CaseId && n.GetProperty("kind").GetString() == NotificationKind.MonitoringReminder) >= round;
    })
    { WaitsForTimer = true };

    private static async Task<bool> IntakeAsync(HttpClient client, CaseState state, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/cases", UriKind.Relative))
        {
            Content = new StringContent(Consultation, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(Idempotency.Header, state.Key);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return false;
        }

        var caseId = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("caseId").GetString()!;
        if (state.CaseId is { } first && first != caseId)
        {
            state.OtherAnswers++;
        }

        state.CaseId ??= caseId;
        state.FoundDone = response.Headers.Contains(Idempotency.ReplayedHeader);
        return true;
    }

    /// <summary>Acts on the case's open task at <paramref name="node"/>; done when there is none (an earlier attempt committed).</summary>
    private static async Task<bool> WhileOpenAsync(HttpClient client, CaseState state, string node, Func<Guid, Task<bool>> act, CancellationToken cancellationToken)
    {
        var view = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/cases/{state.CaseId}", UriKind.Relative), cancellationToken);
        var open = view.GetProperty("tasks").EnumerateArray().FirstOrDefault(t => t.GetProperty("nodeId").GetString() == node);
        state.FoundDone = open.ValueKind != JsonValueKind.Object;
        return state.FoundDone || await act(open.GetProperty("id").GetGuid());
    }

    /// <summary>
    /// Saves the plan as the first version. After a kill between the version's commit and the case's, the same request
    /// again is the save retried: the case takes the stored version and the answer names it (no second version).
    /// </summary>
    private static Task<bool> SavePlanAsync(HttpClient client, CaseState state, CancellationToken cancellationToken) =>
        SendAsync(client, HttpMethod.Put, $"/api/cases/{state.CaseId}/plan", Plan, cancellationToken);

    private static async Task<bool> SendAsync(HttpClient client, HttpMethod method, string path, string json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity
            or HttpStatusCode.PreconditionRequired or HttpStatusCode.PreconditionFailed)
        {
            // The harness asked for something the product refuses (a retried plan save included): no retry makes that right.
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return response.IsSuccessStatusCode;
    }

    /// <summary>One step of a case: an attempt is true when the step is done, false when it should be tried again.</summary>
    public sealed record Step(string Name, string User, Func<HttpClient, CaseState, CancellationToken, Task<bool>> AttemptAsync)
    {
        /// <summary>Waits for a timer to fire rather than asking for a change; not seeing it within the patience is a missed timer.</summary>
        public bool WaitsForTimer { get; init; }
    }

    /// <summary>A case as the client knows it: its key, the case id of the first answer, and answers that differed from it.</summary>
    public sealed class CaseState(string key)
    {
        public string Key => key;

        public string? CaseId { get; set; }

        public int OtherAnswers { get; set; }

        /// <summary>The last attempt found the step already done: an earlier attempt committed.</summary>
        public bool FoundDone { get; set; }
    }
}
