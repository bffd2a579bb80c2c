using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Notifications;
using Tsunagu.Cases.Tests.Packs;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Rules.Dmn;
using SamplePack = Tsunagu.Cases.Packs.SamplePack;

namespace Tsunagu.Cases.Tests.Casework;

/// <summary>The case path on an in-memory store with a fake clock: the fixture routing DMN and staff, or a real pack.</summary>
internal sealed class CaseHarness
{
    public const string MultiAgencyInstitution = "地域包括ケア推進課";

    /// <summary>2025-04-01 09:00 in Japan.</summary>
    public static readonly DateTimeOffset Opening = new(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions StaffJson = new(JsonSerializerDefaults.Web);

    private CaseHarness(FakeTimeProvider clock, ProcessEngine engine, CaseService cases)
    {
        Clock = clock;
        Engine = engine;
        Cases = cases;
        Indicators = new IndicatorService(engine);
    }

    /// <summary>Where the path's notify steps leave notifications (shared by the harnesses of a test run).</summary>
    public static InMemoryNotificationStore Notifications { get; } = new();

    public FakeTimeProvider Clock { get; }

    public ProcessEngine Engine { get; }

    public CaseService Cases { get; }

    public IndicatorService Indicators { get; }

    public static async Task<CaseHarness> CreateAsync()
    {
        var root = Samples.Root;
        var fixtures = Path.Combine(root, "tests", "Tsunagu.Cases.Tests", "Casework", "Fixtures");
        var decisions = new DmnDecisionService();
        await using (var dmn = File.OpenRead(Path.Combine(fixtures, "routing.dmn")))
        {
            decisions.Deploy(CaseProcess.RoutingModel, DmnModel.Load(dmn));
        }

        var staff = JsonSerializer.Deserialize<List<StaffMember>>(await File.ReadAllTextAsync(Path.Combine(fixtures, "staff.json")), StaffJson)!;
        var clock = new FakeTimeProvider(Opening);
        return await StartAsync(clock, CaseEngine.Create(new InMemoryProcessStore(), staff, decisions, clock, Notifications), new CaseSettings(MultiAgencyInstitution));
    }

    /// <summary>The case path on a real municipality pack (samples/&lt;municipality&gt;): its routing.dmn, staff and settings.</summary>
    public static async Task<CaseHarness> ForPackAsync(string municipality)
    {
        var pack = LoadPack(municipality);
        var clock = new FakeTimeProvider(Opening);
        return await StartAsync(clock, CaseEngine.Create(new InMemoryProcessStore(), pack, clock, Notifications), CaseSettings.FromPack(pack));
    }

    public static SamplePack LoadPack(string municipality) => SamplePack.Load(Path.Combine(Samples.Root, "samples", municipality));

    /// <summary>8050: a withdrawn adult child (ひきこもり) living with an elderly parent in 小金.</summary>
    public static CaseIntake EightyFifty(string consent, string window = "福祉まるごと相談窓口") => new()
    {
        Person = new JsonObject { ["age"] = 52, ["area"] = "小金", ["concerns"] = new JsonArray("hikikomori") },
        Household = [new JsonObject { ["relation"] = "mother", ["age"] = 80 }],
        Consent = consent,
        Window = window,
        Route = "電話",
    };

    public Task<IReadOnlyList<TaskRecord>> TasksAsync(CaseHandle handle) =>
        Engine.QueryTasksAsync(new TaskQuery { InstanceId = handle.InstanceId });

    public async Task<IReadOnlyList<TaskRecord>> TasksAsync(CaseHandle handle, string nodeId) =>
        [.. (await TasksAsync(handle)).Where(t => t.NodeId == nodeId)];

    /// <summary>The one open task at <paramref name="nodeId"/>.</summary>
    public async Task<TaskRecord> TaskAsync(CaseHandle handle, string nodeId)
    {
        var tasks = await TasksAsync(handle, nodeId);
        Assert.HasCount(1, tasks, $"open tasks at {nodeId}");
        return tasks[0];
    }

    /// <summary>Completes the one open task at <paramref name="nodeId"/> as its assignee.</summary>
    public async Task<TaskRecord> CompleteAsync(CaseHandle handle, string nodeId, JsonObject? variables = null)
    {
        var task = await TaskAsync(handle, nodeId);
        var values = variables?.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        await Engine.CompleteTaskAsync(task.Id, values, task.Assignee ?? "test");
        return task;
    }

    /// <summary>Sets the clock and fires what fell due, as the scheduler would.</summary>
    public async Task AtAsync(DateTimeOffset at)
    {
        Clock.SetUtcNow(at);
        await Engine.RunDueJobsAsync();
    }

    public async Task<InstanceView> StateAsync(CaseHandle handle) => (await Engine.GetInstanceAsync(handle.InstanceId))!;

    public async Task<JsonNode?> VariableAsync(CaseHandle handle, string name) => (await StateAsync(handle)).Variables.GetValueOrDefault(name);

    public async Task<DateTimeOffset> MonitoringDueAsync(CaseHandle handle) =>
        DateTimeOffset.Parse((await VariableAsync(handle, CaseProcess.Variables.MonitoringDue))!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(CaseHandle handle, HistoryKind kind, string? nodeId = null) =>
        [.. (await Engine.GetHistoryAsync(handle.InstanceId)).Where(h => h.Kind == kind && (nodeId is null || h.NodeId == nodeId))];

    /// <summary>Completes モニタリング and then 継続/終結判断 with <paramref name="judgement"/>.</summary>
    public async Task MonitorAsync(CaseHandle handle, string judgement, string reason)
    {
        await CompleteAsync(handle, CaseProcess.Nodes.Monitoring, new JsonObject { ["monitoringNote"] = "評価済み" });
        await CompleteAsync(handle, CaseProcess.Nodes.Judgement, new JsonObject { [CaseProcess.Variables.Judgement] = judgement, [CaseProcess.Variables.JudgementReason] = reason });
    }

    private static async Task<CaseHarness> StartAsync(FakeTimeProvider clock, ProcessEngine engine, CaseSettings settings)
    {
        var cases = new CaseService(engine, settings, clock);
        await cases.DeployAsync(ShippedWorkflows.Get("case-path.bpmn"));
        return new CaseHarness(clock, engine, cases);
    }
}
