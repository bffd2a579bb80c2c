using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.People;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Storage;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Bench;

/// <summary>
/// The case search at scale, as a caseworker runs it: <see cref="PeopleService.SearchAsync"/> over the domain store with
/// the visibility filter (the candidates' instance keys, then the instances of those that name the caller). One real case is started through the case path on
/// the benchmark's store; its stored state is the template of every bulk-loaded case (its id, case id and intake
/// caseworker replaced), so the filter reads real case variables; each case's instance keys are the domain's own
/// (<see cref="CaseAccess.InstanceKeys"/> over the template's variables with its intake caseworker). Cases are about people of <see cref="PeopleSeed"/>
/// (85 people to 100 cases: some have two), case i taken in by <c>user-(i mod users)</c>.
/// </summary>
internal sealed class CaseSearchBench(StoredInstance template, IReadOnlyDictionary<string, JsonNode?> variables, PeopleService people, SeededPerson[] seeded, int users)
{
    public const string Tenant = "matsudo";
    private const string TemplateCase = "case-template";
    private const string TemplateUser = "template-caseworker";

    private readonly StoredInstance _template = template;
    private readonly PeopleService _people = people;
    private readonly SeededPerson[] _seeded = seeded;
    private readonly int _users = users;
    private readonly IReadOnlyDictionary<string, JsonNode?> _variables = variables;
    private readonly Dictionary<string, string[]> _keys = new(StringComparer.Ordinal);

    /// <summary>Starts the template case on <paramref name="store"/> and wires the people search over <paramref name="domain"/>.</summary>
    public static async Task<CaseSearchBench> PrepareAsync(IProcessStore store, CaseStore domain, int cases, int users)
    {
        await domain.MigrateAsync(CancellationToken.None);
        var catalog = new PackCatalog();
        var served = new ServedPack(catalog, Tenant);
        var pack = served.Current;
        var time = TimeProvider.System;
        var engine = CaseEngine.Create(store, pack, time, domain);
        var caseService = new CaseService(engine, CaseSettings.FromPack(pack), time);
        await caseService.DeployAsync(ShippedWorkflows.Get("case-path.bpmn"));
        var handle = await caseService.StartCaseAsync(
            new CaseIntake
            {
                CaseId = TemplateCase,
                Person = new JsonObject { ["age"] = 52, ["area"] = "小金", ["concerns"] = new JsonArray("hikikomori") },
                Household = [new JsonObject { ["relation"] = "mother", ["age"] = 80 }],
                Consent = CaseProcess.Consent.Granted,
                Window = "福祉まるごと相談窓口",
                Route = "電話",
            },
            TemplateUser);
        var template = await store.LoadInstanceAsync(handle.InstanceId, CancellationToken.None) ?? throw new InvalidOperationException("The template case was not stored.");
        var variables = (await engine.GetInstanceAsync(handle.InstanceId) ?? throw new InvalidOperationException("The template case was not stored.")).Variables;
        var files = new CaseFiles(engine, domain, domain, domain, domain, caseService, served, time);
        return new CaseSearchBench(template, variables, new PeopleService(domain, files, served, time), [.. PeopleSeed.People(cases * 85 / 100, pack.Settings.Areas)], users);
    }

    public IReadOnlyList<SeededPerson> People => _seeded;

    public static string IntakeBy(int caseIndex, int users) => $"user-{caseIndex % users}";

    public SeededPerson PersonOf(int caseIndex) => _seeded[caseIndex % _seeded.Length];

    /// <summary>The template's stored state as case <paramref name="caseId"/> (instance <paramref name="id"/>) taken in by <paramref name="intakeBy"/>.</summary>
    public string StateOf(Guid id, string caseId, string intakeBy) => _template.StateJson
        .Replace(_template.Id.ToString("D"), id.ToString("D"), StringComparison.Ordinal)
        .Replace(TemplateCase, caseId, StringComparison.Ordinal)
        .Replace(TemplateUser, intakeBy, StringComparison.Ordinal);

    /// <summary>The instance keys of a case taken in by <paramref name="intakeBy"/>, by the domain's own function over the template's variables.</summary>
    public IReadOnlyList<string> KeysOf(string intakeBy)
    {
        if (!_keys.TryGetValue(intakeBy, out var keys))
        {
            var taken = new Dictionary<string, JsonNode?>(_variables, StringComparer.Ordinal) { [CaseProcess.Variables.IntakeBy] = intakeBy };
            _keys[intakeBy] = keys = [.. CaseAccess.InstanceKeys(CaseProcess.Key, taken)];
        }

        return keys;
    }

    public static void LoadPeople(SqliteConnection connection, SqliteTransaction transaction, CaseSearchBench bench, IReadOnlyList<string> caseIds, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(bench);
        using var person = InboxHarness.Insert(connection, transaction, "people", "id", "name", "kana", "name_key", "kana_key", "birth_date", "address", "area", "contact", "created_at", "created_by");
        using var link = InboxHarness.Insert(connection, transaction, "case_people", "case_id", "person_id", "route", "household", "recorded_at");
        var time = Tsunagu.Engine.Storage.Sqlite.SqliteValues.Time(at);
        foreach (var p in bench._seeded)
        {
            InboxHarness.Run(person, p.Id, p.Name, p.Kana, NameKey.Of(p.Name), NameKey.Of(p.Kana), p.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                p.Address, p.Area, null, time, "bench");
        }

        for (var i = 0; i < caseIds.Count; i++)
        {
            InboxHarness.Run(link, caseIds[i], bench.PersonOf(i).Id, "本人", "[]", time);
        }
    }

    public static async Task LoadPeopleAsync(NpgsqlConnection connection, CaseSearchBench bench, IReadOnlyList<string> caseIds, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(bench);
        await using (var people = await connection.BeginBinaryImportAsync(
            "COPY people (id, name, kana, name_key, kana_key, birth_date, address, area, contact, created_at, created_by) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in bench._seeded)
            {
                await people.WriteRowAsync(CancellationToken.None, p.Id, p.Name, p.Kana, NameKey.Of(p.Name), NameKey.Of(p.Kana), p.BirthDate, p.Address, p.Area, DBNull.Value, at.UtcDateTime, "bench");
            }

            await people.CompleteAsync();
        }

        await using (var links = await connection.BeginBinaryImportAsync("COPY case_people (case_id, person_id, route, household, recorded_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < caseIds.Count; i++)
            {
                await links.WriteRowAsync(CancellationToken.None, caseIds[i], bench.PersonOf(i).Id, "本人", "[]", at.UtcDateTime);
            }

            await links.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE people; ANALYZE case_people", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Times the search as a caseworker (who sees the cases they took in) and as a coordinator (who sees every case):
    /// a family name in カナ, a full name in カナ, a full name in kanji, a date of birth, and a new person's name, which
    /// finds nobody (the duplicate check at every intake).
    /// </summary>
    public async Task MeasureAsync(int queries)
    {
        var random = new Random(31);
        var families = PeopleSeed.Families;
        SeededPerson Someone() => _seeded[random.Next(_seeded.Length)];
        var kinds = new (string Label, Func<string> Query)[]
        {
            ("family name カナ", () => Someone().Kana.Split(' ')[0]),
            ("full name カナ", () => Someone().Kana),
            ("full name 漢字", () => Someone().Name.Replace(" ", "", StringComparison.Ordinal)),
            ("date of birth", () => Someone().BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("new person (no match)", () => $"{families[random.Next(families.Count)].Kana} {PeopleSeed.Unseen[random.Next(PeopleSeed.Unseen.Count)].Kana}"),
        };
        var callers = new (string Label, Func<Caller> Caller)[]
        {
            ("caseworker", () => new Caller(IntakeBy(random.Next(_users), _users), "bench-institution", new HashSet<string> { StaffRoles.Caseworker })),
            ("coordinator", () => new Caller("bench-coordinator", "地域包括ケア推進課", new HashSet<string> { StaffRoles.Coordinator })),
        };
        foreach (var (who, caller) in callers)
        {
            foreach (var (what, query) in kinds)
            {
                await InboxHarness.MeasureAsync($"search, {who}, {what}", queries, async () => (await _people.SearchAsync(query(), caller(), null, null, CancellationToken.None)).Items.Count);
            }
        }
    }
}
