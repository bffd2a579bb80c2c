using Tsunagu.Cases.Indicators;
using Tsunagu.Cases.Notes;
using Tsunagu.Cases.Notifications;
using Tsunagu.Cases.People;
using Tsunagu.Cases.Plans;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Storage;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;
using static Tsunagu.Storage.Tests.StoreSamples;

namespace Tsunagu.Storage.Tests;

/// <summary>People, plans, notes, notifications and the register on each provider.</summary>
public abstract partial class CaseStoreContract
{
    private CaseStore Domain => _stores.Domain;

    [TestMethod]
    public async Task AddCasePersonAsync_NewPerson_FoundByIdCaseKanaAndBirthDate()
    {
        var (person, link) = NewPerson();

        await Domain.AddCasePersonAsync(person, true, link, Ct);

        Assert.AreEqual(person, await Domain.FindPersonAsync(person.Id, Ct));
        Assert.AreEqual(Describe(link), Describe((await Domain.PersonOfCaseAsync(link.CaseId, Ct))!));
        CollectionAssert.AreEqual(new[] { link.CaseId }, (await Domain.CasesOfPersonAsync(person.Id, Ct)).ToArray());
        var byKana = await Domain.SearchPeopleAsync(NameKey.Of(person.Kana)[2..], null, null, 50, Ct);
        var byBirth = await Domain.SearchPeopleAsync(null, person.BirthDate, null, 50, Ct);
        Assert.AreEqual(link.CaseId, byKana.Single(m => m.Person.Id == person.Id).CaseIds.Single());
        Assert.AreEqual(person, byBirth.Single(m => m.Person.Id == person.Id).Person);
    }

    [TestMethod]
    public async Task SearchPeopleAsync_TextInsideEitherKey_FindsOnlyWhereItStandsWhole()
    {
        var unique = Guid.NewGuid().ToString("N");
        var (template, link) = NewPerson();
        // The name holds the trigrams of unique[..4] on both sides of a "z", never the four together.
        var person = template with { Name = $"松戸 {unique[..3]}z{unique[1..4]}", Kana = "マツド" + unique[4..10] };
        await Domain.AddCasePersonAsync(person, true, link, Ct);

        async Task<bool> FoundAsync(string text) => (await Domain.SearchPeopleAsync(text, null, null, 200, Ct)).Any(m => m.Person.Id == person.Id);

        Assert.IsTrue(await FoundAsync(NameKey.Of(person.Name)[3..8]), "three or more characters inside the name");
        Assert.IsTrue(await FoundAsync(unique[5..9]), "inside the kana");
        Assert.IsTrue(await FoundAsync(unique[6..8]), "two characters (no trigram)");
        Assert.IsFalse(await FoundAsync(unique[..4]), "every trigram present but not the text");
    }

    [TestMethod]
    public Task SearchPeopleAsync_AfterCursor_PagesThroughEveryMatchOnceInKanaOrder()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        return AssertPagesInKanaOrderAsync(unique, (template, letter) => template with { Kana = $"ページ{letter}{unique}" });
    }

    [TestMethod]
    public Task SearchPeopleAsync_TwoCharactersAfterCursor_PagesThroughEveryMatchOnceInKanaOrder()
    {
        // Two kanji no other person has (a random pair of 20,000 × 20,000), inside the name between other text.
        var pair = string.Concat(Enumerable.Range(0, 2).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)));
        return AssertPagesInKanaOrderAsync(pair, (template, letter) => template with { Name = $"松{pair}戸 太郎", Kana = $"ニモジ{letter}" });
    }

    /// <summary>Adds five people that <paramref name="text"/> finds and walks the search two at a time.</summary>
    private async Task AssertPagesInKanaOrderAsync(string text, Func<PersonRecord, string, PersonRecord> person)
    {
        var added = new List<PersonRecord>();
        foreach (var letter in new[] { "エ", "ア", "オ", "イ", "ウ" })
        {
            var (template, link) = NewPerson();
            var record = person(template, letter);
            await Domain.AddCasePersonAsync(record, true, link, Ct);
            added.Add(record);
        }

        var walked = new List<PersonRecord>();
        (string, string)? after = null;
        while (await Domain.SearchPeopleAsync(text, null, after, 2, Ct) is { Count: > 0 } page)
        {
            Assert.IsLessThanOrEqualTo(2, page.Count);
            walked.AddRange(page.Select(m => m.Person));
            after = (NameKey.Of(page[^1].Person.Kana), page[^1].Person.Id);
        }

        CollectionAssert.AreEqual(added.OrderBy(p => p.Kana, StringComparer.Ordinal).Select(p => p.Id).ToList(), walked.Select(p => p.Id).ToList());
    }

    [TestMethod]
    public async Task AddCasePersonAsync_KnownPersonSecondCase_ListsBothCases()
    {
        var (person, link) = NewPerson();
        await Domain.AddCasePersonAsync(person, true, link, Ct);
        var second = link with { CaseId = "case-" + Guid.NewGuid().ToString("N"), RecordedAt = link.RecordedAt.AddDays(1) };

        await Domain.AddCasePersonAsync(person, false, second, Ct);

        CollectionAssert.AreEqual(new[] { link.CaseId, second.CaseId }, (await Domain.CasesOfPersonAsync(person.Id, Ct)).ToArray());
        CollectionAssert.AreEquivalent(
            new[] { link.CaseId, second.CaseId }, (await Domain.SearchPeopleAsync(null, person.BirthDate, null, 50, Ct)).Single(m => m.Person.Id == person.Id).CaseIds.ToArray());
    }

    [TestMethod]
    public async Task AddCasePersonAsync_CaseAlreadyHasItsPerson_AddsNothing()
    {
        var (person, link) = NewPerson();
        await Domain.AddCasePersonAsync(person, true, link, Ct);
        var (retried, _) = NewPerson();

        await Domain.AddCasePersonAsync(retried, true, link with { PersonId = retried.Id }, Ct);

        Assert.AreEqual(person.Id, (await Domain.PersonOfCaseAsync(link.CaseId, Ct))!.PersonId);
        Assert.IsNull(await Domain.FindPersonAsync(retried.Id, Ct));
    }

    [TestMethod]
    public async Task AddPlanAsync_SameVersionTwice_SecondRefusedAndApprovalReadBack()
    {
        var caseId = "case-" + Guid.NewGuid().ToString("N");
        var plan = new SupportPlan(caseId, 1, new PlanContent("center", "目標", new(2030, 4, 1), new(2030, 9, 30), new(2030, 6, 1), [new PlanRole("center", "visit", "訪問")]), "aiko", T0, null);
        var approval = new PlanApproval("m-1", new DateOnly(2030, 4, 10), "aiko");

        Assert.IsTrue(await Domain.AddPlanAsync(plan, Ct));
        Assert.IsFalse(await Domain.AddPlanAsync(plan with { CreatedBy = "ben" }, Ct));
        await Domain.ApprovePlanAsync(caseId, 1, approval, Ct);

        var stored = (await Domain.PlansAsync(caseId, Ct)).Single();
        Assert.AreEqual(Describe(plan with { Approval = approval }), Describe(stored));
    }

    [TestMethod]
    public async Task AddNoteAsync_TwoNotes_ReadBackInRecordedOrder()
    {
        var caseId = "case-" + Guid.NewGuid().ToString("N");
        var later = new CaseNote("n-" + Guid.NewGuid().ToString("N"), caseId, new NewNote(NoteKind.Outreach, new(2030, 4, 2), "訪問", Reached: true), "aiko", T0.AddHours(2));
        var earlier = new CaseNote("n-" + Guid.NewGuid().ToString("N"), caseId, new NewNote(NoteKind.Memo, new(2030, 4, 1), "電話"), "ben", T0.AddMilliseconds(1));

        await Domain.AddNoteAsync(later, Ct);
        await Domain.AddNoteAsync(earlier, Ct);

        CollectionAssert.AreEqual(new[] { earlier, later }, (await Domain.NotesAsync(caseId, Ct)).ToArray());
    }

    [TestMethod]
    public async Task NotifyAsync_SameEventTwice_OneNotificationMarkedReadOnce()
    {
        var recipient = "staff-" + Guid.NewGuid().ToString("N");
        var first = Notice(recipient, "case-1/referral/r1", T0);
        var other = Notice(recipient, "case-1/plan/2", T0.AddMinutes(1));

        Assert.IsTrue(await Domain.NotifyAsync(first, Ct));
        Assert.IsFalse(await Domain.NotifyAsync(first with { Id = Guid.NewGuid().ToString("N") }, Ct));
        await Domain.NotifyAsync(other, Ct);
        Assert.IsTrue(await Domain.MarkReadAsync(first.Id, recipient, T0.AddHours(1), Ct));
        Assert.IsFalse(await Domain.MarkReadAsync(first.Id, "someone-else", T0.AddHours(1), Ct));

        CollectionAssert.AreEqual(new[] { other, first with { ReadAt = T0.AddHours(1) } }, (await Domain.ForRecipientAsync(recipient, false, null, 10, Ct)).ToArray());
        CollectionAssert.AreEqual(new[] { other }, (await Domain.ForRecipientAsync(recipient, true, null, 10, Ct)).ToArray());
        Assert.AreEqual(1, (await Domain.ForRecipientAsync(recipient, false, null, 1, Ct)).Count);
    }

    [TestMethod]
    public async Task TakeForMailAsync_TwoSenders_OnlyOneTakesAndAFailureGoesBackToPending()
    {
        var notice = Notice("staff-" + Guid.NewGuid().ToString("N"), "case-2/referral/r1", T0.AddYears(-50));
        await Domain.NotifyAsync(notice, Ct);

        Assert.IsTrue((await Domain.PendingMailAsync(1_000_000, Ct)).Any(n => n.Id == notice.Id));
        Assert.IsTrue(await Domain.TakeForMailAsync(notice.Id, Ct));
        Assert.IsFalse(await Domain.TakeForMailAsync(notice.Id, Ct));
        Assert.IsFalse((await Domain.PendingMailAsync(1_000_000, Ct)).Any(n => n.Id == notice.Id));
        await Domain.MailDoneAsync(notice.Id, false, T0, Ct);
        Assert.IsTrue(await Domain.TakeForMailAsync(notice.Id, Ct));
        await Domain.MailDoneAsync(notice.Id, true, T0, Ct);
        Assert.IsFalse(await Domain.TakeForMailAsync(notice.Id, Ct));
    }

    [TestMethod]
    public async Task AddOnce_EightWritersAtOnce_ExactlyOneAddsEachRow()
    {
        var notice = Notice("staff-" + Guid.NewGuid().ToString("N"), "case-3/plan/1", T0);
        var plan = new SupportPlan("case-" + Guid.NewGuid().ToString("N"), 1, new PlanContent("center", "g", new(2030, 4, 1), new(2030, 9, 1), new(2030, 6, 1), []), "aiko", T0, null);
        var key = Guid.NewGuid().ToString("N");

        var notified = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Domain.NotifyAsync(notice with { Id = $"{notice.Id}-{i}" }, Ct)));
        var planned = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Domain.AddPlanAsync(plan with { CreatedBy = $"writer-{i}" }, Ct)));
        var reserved = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Domain.ReserveAsync("aiko", key, "POST /api/cases", T0, T0.AddDays(-1), T0.AddMinutes(-1), Ct)));

        Assert.AreEqual(1, notified.Count(added => added));
        Assert.AreEqual(1, planned.Count(added => added));
        Assert.AreEqual(1, reserved.Count(entry => entry is null));
        Assert.AreEqual(1, (await Domain.ForRecipientAsync(notice.Recipient, false, null, 10, Ct)).Count);
    }

    [TestMethod]
    public async Task CountAsync_CasesPlansMeetingsAndNotesInAYear_CountsEachIndicator()
    {
        // A year no other test writes in, and institutions of this test only, so the counts are this test's alone.
        var year = 2100 + Random.Shared.Next(7000);
        var from = new DateTimeOffset(year, 4, 1, 0, 0, 0, TimeSpan.FromHours(9));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (accepting, declining) = ("accepting-" + tag, "declining-" + tag);
        var (a, b) = ("case-" + Guid.NewGuid().ToString("N"), "case-" + Guid.NewGuid().ToString("N"));
        await Domain.RegisterAsync(new RegisteredCase(a, "center", "north", "本人", ["poverty", "health"], true, from.AddDays(1)), [accepting, declining], Ct);
        await Domain.RegisterAsync(new RegisteredCase(a, "center", "north", "本人", ["poverty", "health"], true, from.AddDays(1)), [accepting, declining], Ct);
        await Domain.RegisterAsync(new RegisteredCase(b, "annex", null, null, ["poverty"], false, from.AddMonths(10)), [], Ct);
        await Domain.ReferralAsync(a, accepting, "accepted", from.AddDays(2), Ct);
        await Domain.ReferralAsync(a, declining, "declined", from.AddDays(2), Ct);
        await Domain.EscalatedAsync(b, from.AddMonths(10).AddDays(1), Ct);
        await Domain.EndedAsync(b, CaseEnd.Closed, from.AddMonths(11), Ct);
        await Domain.AddPlanAsync(new SupportPlan(a, 1, new PlanContent("center", "g", new(year, 4, 1), new(year, 9, 1), new(year, 6, 1), []), "aiko", from.AddDays(3), null), Ct);
        await Domain.AddMeetingAsync(Meeting() with { Date = new DateOnly(year, 5, 1), Kind = "support-" + tag }, Ct);
        await Domain.AddNoteAsync(new CaseNote("n-" + tag, a, new NewNote(NoteKind.Outreach, new(year, 4, 20), Reached: true), "aiko", from.AddDays(20)), Ct);
        await Domain.AddNoteAsync(new CaseNote("p-" + tag, b, new NewNote(NoteKind.Participation, new(year, 12, 1), Place: "cafe-" + tag), "aiko", from.AddMonths(8)), Ct);

        var counts = (await Domain.CountAsync(from, from.AddYears(1), Ct)).Select(c => $"{c.Indicator}|{c.Key}|{c.Count}").ToHashSet();

        string[] expected =
        [
            "intake.window|center|1", "intake.window|annex|1", $"intake.month|{year}-04|1", $"intake.month|{year + 1}-02|1", $"intake.fiscal-year|{year}年度|2",
            "intake.area|north|1", "intake.area|(未設定)|1", "intake.route|本人|1", "intake.route|(未設定)|1", "intake.concern|poverty|2", "intake.concern|health|1", $"referral.made|{declining}|1",
            $"referral.made|{accepting}|1", $"referral.accepted|{accepting}|1", $"referral.declined|{declining}|1", "multi-agency.opened|all|2",
            "plan.made|all|1", "plan.versions|all|1", $"meeting.held|support-{tag}|1", $"participation.sessions|cafe-{tag}|1", "participation.participants|all|1",
            "outreach.contacts|会えた|1", $"caseload.open|{accepting}|1", "case.closed|all|1",
        ];
        CollectionAssert.AreEquivalent(expected, counts.ToArray());
    }

    [TestMethod]
    public async Task NotifyAsync_InAuditScope_CarriesTheScopesRecordOnceWithTheCasesOtherWrites()
    {
        var caseId = "case-" + Guid.NewGuid().ToString("N");
        var meeting = Meeting();
        await Domain.AddMeetingAsync(meeting, Ct);
        using (AuditScope.Begin(c => new AuditRecord(T0, "aiko", "coordinator", "case.note", c, c is null ? meeting.Id : null, 201, "支援経過の記録")))
        {
            await Domain.NotifyAsync(Notice("staff-" + Guid.NewGuid().ToString("N"), caseId + "/plan/1", T0) with { CaseId = caseId }, Ct);
            await Domain.AddNoteAsync(new CaseNote("n-" + Guid.NewGuid().ToString("N"), caseId, new NewNote(NoteKind.Memo, new(2030, 4, 1), "x"), "aiko", T0), Ct);
            await Domain.UpdateMeetingAsync(meeting with { Members = [new MeetingMember("aiko", T0, null)] }, Ct);
        }

        var entries = await _stores.Audit.ReadAuditAsync(0, 1_000_000, null, Ct);

        Assert.AreEqual(1, entries.Count(e => e.Record.CaseId == caseId));
        Assert.AreEqual(1, entries.Count(e => e.Record.MeetingId == meeting.Id));
        Assert.IsNull((await AuditVerifier.VerifyAsync(_stores.Audit, Ct)).Broken);
    }

    private static (PersonRecord Person, CasePerson Link) NewPerson()
    {
        var id = Guid.NewGuid().ToString("N");
        var person = new PersonRecord(
            "p-" + id, "松戸 " + id[..6], "マツド" + id[..6], new DateOnly(1900 + Random.Shared.Next(120), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28)),
            "松戸市1-2", "north", "047-000", T0, "aiko");
        return (person, new CasePerson("case-" + id, person.Id, "本人", [new HouseholdMemberIdentity("母", "松戸 母", null, new DateOnly(1950, 1, 2))], T0.AddMinutes(1)));
    }

    private static Notification Notice(string recipient, string eventKey, DateTimeOffset at) =>
        new(Guid.NewGuid().ToString("N"), recipient, NotificationKind.Referral, null, eventKey, "新しい紹介", at, null);

    private static string Describe(CasePerson link) => $"{link.CaseId}|{link.PersonId}|{link.Route}|{string.Join(',', link.Household)}|{link.RecordedAt:O}";

    private static string Describe(SupportPlan plan) =>
        $"{plan.CaseId}|{plan.Version}|{plan.Content with { Roles = [] }}|{string.Join(',', plan.Content.Roles)}|{plan.CreatedBy}|{plan.CreatedAt:O}|{plan.Approval}";
}
