using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using static Tsunagu.Storage.Tests.StoreSamples;

namespace Tsunagu.Storage.Tests;

public abstract partial class ProcessStoreContract
{
    [TestMethod]
    public async Task QueryTasksAsync_PagedByCursor_ReturnsEveryMatchOnceOldestFirst()
    {
        // Eleven tasks, several created at the same instant, across three instances: by institution, offered to or held
        // by a user, by assignee, and unfiltered.
        var tasks = new List<UserTaskState>();
        for (var i = 0; i < 3; i++)
        {
            var state = Instance();
            for (var j = 0; j < 4 - (i / 2); j++)
            {
                var task = UserTask(T0.AddMinutes((i + j) % 3), assignee: j == 0 ? "ren" : null, institutions: j % 2 == 0 ? ["kita"] : ["minami"], users: j == 3 ? ["ren"] : null);
                state.Tasks.Add(task);
                tasks.Add(task);
            }

            await Store.CommitAsync(New(state), Ct);
        }

        TaskQuery[] queries = [new() { CandidateInstitution = "kita" }, new() { CandidateUser = "ren" }, new() { Assignee = "ren" }, new()];
        Func<UserTaskState, bool>[] expected = [t => t.CandidateInstitutions.Contains("kita"), t => t.Assignee == "ren" || t.CandidateUsers.Contains("ren"), t => t.Assignee == "ren", _ => true];
        for (var q = 0; q < queries.Length; q++)
        {
            var read = new List<TaskRecord>();
            TaskCursor? after = null;
            while (await Store.QueryTasksAsync(queries[q] with { After = after, Limit = 2 }, Ct) is { Count: > 0 } page)
            {
                Assert.IsLessThanOrEqualTo(2, page.Count);
                read.AddRange(page);
                after = TaskCursor.After(page[^1]);
            }

            CollectionAssert.AreEquivalent(tasks.Where(expected[q]).Select(t => t.Id).ToList(), read.Select(t => t.Id).ToList(), $"query {q}: every match once");
            CollectionAssert.AreEqual(read.Select(t => t.CreatedAt).Order().ToList(), read.Select(t => t.CreatedAt).ToList(), $"query {q}: oldest first");
        }
    }

    [TestMethod]
    public async Task GetDueJobsAsync_JobsOfSeveralInstances_ReturnsDueOnesByDueTimeUpToMax()
    {
        var a = Instance();
        a.Jobs.AddRange([Job(T0.AddMinutes(3)), Job(T0.AddMinutes(30))]);
        var b = Instance();
        b.Jobs.AddRange([Job(T0.AddMinutes(1)), Job(T0.AddMinutes(2)), Job(T0.AddMinutes(4))]);
        await Store.CommitAsync(New(a), Ct);
        await Store.CommitAsync(New(b), Ct);

        var due = await Store.GetDueJobsAsync(T0.AddMinutes(10), 3, Ct);

        var expected = new[] { (b.Id, b.Jobs[0]), (b.Id, b.Jobs[1]), (a.Id, a.Jobs[0]) }.Select(p => new DueJob(p.Item1, p.Item2.Id, p.Item2.DueAt));
        CollectionAssert.AreEqual(expected.ToArray(), due.ToArray());
    }

    [TestMethod]
    public async Task GetDueJobsAsync_JobDueExactlyNow_IsDue()
    {
        var state = Instance();
        state.Jobs.Add(Job(T0));
        await Store.CommitAsync(New(state), Ct);

        Assert.HasCount(1, await Store.GetDueJobsAsync(T0, 10, Ct));
        Assert.IsEmpty(await Store.GetDueJobsAsync(T0.AddTicks(-1), 10, Ct));
    }

    [TestMethod]
    public async Task GetNextDueAsync_NoJobs_ReturnsNull()
    {
        await Store.CommitAsync(New(Instance()), Ct);

        Assert.IsNull(await Store.GetNextDueAsync(Ct));
    }

    [TestMethod]
    public async Task GetNextDueAsync_PendingJobs_ReturnsEarliestInstant()
    {
        var state = Instance();
        state.Jobs.AddRange([Job(T0.AddDays(2)), Job(new DateTimeOffset(2030, 4, 2, 8, 0, 0, TimeSpan.FromHours(9)))]);
        await Store.CommitAsync(New(state), Ct);

        Assert.AreEqual(T0.AddHours(14), await Store.GetNextDueAsync(Ct));
    }

    [TestMethod]
    public async Task CommitAsync_JobRemovedFromState_JobNoLongerDue()
    {
        var state = Instance();
        state.Jobs.Add(Job(T0));
        await Store.CommitAsync(New(state), Ct);

        await Store.CommitAsync(Next(state, s => s.Jobs.Clear()), Ct);

        Assert.IsEmpty(await Store.GetDueJobsAsync(T0.AddDays(1), 10, Ct));
        Assert.IsNull(await Store.GetNextDueAsync(Ct));
    }

    [TestMethod]
    public async Task FindSubscriptionsAsync_KindNameAndKey_MatchesOnlyThose()
    {
        var state = Instance();
        var wanted = Subscription(SubscriptionKind.Message, "paid", "order-1");
        state.Subscriptions.AddRange([wanted, Subscription(SubscriptionKind.Message, "paid", "order-2"),
            Subscription(SubscriptionKind.Signal, "paid"), Subscription(SubscriptionKind.Message, "shipped", "order-1")]);
        await Store.CommitAsync(New(state), Ct);

        var matches = await Store.FindSubscriptionsAsync(SubscriptionKind.Message, "paid", "order-1", Ct);

        CollectionAssert.AreEqual(new[] { new SubscriptionMatch(state.Id, wanted.Id) }, matches.ToArray());
    }

    [TestMethod]
    public async Task FindSubscriptionsAsync_NoKeyOnEitherSide_MatchesByName()
    {
        var keyed = Instance();
        keyed.Subscriptions.Add(Subscription(SubscriptionKind.Message, "paid", "order-1"));
        var open = Instance();
        open.Subscriptions.Add(Subscription(SubscriptionKind.Message, "paid"));
        await Store.CommitAsync(New(keyed), Ct);
        await Store.CommitAsync(New(open), Ct);

        var anyKey = await Store.FindSubscriptionsAsync(SubscriptionKind.Message, "paid", null, Ct);
        var otherKey = await Store.FindSubscriptionsAsync(SubscriptionKind.Message, "paid", "order-9", Ct);

        CollectionAssert.AreEquivalent(new[] { keyed.Id, open.Id }, anyKey.Select(m => m.InstanceId).ToArray());
        CollectionAssert.AreEqual(new[] { open.Id }, otherKey.Select(m => m.InstanceId).ToArray());
    }

    [TestMethod]
    public async Task FindSubscriptionsAsync_InstanceEnded_MatchesNothing()
    {
        var state = Instance();
        state.Subscriptions.Add(Subscription(SubscriptionKind.Signal, "alarm"));
        await Store.CommitAsync(New(state), Ct);

        await Store.CommitAsync(Next(state, s => s.Status = InstanceStatus.Terminated), Ct);

        Assert.IsEmpty(await Store.FindSubscriptionsAsync(SubscriptionKind.Signal, "alarm", null, Ct));
    }

    [TestMethod]
    public async Task QueryTasksAsync_NoFilter_ReturnsEveryFieldOfTheTask()
    {
        var state = Instance();
        var task = UserTask(T0, assignee: "aiko", institutions: ["tokyo", "osaka"], users: ["ben"]);
        task.DueAt = T0.AddDays(3);
        state.Tasks.Add(task);
        await Store.CommitAsync(New(state), Ct);

        var record = (await Store.QueryTasksAsync(new TaskQuery(), Ct)).Single();

        Assert.AreEqual(
            (task.Id, state.Id, state.ProcessKey, task.NodeId, task.Name, task.FormRef, state.BusinessKey, task.Status, task.Assignee, task.AssignmentReason, task.CreatedAt, task.DueAt),
            (record.Id, record.InstanceId, record.ProcessKey, record.NodeId, record.Name, record.FormRef, record.BusinessKey, record.Status, record.Assignee, record.AssignmentReason, record.CreatedAt, record.DueAt));
        CollectionAssert.AreEqual(task.CandidateInstitutions, record.CandidateInstitutions.ToList());
        CollectionAssert.AreEqual(task.CandidateRoles, record.CandidateRoles.ToList());
        CollectionAssert.AreEqual(task.CandidateUsers, record.CandidateUsers.ToList());
    }

    [TestMethod]
    public async Task QueryTasksAsync_ByAssignee_ReturnsOnlyTheirTasks()
    {
        var (tasks, _) = await CommitInboxAsync();

        var found = await Store.QueryTasksAsync(new TaskQuery { Assignee = "aiko" }, Ct);

        CollectionAssert.AreEqual(new[] { tasks[0].Id }, found.Select(t => t.Id).ToArray());
    }

    [TestMethod]
    public async Task QueryTasksAsync_ByCandidateInstitution_ReturnsTasksListingIt()
    {
        var (tasks, _) = await CommitInboxAsync();

        var found = await Store.QueryTasksAsync(new TaskQuery { CandidateInstitution = "osaka" }, Ct);

        CollectionAssert.AreEqual(new[] { tasks[1].Id, tasks[2].Id }, found.Select(t => t.Id).ToArray());
    }

    [TestMethod]
    public async Task QueryTasksAsync_ByCandidateUser_IncludesTasksAssignedToThem()
    {
        var (tasks, _) = await CommitInboxAsync();

        var found = await Store.QueryTasksAsync(new TaskQuery { CandidateUser = "aiko" }, Ct);

        CollectionAssert.AreEqual(new[] { tasks[0].Id, tasks[2].Id }, found.Select(t => t.Id).ToArray());
    }

    [TestMethod]
    public async Task QueryTasksAsync_ByInstanceAndProcessKey_ReturnsThatInstancesTasks()
    {
        var (tasks, instances) = await CommitInboxAsync();

        var byInstance = await Store.QueryTasksAsync(new TaskQuery { InstanceId = instances[1].Id }, Ct);
        var byKey = await Store.QueryTasksAsync(new TaskQuery { ProcessKey = "permit", CandidateInstitution = "osaka" }, Ct);

        CollectionAssert.AreEqual(new[] { tasks[2].Id }, byInstance.Select(t => t.Id).ToArray());
        CollectionAssert.AreEqual(new[] { tasks[2].Id }, byKey.Select(t => t.Id).ToArray());
    }

    [TestMethod]
    public async Task QueryTasksAsync_Limit_ReturnsOldestFirst()
    {
        var (tasks, _) = await CommitInboxAsync();

        var found = await Store.QueryTasksAsync(new TaskQuery { Limit = 2 }, Ct);

        CollectionAssert.AreEqual(new[] { tasks[0].Id, tasks[1].Id }, found.Select(t => t.Id).ToArray());
    }

    [TestMethod]
    public async Task QueryTasksAsync_InstanceEnded_TasksDisappear()
    {
        var (tasks, instances) = await CommitInboxAsync();

        await Store.CommitAsync(Next(instances[0], s => s.Status = InstanceStatus.Completed), Ct);

        CollectionAssert.AreEqual(new[] { tasks[2].Id }, (await Store.QueryTasksAsync(new TaskQuery(), Ct)).Select(t => t.Id).ToArray());
    }

    [TestMethod]
    public async Task FindTaskInstanceAsync_OpenTask_ReturnsItsInstance()
    {
        var (tasks, instances) = await CommitInboxAsync();

        Assert.AreEqual(instances[1].Id, await Store.FindTaskInstanceAsync(tasks[2].Id, Ct));
        Assert.IsNull(await Store.FindTaskInstanceAsync(Guid.NewGuid(), Ct));
    }

    [TestMethod]
    public async Task FindTaskInstanceAsync_InstanceEnded_ReturnsNull()
    {
        var (tasks, instances) = await CommitInboxAsync();

        await Store.CommitAsync(Next(instances[0], s => s.Status = InstanceStatus.Cancelled), Ct);

        Assert.IsNull(await Store.FindTaskInstanceAsync(tasks[0].Id, Ct));
    }

    [TestMethod]
    public async Task GetHistoryAsync_SeveralCommits_ReturnsInstanceEventsInWrittenOrder()
    {
        var state = Instance();
        var other = Instance();
        var events = new[] { Event(state, HistoryKind.InstanceStarted, 5), Event(state, HistoryKind.TokenMoved, 1, "check"), Event(state, HistoryKind.InstanceCompleted, 2) };
        await Store.CommitAsync(New(state, events[0], events[1]), Ct);
        await Store.CommitAsync(New(other, Event(other, HistoryKind.InstanceStarted, 0)), Ct);
        await Store.CommitAsync(Next(state, s => s.Status = InstanceStatus.Completed, events[2]), Ct);

        var history = await Store.GetHistoryAsync(state.Id, Ct);

        CollectionAssert.AreEqual(events.Select(Describe).ToArray(), history.Select(Describe).ToArray());
    }

    [TestMethod]
    public async Task GetDefinitionHistoryAsync_KeyAndVersion_ReturnsEventsOfThatDefinition()
    {
        var v1 = Instance("leave", 1);
        var v2 = Instance("leave", 2);
        var permit = Instance("permit", 1);
        foreach (var state in new[] { v1, v2, permit })
        {
            await Store.CommitAsync(New(state, Event(state, HistoryKind.InstanceStarted, 0)), Ct);
        }

        var allVersions = await Store.GetDefinitionHistoryAsync("leave", null, Ct);
        var version2 = await Store.GetDefinitionHistoryAsync("leave", 2, Ct);

        CollectionAssert.AreEqual(new[] { v1.Id, v2.Id }, allVersions.Select(h => h.InstanceId).ToArray());
        CollectionAssert.AreEqual(new[] { v2.Id }, version2.Select(h => h.InstanceId).ToArray());
    }

    /// <summary>A history event as text, so events compare by value (their Data is a mutable JSON object).</summary>
    private static string Describe(HistoryEvent e) =>
        $"{e.InstanceId}|{e.ProcessKey}|{e.ProcessVersion}|{e.Kind}|{e.NodeId}|{e.TokenId}|{e.Actor}|{e.At.UtcTicks}|{e.Data?.ToJsonString()}";

    /// <summary>
    /// Three tasks, oldest first: aiko's claimed task (leave), an osaka task (leave), and an osaka task for candidate
    /// aiko (permit, second instance).
    /// </summary>
    private async Task<(UserTaskState[] Tasks, InstanceState[] Instances)> CommitInboxAsync()
    {
        var tasks = new[]
        {
            UserTask(T0, assignee: "aiko", institutions: ["tokyo"]),
            UserTask(T0.AddMinutes(1), institutions: ["osaka"], users: ["ben"]),
            UserTask(T0.AddMinutes(2), institutions: ["osaka", "kyoto"], users: ["aiko"]),
        };
        var leave = Instance("leave");
        leave.Tasks.AddRange(tasks[..2]);
        var permit = Instance("permit");
        permit.Tasks.Add(tasks[2]);
        await Store.CommitAsync(New(leave), Ct);
        await Store.CommitAsync(New(permit), Ct);
        return (tasks, [leave, permit]);
    }
}
