using System.Text.Json.Nodes;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using static Tsunagu.Storage.Tests.StoreSamples;

namespace Tsunagu.Storage.Tests;

public abstract partial class ProcessStoreContract
{
    // The sample instances' keys: their applicant's name, as a domain would derive who may find them.
    private static readonly EngineOptions KeyedOptions = new()
    {
        InstanceKeys = (processKey, variables) => variables.GetValueOrDefault("applicant")?["name"] is JsonValue name ? [$"{processKey}:{name}"] : [],
    };

    [TestMethod]
    public async Task MatchInstanceKeysAsync_KeysStored_ReturnsBusinessKeysWithOneOfTheKeysAndThoseWithoutAny()
    {
        var mine = Instance("leave");
        var theirs = Instance("leave");
        var unkeyed = Instance("leave");
        var otherProcess = Instance("permit");
        otherProcess.BusinessKey = mine.BusinessKey;
        await Store.CommitAsync(New(mine) with { Keys = ["user:a", "institution:x"] }, Ct);
        await Store.CommitAsync(New(theirs) with { Keys = ["user:b"] }, Ct);
        await Store.CommitAsync(New(unkeyed), Ct);
        await Store.CommitAsync(New(otherProcess) with { Keys = ["user:b"] }, Ct);

        var matched = await Store.MatchInstanceKeysAsync("leave", [mine.BusinessKey!, theirs.BusinessKey!, unkeyed.BusinessKey!], ["institution:x", "user:c"], Ct);

        CollectionAssert.AreEquivalent(new[] { mine.BusinessKey, unkeyed.BusinessKey }, matched.ToArray(), "theirs has none of the keys; unkeyed has none stored");
        Assert.IsEmpty(await Store.MatchInstanceKeysAsync("leave", [theirs.BusinessKey!], ["user:a"], Ct));
    }

    [TestMethod]
    public async Task CommitAsync_KeysAbsentThenChanged_KeepsThemUntilReplaced()
    {
        var state = Instance("leave");
        await Store.CommitAsync(New(state) with { Keys = ["user:a"] }, Ct);
        var ended = Next(state, s => s.Status = InstanceStatus.Completed);
        await Store.CommitAsync(ended, Ct);
        Assert.HasCount(1, await Store.MatchInstanceKeysAsync("leave", [state.BusinessKey!], ["user:a"], Ct), "an ended instance keeps its keys");

        state.Revision++;
        await Store.CommitAsync(Next(state, _ => { }) with { Keys = ["user:b"] }, Ct);

        Assert.IsEmpty(await Store.MatchInstanceKeysAsync("leave", [state.BusinessKey!], ["user:a"], Ct));
        Assert.HasCount(1, await Store.MatchInstanceKeysAsync("leave", [state.BusinessKey!], ["user:b"], Ct));
    }

    [TestMethod]
    public async Task FindInstancesWithoutKeysAsync_SomeKeyed_PagesTheOthersOfTheProcessInIdOrder()
    {
        var unkeyed = new[] { Instance("leave"), Instance("leave"), Instance("leave") };
        foreach (var state in unkeyed)
        {
            await Store.CommitAsync(New(state), Ct);
        }

        await Store.CommitAsync(New(Instance("leave")) with { Keys = ["user:a"] }, Ct);
        await Store.CommitAsync(New(Instance("permit")), Ct);

        var first = await Store.FindInstancesWithoutKeysAsync("leave", null, 2, Ct);
        var rest = await Store.FindInstancesWithoutKeysAsync("leave", first[^1], 2, Ct);

        var all = first.Concat(rest).ToArray();
        CollectionAssert.AreEquivalent(unkeyed.Select(s => s.Id).ToArray(), all);
        CollectionAssert.AreEqual(all.OrderBy(id => id.ToString("D"), StringComparer.Ordinal).ToArray(), all, "the store's id order, as text");
    }

    [TestMethod]
    public async Task WriteMissingKeysAsync_InstancesStoredBeforeKeys_MakesThemFindableByTheirKeys()
    {
        var old = Instance("leave");
        var nameless = Instance("leave");
        nameless.Scopes[0].Variables.Remove("applicant");
        await Store.CommitAsync(New(old), Ct);
        await Store.CommitAsync(New(nameless), Ct);
        Assert.HasCount(2, await Store.FindInstancesWithoutKeysAsync("leave", null, 10, Ct));

        var written = await new ProcessEngine(Store, KeyedOptions).WriteMissingKeysAsync("leave", batch: 1, Ct);

        Assert.AreEqual(1, written, "an instance with no keys is passed over");
        Assert.AreEqual(old.Revision + 1, (await Store.LoadInstanceAsync(old.Id, Ct))!.Revision);
        CollectionAssert.AreEqual(new[] { nameless.Id }, (await Store.FindInstancesWithoutKeysAsync("leave", null, 10, Ct)).ToArray());
        Assert.IsEmpty(await Store.MatchInstanceKeysAsync("leave", [old.BusinessKey!], ["leave:Bob"], Ct));
        Assert.HasCount(1, await Store.MatchInstanceKeysAsync("leave", [old.BusinessKey!], ["leave:Aiko"], Ct));
    }

    [TestMethod]
    public async Task StartInstanceAsync_EngineWithInstanceKeys_WritesThemAndRewritesThemOnlyWhenTheyChange()
    {
        var commits = new List<InstanceCommit>();
        var engine = new ProcessEngine(new RecordingStore(Store, commits), KeyedOptions);
        await engine.DeployAsync(TwoTasksModel, cancellationToken: Ct);

        var id = await engine.StartInstanceAsync("keyed", new Dictionary<string, JsonNode?> { ["applicant"] = new JsonObject { ["name"] = "Aiko" } }, new StartOptions { BusinessKey = "c-1" }, Ct);
        await CompleteOpenTaskAsync(engine, id, new Dictionary<string, JsonNode?> { ["note"] = "same keys" });
        await CompleteOpenTaskAsync(engine, id, new Dictionary<string, JsonNode?> { ["applicant"] = new JsonObject { ["name"] = "Bob" } });

        var instanceCommits = commits.Where(c => c.Instance.Id == id).ToList();
        Assert.HasCount(3, instanceCommits);
        Assert.AreEqual("keyed:Aiko", string.Join(",", instanceCommits[0].Keys!));
        Assert.IsNull(instanceCommits[1].Keys, "unchanged keys are not written again");
        Assert.AreEqual("keyed:Bob", string.Join(",", instanceCommits[2].Keys!));
        Assert.AreEqual(InstanceStatus.Completed, instanceCommits[2].Instance.Status);
        Assert.HasCount(1, await engine.MatchInstanceKeysAsync("keyed", ["c-1"], ["keyed:Bob"], Ct), "the ended instance keeps its last keys");
        Assert.IsEmpty(await engine.MatchInstanceKeysAsync("keyed", ["c-1"], ["keyed:Aiko"], Ct));
    }

    [TestMethod]
    public async Task CompleteTaskAsync_KeyFunctionThrowsOnTheVariables_StepCommitsAndTheInstanceIsLeftUnkeyed()
    {
        // A function that expects an object and meets text, as a model edited in the designer may make it.
        var strict = new EngineOptions { InstanceKeys = (processKey, variables) => [$"{processKey}:{variables["applicant"]!["name"]!.GetValue<string>()}"] };
        var engine = new ProcessEngine(Store, strict);
        await engine.DeployAsync(TwoTasksModel, cancellationToken: Ct);
        var id = await engine.StartInstanceAsync("keyed", new Dictionary<string, JsonNode?> { ["applicant"] = new JsonObject { ["name"] = "Aiko" } }, new StartOptions { BusinessKey = "c-2" }, Ct);

        await CompleteOpenTaskAsync(engine, id, new Dictionary<string, JsonNode?> { ["applicant"] = "Aiko as text" });

        Assert.AreEqual("Second", (await engine.QueryTasksAsync(new TaskQuery { InstanceId = id }, Ct)).Single().NodeId, "the step committed");
        Assert.HasCount(1, await engine.MatchInstanceKeysAsync("keyed", ["c-2"], ["no such key"], Ct), "without keys, a search cannot narrow it away");
        Assert.AreEqual(0, await engine.WriteMissingKeysAsync("keyed", cancellationToken: Ct), "the backfill passes it over and goes on");
    }

    private const string TwoTasksModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="https://tsunagu.dev/test">
          <bpmn:process id="keyed" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="First" />
            <bpmn:userTask id="First" />
            <bpmn:sequenceFlow id="F2" sourceRef="First" targetRef="Second" />
            <bpmn:userTask id="Second" />
            <bpmn:sequenceFlow id="F3" sourceRef="Second" targetRef="End" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task CompleteOpenTaskAsync(ProcessEngine engine, Guid instanceId, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var task = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, Ct)).Single();
        await engine.CompleteTaskAsync(task.Id, variables, "tester", Ct);
    }

    private sealed class RecordingStore(IProcessStore inner, List<InstanceCommit> commits) : DelegatingProcessStore(inner)
    {
        public override Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
        {
            commits.Add(commit);
            return base.CommitAsync(commit, cancellationToken);
        }
    }
}
