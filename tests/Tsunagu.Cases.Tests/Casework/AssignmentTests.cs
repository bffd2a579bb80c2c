using Tsunagu.Cases.Casework;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Runtime;
using Tsunagu.Rules.Feel.Values;
using N = Tsunagu.Cases.Casework.CaseProcess.Nodes;

namespace Tsunagu.Cases.Tests.Casework;

[TestClass]
public sealed class AssignmentTests
{
    [TestMethod]
    public async Task ReassignUnclaimAndClaim_RecordTheReason()
    {
        var h = await CaseHarness.CreateAsync();
        var handle = await h.Cases.StartCaseAsync(CaseHarness.EightyFifty(CaseProcess.Consent.NotGranted), "ma-01");
        var task = await h.TaskAsync(handle, N.Triage);
        Assert.AreEqual("ma-01", task.Assignee);

        await h.Cases.ReassignAsync(task, "ma-02", "ma-01 休暇のため", "ma-sv");
        task = await h.TaskAsync(handle, N.Triage);
        Assert.AreEqual("ma-02", task.Assignee);
        Assert.AreEqual("ma-01 休暇のため", task.AssignmentReason);

        await h.Cases.UnclaimAsync(task, "担当調整のため受付箱へ", "ma-02");
        task = await h.TaskAsync(handle, N.Triage);
        Assert.IsNull(task.Assignee);
        Assert.AreEqual(UserTaskStatus.Created, task.Status);

        await h.Cases.ClaimAsync(task, "ma-01", "復帰したため", "ma-01");
        Assert.AreEqual("ma-01", (await h.TaskAsync(handle, N.Triage)).Assignee);

        var engineEvents = (await h.Engine.GetHistoryAsync(handle.InstanceId))
            .Where(e => e.Kind is HistoryKind.TaskReassigned or HistoryKind.TaskUnclaimed or HistoryKind.TaskClaimed)
            .Select(e => (e.Kind, e.Actor, e.Data!["assignee"]?.GetValue<string>(), e.Data!["reason"]!.GetValue<string>()))
            .ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                (HistoryKind.TaskReassigned, "ma-sv", (string?)"ma-02", "ma-01 休暇のため"),
                (HistoryKind.TaskUnclaimed, "ma-02", null, "担当調整のため受付箱へ"),
                (HistoryKind.TaskClaimed, "ma-01", "ma-01", "復帰したため"),
            },
            engineEvents);
    }

    [TestMethod]
    public async Task NoStaffForTheRole_LeavesTheTaskInTheInboxWithAReason()
    {
        var h = await CaseHarness.CreateAsync();
        var assigner = new CaseworkerAssigner([], () => h.Engine);
        var decision = await assigner.AssignAsync(Request(["小金高齢者いきいき安心センター"], ["supervisor"]), CancellationToken.None);
        Assert.IsNull(decision!.Assignee);
        Assert.AreEqual("小金高齢者いきいき安心センター / 責任者 / 該当職員なし → 受付箱", decision.Reason);
    }

    [TestMethod]
    public async Task EqualLoads_AreBrokenByStaffId()
    {
        var h = await CaseHarness.CreateAsync();
        StaffMember[] staff =
        [
            new() { Id = "b", Name = "B", Institution = "X", Roles = [StaffRoles.Caseworker] },
            new() { Id = "a", Name = "A", Institution = "X", Roles = [StaffRoles.Caseworker] },
        ];
        var decision = await new CaseworkerAssigner(staff, () => h.Engine).AssignAsync(Request(["X"], []), CancellationToken.None);
        Assert.AreEqual("a", decision!.Assignee);
        Assert.AreEqual("X / 相談員 / 担当件数 0 → 最少 (同数 2 名: 職員ID順)", decision.Reason);
    }

    private static AssignmentRequest Request(IReadOnlyList<string> institutions, IReadOnlyList<string> roles) =>
        new(Guid.NewGuid(), CaseProcess.Key, N.Triage, "多機関協働トリアージ", institutions, roles, FeelContext.Empty);
}
