using System.Net;
using System.Text.Json;
using static Tsunagu.Host.Tests.PrivacyTests;

namespace Tsunagu.Host.Tests;

/// <summary>The person at intake, search within what the searcher may see (the duplicate check), and the case timeline.</summary>
[TestClass]
public sealed class CaseworkTests
{
    private const string Worker = "jiritsu-caseworker";
    private const string Coordinator = "multi-agency-caseworker";
    private const string Stranger = "ikiiki-kogane-caseworker";

    /// <summary>A カナ no other test uses, so searches on the shared host find only this test's people.</summary>
    private static string UniqueKana() => new([.. Guid.NewGuid().ToString("N")[..10].Select(c => "アイウエオカキクケコサシスセソタ"[Convert.ToInt32(c.ToString(), 16)])]);

    private static string Intake(object? person, string? route = "家族", string window = "松戸市自立相談支援センター", string concerns = "\"poverty\"", string consent = "unknown") =>
        JsonSerializer.Serialize(new
        {
            window,
            consultation = JsonDocument.Parse($$"""{ "municipality": "matsudo", "person": { "age": 40, "concerns": [{{concerns}}] }, "household": [], "consent": "{{consent}}" }""").RootElement,
            person,
            route,
        });

    private static object NewPerson(string kana, string birthDate = "1985-04-12") => new
    {
        name = "松戸 太郎",
        kana,
        birthDate,
        address = "松戸市小金原3-1-1",
        contact = "047-000-0000",
        household = new[] { new { relation = "母", name = "松戸 花子", kana = "マツド ハナコ" } },
    };

    private static async Task<string> StartAsync(HttpClient client, string body)
    {
        var (status, created) = await TsunaguHost.SendAsync(client, HttpMethod.Post, "/api/cases", body);
        Assert.AreEqual(HttpStatusCode.Created, status, created.ToString());
        return created.GetProperty("caseId").GetString()!;
    }

    private static async Task<List<JsonElement>> SearchAsync(HttpClient client, string q)
    {
        var (status, found) = await TsunaguHost.SendAsync(client, HttpMethod.Get, $"/api/people?q={Uri.EscapeDataString(q)}");
        Assert.AreEqual(HttpStatusCode.OK, status, found.ToString());
        return [.. found.EnumerateArray()];
    }

    [TestMethod]
    public async Task PostCase_NewPerson_CaseShowsTheSubjectRouteAndAreaDerivedFromTheAddress()
    {
        using var worker = TsunaguHost.Client(Worker);
        var kana = UniqueKana();

        var caseId = await StartAsync(worker, Intake(NewPerson(kana)));

        var (_, view) = await TsunaguHost.SendAsync(worker, HttpMethod.Get, $"/api/cases/{caseId}");
        var subject = view.GetProperty("subject");
        Assert.AreEqual("松戸 太郎", subject.GetProperty("person").GetProperty("name").GetString());
        Assert.AreEqual(kana, subject.GetProperty("person").GetProperty("kana").GetString());
        Assert.AreEqual("1985-04-12", subject.GetProperty("person").GetProperty("birthDate").GetString());
        Assert.AreEqual("小金原", subject.GetProperty("person").GetProperty("area").GetString(), "the longest 圏域 named in the address, not 小金");
        Assert.AreEqual("家族", subject.GetProperty("route").GetString());
        Assert.AreEqual("母", subject.GetProperty("household")[0].GetProperty("relation").GetString());
        Assert.HasCount(1, TsunaguHost.Audit(caseId: caseId).Where(e => e.Record.Action == "case.start").ToList(), "the person's write carries no second audit entry");
    }

    [TestMethod]
    public async Task SearchPeople_ByHiraganaWithSpacesOrBirthDate_FindsThePersonOnlyForThoseWhoMaySeeACase()
    {
        using var worker = TsunaguHost.Client(Worker);
        using var coordinator = TsunaguHost.Client(Coordinator);
        using var stranger = TsunaguHost.Client(Stranger);
        var kana = UniqueKana();
        var hiragana = new string([.. kana.Select(c => (char)(c - 0x60))]);
        var caseId = await StartAsync(worker, Intake(NewPerson(kana, "1931-02-03")));

        var byHiragana = await SearchAsync(worker, $"{hiragana[..3]} {hiragana[3..]}");
        var byDate = await SearchAsync(coordinator, "1931-02-03");
        var forStranger = await SearchAsync(stranger, kana);

        Assert.HasCount(1, byHiragana);
        Assert.AreEqual(caseId, byHiragana[0].GetProperty("caseIds")[0].GetString());
        Assert.IsTrue(byDate.Any(p => p.GetProperty("person").GetProperty("kana").GetString() == kana));
        Assert.IsEmpty(forStranger, "someone with no case of the person's they may see does not learn the person exists");
    }

    [TestMethod]
    public async Task SearchPeople_CasesSeenThroughEachAccessRule_FindsExactlyTheCasesEachCallerMayOpen()
    {
        using var worker = TsunaguHost.Client(Worker);
        using var ikiiki = TsunaguHost.Client(Stranger);
        using var coordinator = TsunaguHost.Client(Coordinator);
        var kana = UniqueKana();
        var notShared = await StartAsync(worker, Intake(NewPerson(kana + "ア")));
        var referredToGroup = await StartAsync(ikiiki, JsonSerializer.Serialize(new
        {
            window = "小金高齢者いきいき安心センター",
            consultation = JsonDocument.Parse(EightyFiftyConsultation).RootElement,
            person = NewPerson(kana + "イ"),
            route = "家族",
        }));
        var discussed = await StartAsync(worker, Intake(NewPerson(kana + "ウ")));
        var meetingId = await CreateMeetingAsync(coordinator, "支援会議", discussed, "kikan-coco-caseworker", "ikiiki-mei1-supervisor");
        using (var member = TsunaguHost.Client("kikan-coco-caseworker"))
        {
            Assert.AreEqual(HttpStatusCode.OK, (await TsunaguHost.SendAsync(member, HttpMethod.Post, $"/api/meetings/{meetingId}/acknowledgement")).Status);
        }

        string[] cases = [notShared, referredToGroup, discussed];
        foreach (var user in new[] { Worker, Stranger, Coordinator, "kikan-coco-caseworker", "ikiiki-mei1-supervisor", "jiritsu-supervisor" })
        {
            using var client = TsunaguHost.Client(user);
            var opened = new List<string>();
            foreach (var caseId in cases)
            {
                if ((await TsunaguHost.SendAsync(client, HttpMethod.Get, $"/api/cases/{caseId}")).Status == HttpStatusCode.OK)
                {
                    opened.Add(caseId);
                }
            }

            CollectionAssert.AreEquivalent(opened, await FoundCasesAsync(client, kana), user);
        }

        CollectionAssert.AreEquivalent(cases, await FoundCasesAsync(coordinator, kana));
        CollectionAssert.AreEquivalent(new[] { notShared, discussed }, await FoundCasesAsync(worker, kana), "the intakes only: consent unknown shares nothing");
        using var core = TsunaguHost.Client("kikan-coco-caseworker");
        CollectionAssert.AreEquivalent(new[] { referredToGroup, discussed }, await FoundCasesAsync(core, kana), "through its group, and through the meeting it acknowledged");
    }

    private static async Task<List<string>> FoundCasesAsync(HttpClient client, string kana) =>
        [.. (await SearchAsync(client, kana)).SelectMany(p => p.GetProperty("caseIds").EnumerateArray().Select(c => c.GetString()!))];

    [TestMethod]
    public async Task PostCase_KnownPersonId_SecondIntakeLinksToTheSamePerson()
    {
        using var worker = TsunaguHost.Client(Worker);
        var kana = UniqueKana();
        var first = await StartAsync(worker, Intake(NewPerson(kana)));
        var personId = (await SearchAsync(worker, kana)).Single().GetProperty("person").GetProperty("id").GetString();

        var second = await StartAsync(worker, Intake(new { personId }, route: "本人"));

        var found = (await SearchAsync(worker, kana)).Single();
        CollectionAssert.AreEquivalent(new[] { first, second }, found.GetProperty("caseIds").EnumerateArray().Select(c => c.GetString()).ToList());
        var (_, view) = await TsunaguHost.SendAsync(worker, HttpMethod.Get, $"/api/cases/{second}");
        Assert.AreEqual(personId, view.GetProperty("subject").GetProperty("person").GetProperty("id").GetString());
        Assert.AreEqual("本人", view.GetProperty("subject").GetProperty("route").GetString());
    }

    [TestMethod]
    public async Task PostCase_PersonIdTheCallerMayNotSee_Is422AndStartsNothing()
    {
        using var worker = TsunaguHost.Client(Worker);
        using var stranger = TsunaguHost.Client(Stranger);
        var kana = UniqueKana();
        await StartAsync(worker, Intake(NewPerson(kana)));
        var personId = (await SearchAsync(worker, kana)).Single().GetProperty("person").GetProperty("id").GetString();

        var (status, problem) = await TsunaguHost.SendAsync(stranger, HttpMethod.Post, "/api/cases", Intake(new { personId }, window: "小金高齢者いきいき安心センター"));

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, status, problem.ToString());
        Assert.AreEqual("person.personId", problem.GetProperty("field").GetString());
        Assert.HasCount(1, (await SearchAsync(worker, kana)).Single().GetProperty("caseIds").EnumerateArray().ToList());
    }

    [TestMethod]
    [DataRow("""{ "kana": "マツド" }""", "person.name")]
    [DataRow("""{ "name": "松戸 太郎", "kana": "Matsudo" }""", "person.kana")]
    [DataRow("""{ "name": "松戸 太郎", "kana": "マツド", "birthDate": "2999-01-01" }""", "person.birthDate")]
    [DataRow("""{ "name": "松戸 太郎", "kana": "マツド", "birthDate": "1/2/1950" }""", "person.birthDate")]
    [DataRow("""{ "name": "松戸 太郎", "kana": "マツド", "nickname": "たろう" }""", "person")]
    [DataRow("""{ "personId": "x", "name": "松戸 太郎" }""", "person.personId")]
    [DataRow("""{ "name": "松戸 太郎", "kana": "マツド", "household": [ { "name": "花子" } ] }""", "person.household[0].relation")]
    [DataRow("""{ "name": "松戸 太郎", "kana": "マツド", "household": [ { "relation": "母", "kana": "Hanako" } ] }""", "person.household[0].kana")]
    [DataRow("""{ "name": "", "kana": "マツド" }""", "person.name")]
    [DataRow("""{ "name": "㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿", "kana": "マツド" }""", "person.name")]
    public async Task PostCase_BadPerson_Is400NamingTheField(string person, string field)
    {
        using var worker = TsunaguHost.Client(Worker);

        var (status, problem) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", Intake(JsonDocument.Parse(person).RootElement));

        Assert.AreEqual(HttpStatusCode.BadRequest, status, problem.ToString());
        StringAssert.StartsWith(problem.GetProperty("field").GetString(), field);
    }

    [TestMethod]
    public async Task PostCase_UnknownRoute_Is400NamingRoute()
    {
        using var worker = TsunaguHost.Client(Worker);

        var (status, problem) = await TsunaguHost.SendAsync(worker, HttpMethod.Post, "/api/cases", Intake(NewPerson(UniqueKana()), route: "友人"));

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.AreEqual("route", problem.GetProperty("field").GetString());
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("?q=")]
    [DataRow("?q=%20%E3%80%80")]
    public async Task SearchPeople_EmptyQuery_Is400NamingQ(string query)
    {
        using var worker = TsunaguHost.Client(Worker);

        var (status, problem) = await TsunaguHost.SendAsync(worker, HttpMethod.Get, $"/api/people{query}");

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.AreEqual("q", problem.GetProperty("field").GetString());
    }

    [TestMethod]
    public async Task SearchPeople_TooLongQuery_Is400()
    {
        using var worker = TsunaguHost.Client(Worker);

        var (status, _) = await TsunaguHost.SendAsync(worker, HttpMethod.Get, $"/api/people?q={new string('ア', 101)}");

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
    }

    [TestMethod]
    public async Task SearchPeople_LikeWildcards_AreTakenLiterally()
    {
        using var worker = TsunaguHost.Client(Worker);
        await StartAsync(worker, Intake(NewPerson(UniqueKana())));

        Assert.IsEmpty(await SearchAsync(worker, "%"));
        Assert.IsEmpty(await SearchAsync(worker, "_"));
    }

    [TestMethod]
    public async Task Timeline_EightyFiftyWithConsentChangeAndMeeting_OneOrderedListOfThisCaseOnly()
    {
        using var coordinator = TsunaguHost.Client(Coordinator);
        var caseId = await StartEightyFiftyAsync();
        var other = await StartEightyFiftyAsync();
        await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, $"/api/cases/{caseId}/consent", """{ "status": "withdrawn", "scope": [], "evidence": "電話で撤回" }""");
        var body = JsonSerializer.Serialize(new { kind = "支援会議", date = "2026-12-10", caseIds = new[] { caseId, other }, members = new[] { Coordinator } });
        var (_, meeting) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Post, "/api/meetings", body);

        var (status, timeline) = await TsunaguHost.SendAsync(coordinator, HttpMethod.Get, $"/api/cases/{caseId}/timeline");

        Assert.AreEqual(HttpStatusCode.OK, status, timeline.ToString());
        var entries = timeline.EnumerateArray().ToList();
        var kinds = entries.Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.AreEqual("intake", kinds[0]);
        Assert.IsLessThan(kinds.IndexOf("consent"), kinds.IndexOf("routing"));
        Assert.IsLessThan(kinds.IndexOf("meeting"), kinds.IndexOf("consent"), "the meeting is dated in the future");
        CollectionAssert.Contains(kinds, "task-created");
        var routing = entries.First(e => e.GetProperty("kind").GetString() == "routing").GetProperty("detail").GetString()!;
        StringAssert.StartsWith(routing, "多機関協働");
        StringAssert.Contains(routing, "基幹相談支援センター");
        StringAssert.Contains(entries.First(e => e.GetProperty("kind").GetString() == "consent").GetProperty("detail").GetString(), "withdrawn");
        StringAssert.Contains(entries.Single(e => e.GetProperty("kind").GetString() == "meeting").GetProperty("detail").GetString(), meeting.GetProperty("meetingId").GetString()!);
        var times = entries.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        CollectionAssert.AreEqual(times.Order().ToList(), times);
        Assert.IsFalse(timeline.ToString().Contains(other, StringComparison.Ordinal), "no trace of the other case on the meeting's agenda");
    }

    [TestMethod]
    public async Task Timeline_CaseTheCallerMayNotSee_Is404LikeAMissingOne()
    {
        var caseId = await StartEightyFiftyAsync();
        using var stranger = TsunaguHost.Client(Worker);

        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(stranger, HttpMethod.Get, $"/api/cases/{caseId}/timeline")).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await TsunaguHost.SendAsync(stranger, HttpMethod.Get, "/api/cases/no-such-case/timeline")).Status);
    }
}
