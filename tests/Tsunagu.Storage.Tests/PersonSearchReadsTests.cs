using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.People;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Storage.Sqlite;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Storage.Tests;

/// <summary>
/// The person search reads instance states only of the cases whose keys name the caller (ADR 0027): none for a
/// coordinator, the caller's own for a caseworker, on the real case path over SQLite.
/// </summary>
[TestClass]
public sealed class PersonSearchReadsTests
{
    private const string Family = "ヨミテスト";
    private static readonly string[] Caseworkers = ["u-a", "u-b", "u-c"];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task SearchAsync_CoordinatorAndCaseworker_ReadOnlyTheStatesOfCasesNamingTheCaller()
    {
        var path = TempDatabase.NewPath("search-reads");
        try
        {
            var ct = TestContext.CancellationToken;
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
            var connectionString = $"Data Source={path}";
            await using var sqlite = await SqliteProcessStore.OpenAsync(connectionString, ct, time);
            var store = new ReadCountingStore(sqlite);
            var domain = new SqliteCaseStore(connectionString, time);
            await domain.MigrateAsync(ct);
            var served = new ServedPack(new PackCatalog(), "matsudo");
            var engine = CaseEngine.Create(store, served.Current, time, domain);
            var cases = new CaseService(engine, CaseSettings.FromPack(served.Current), time);
            await cases.DeployAsync(ShippedWorkflows.Get("case-path.bpmn"));
            var caseIds = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var intakeBy in Caseworkers)
            {
                var handle = await cases.StartCaseAsync(Intake(), intakeBy, ct);
                var person = new PersonRecord($"p-{intakeBy}", "読 太郎", $"{Family} タロウ", null, null, null, null, time.GetUtcNow(), intakeBy);
                await domain.AddCasePersonAsync(person, true, new CasePerson(handle.CaseId, person.Id, "本人", [], time.GetUtcNow()), ct);
                caseIds[intakeBy] = handle.CaseId;
            }

            var people = new PeopleService(domain, new CaseFiles(engine, domain, domain, domain, domain, cases, served, time), served, time);
            store.Reads.Clear();

            var coordinator = await people.SearchAsync(Family, new Caller("coordinator", "地域包括ケア推進課", new HashSet<string> { StaffRoles.Coordinator }), null, null, ct);
            var coordinatorReads = store.Reads.ToList();
            var caseworker = await people.SearchAsync(Family, new Caller("u-b", "松戸市自立相談支援センター", new HashSet<string> { StaffRoles.Caseworker }), null, null, ct);

            Assert.HasCount(3, coordinator.Items);
            Assert.IsEmpty(coordinatorReads, "a coordinator sees every case: no state is read");
            Assert.AreEqual(caseIds["u-b"], caseworker.Items.Single().CaseIds.Single());
            CollectionAssert.AreEqual(new[] { caseIds["u-b"] }, store.Reads.ToArray(), "only the case whose key names the caseworker is read");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDatabase.Delete(path);
        }
    }

    private static CaseIntake Intake() => new()
    {
        Person = new JsonObject { ["age"] = 40, ["area"] = "小金", ["concerns"] = new JsonArray("poverty") },
        Household = [],
        Consent = CaseProcess.Consent.NotGranted,
        Window = "松戸市自立相談支援センター",
        Route = "本人",
    };

    /// <summary>Records the business keys whose states a caller reads in bulk, and every single load by id.</summary>
    private sealed class ReadCountingStore(IProcessStore inner) : DelegatingProcessStore(inner)
    {
        public List<string> Reads { get; } = [];

        public override Task<IReadOnlyList<StoredInstance>> FindInstancesAsync(string processKey, IReadOnlyCollection<string> businessKeys, CancellationToken cancellationToken)
        {
            Reads.AddRange(businessKeys);
            return base.FindInstancesAsync(processKey, businessKeys, cancellationToken);
        }

        public override Task<StoredInstance?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken)
        {
            Reads.Add(instanceId.ToString());
            return base.LoadInstanceAsync(instanceId, cancellationToken);
        }
    }
}
