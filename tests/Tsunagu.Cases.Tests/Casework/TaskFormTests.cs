using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Cases.Casework;
using Tsunagu.Engine.Storage;
using N = Tsunagu.Cases.Casework.CaseProcess.Nodes;

namespace Tsunagu.Cases.Tests.Casework;

/// <summary>Task forms by form key, checked on the server; due dates of the monitoring review.</summary>
[TestClass]
public sealed class TaskFormTests
{
    /// <summary>2025-04-01 05:00 in Japan, still 2025-03-31 in UTC.</summary>
    private static readonly DateTimeOffset EarlyMorningInJapan = new(2025, 3, 31, 20, 0, 0, TimeSpan.Zero);

    private static TaskRecord Task(string? formRef, string nodeId = "task") =>
        new(Guid.NewGuid(), Guid.NewGuid(), CaseProcess.Key, nodeId, "タスク", formRef, "case-1", Engine.Runtime.UserTaskStatus.Created, null, [], [], [], null, EarlyMorningInJapan);

    private static Dictionary<string, string?> Values(params (string Name, string? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    [TestMethod]
    public void For_EveryFormKeyOfTheCasePath_HasItsOwnForm()
    {
        var keys = XDocument.Parse(ShippedWorkflows.Get("case-path.bpmn")).Descendants().Where(e => e.Name.LocalName == "form").Select(e => (string)e.Attribute("ref")!).Distinct().ToList();

        Assert.IsNotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.AreNotSame(TaskForms.For(Task(null)), TaskForms.For(Task(key)), $"form key '{key}' has no form");
        }
    }

    [TestMethod]
    public void For_UnknownFormKey_TheDefaultForm()
    {
        Assert.AreSame(TaskForms.For(Task(null)), TaskForms.For(Task("no-such-form")));
        Assert.AreEqual("対応結果", TaskForms.For(Task(null)).Single().Name);
    }

    [TestMethod]
    public void Read_MonitoringFormTodayInJapan_SetsTheVariables()
    {
        var forms = new TaskForms(new FakeTimeProvider(EarlyMorningInJapan));

        var values = forms.Read(TaskForms.For(Task("monitoring")), Values(("monitoredOn", "2025-04-01"), ("progress", "改善"), ("monitoringNote", " 外出が増えた "), ("judgement", "終結")));

        Assert.AreEqual("2025-04-01", values["monitoredOn"]!.GetValue<string>());
        Assert.AreEqual("改善", values["progress"]!.GetValue<string>());
        Assert.AreEqual("外出が増えた", values["monitoringNote"]!.GetValue<string>());
        Assert.IsFalse(values.ContainsKey("judgement"), "a value for a field the form does not have is not set");
    }

    [TestMethod]
    public void Read_BadValues_RefusedNamingEachField()
    {
        var forms = new TaskForms(new FakeTimeProvider(EarlyMorningInJapan));

        var refused = Assert.ThrowsExactly<TaskFormException>(() =>
            forms.Read(TaskForms.For(Task("monitoring")), Values(("monitoredOn", "2025-04-02"), ("progress", "とても良い"), ("monitoringNote", new string('あ', 2001)))));

        Assert.AreEqual("今日より後の日付は入力できません。", refused.Errors["monitoredOn"]);
        Assert.AreEqual("選択肢から選んでください。", refused.Errors["progress"]);
        Assert.AreEqual("2000文字以内で入力してください。", refused.Errors["monitoringNote"]);
        Assert.AreEqual("monitoredOn", refused.Field);
    }

    [TestMethod]
    [DataRow("", "入力してください。")]
    [DataRow("2025/04/01", "日付（年-月-日）で入力してください。")]
    [DataRow("2025-02-30", "日付（年-月-日）で入力してください。")]
    public void Read_BadDate_Refused(string date, string reason)
    {
        var forms = new TaskForms(new FakeTimeProvider(EarlyMorningInJapan));

        var refused = Assert.ThrowsExactly<TaskFormException>(() => forms.Read(TaskForms.For(Task("meeting")), Values(("meetingHeldOn", date), ("meetingDecisions", "役割分担を決定"))));

        Assert.AreEqual(reason, refused.Errors.Single().Value);
    }

    [TestMethod]
    public async Task DueDates_TriageOfNewCase_DueThreeDaysAfterItWasCreatedAndOverdueAfter()
    {
        var h = await CaseHarness.CreateAsync();
        var handle = await h.Cases.StartCaseAsync(CaseHarness.EightyFifty(CaseProcess.Consent.Granted), "marugoto-01");
        var triage = await h.TaskAsync(handle, N.Triage);
        var dueDates = new TaskDueDates(h.Clock);

        var before = dueDates.For([triage]);
        h.Clock.SetUtcNow(triage.CreatedAt.AddDays(3).AddSeconds(1));
        var after = dueDates.For([triage]);

        Assert.AreEqual(new TaskDue(triage.CreatedAt.AddDays(3), false), before[triage.Id]);
        Assert.IsTrue(after[triage.Id].Overdue);
    }

    [TestMethod]
    public async Task DueDates_MonitoringReview_DueAtMonitoringDueAndOverdueAfterIt()
    {
        var h = await CaseHarness.CreateAsync();
        var handle = await h.Cases.StartCaseAsync(CaseHarness.EightyFifty(CaseProcess.Consent.Granted), "marugoto-02");
        await h.CompleteAsync(handle, N.Triage);
        await h.CompleteAsync(handle, N.Assessment);
        await h.CompleteAsync(handle, N.Plan, new JsonObject { ["plan"] = new JsonObject { ["roles"] = new JsonArray() } });
        await h.CompleteAsync(handle, N.MeetingJusou);
        var dueDates = new TaskDueDates(h.Clock);
        var monitoring = await h.TaskAsync(handle, N.Monitoring);
        var due = await h.MonitoringDueAsync(handle);

        var before = dueDates.For(await h.TasksAsync(handle));
        await h.AtAsync(due.AddMinutes(1));
        var after = dueDates.For(await h.TasksAsync(handle));

        Assert.AreEqual(new TaskDue(due, false), before[monitoring.Id]);
        Assert.HasCount(1, before, "the monitoring review is the only open task");
        Assert.AreEqual(new TaskDue(due, true), after[monitoring.Id]);
        var overdue = await h.TaskAsync(handle, N.Overdue);
        Assert.AreEqual(new TaskDue(due, true), after[overdue.Id], "the overdue follow-up carries the same due date");
    }
}
