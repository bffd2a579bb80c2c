using Dapper;
using Npgsql;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Storage.PostgreSql;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;

namespace Tsunagu.Storage.Tests;

/// <summary>
/// Row-level security beneath the application (ADR 0019): in a schema of its own, 松戸's stores write a row into the
/// engine's and the domain's tables; sessions of 市川 and sessions without a tenant then read every table the catalog
/// lists. Skipped without TSUNAGU_POSTGRES.
/// </summary>
[TestClass]
public sealed class TenancyTests
{
    private const string Owner = "matsudo";
    private const string Other = "ichikawa";
    private const string Policy = "(tenant_id = current_setting('tsunagu.tenant'::text, true))";

    // The tables the stores below write a row into: the isolation checks are not vacuous on them.
    private static readonly string[] Written =
        ["deployments", "instances", "tasks", "task_candidates", "jobs", "subscriptions", "history", "audit_log", "waits", "accounts", "sign_in_failures", "idempotency_keys"];

    private string _schema = "";

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public async Task CreateSchemaAsync()
    {
        if (TestServers.PostgreSql.SkipReason is { } reason)
        {
            Assert.Inconclusive(reason);
        }

        _schema = "t_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(TestServers.PostgreSql.ServerConnectionString);
        await connection.ExecuteAsync($"CREATE SCHEMA {_schema}");
    }

    [TestMethod]
    public async Task Catalog_EveryTable_HasATenantColumnAndForcedPolicy()
    {
        await using var store = await OpenAsync(Owner);
        await using var connection = Session(Owner);

        var tables = await TablesAsync(connection);
        var policies = (await connection.QueryAsync<(string Table, string Qual, string Check)>(
            "SELECT tablename, qual, with_check FROM pg_policies WHERE schemaname = current_schema()")).ToLookup(p => p.Table);
        var tenantColumns = (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'tenant_id' AND is_nullable = 'NO'")).ToHashSet();
        var forced = (await connection.QueryAsync<string>(
            "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relrowsecurity AND relforcerowsecurity")).ToHashSet();

        CollectionAssert.IsSubsetOf(Written, tables.ToList());
        foreach (var table in tables)
        {
            Assert.Contains(table, tenantColumns, $"{table} has a tenant column");
            Assert.Contains(table, forced, $"{table} enables and forces row-level security");
            var policy = policies[table].Single();
            Assert.AreEqual(Policy, policy.Qual, table);
            Assert.AreEqual(Policy, policy.Check, table);
        }
    }

    [TestMethod]
    public async Task Sessions_OfAnotherTenantOrNone_SeeNoneOfATenantsRowsInAnyTable()
    {
        await using (var store = await OpenAsync(Owner))
        {
            await WriteEveryKindAsync(store);
        }

        await using var owner = Session(Owner);
        await using var other = Session(Other);
        await using var none = Session(null);
        foreach (var table in await TablesAsync(owner))
        {
            Assert.AreEqual(0, await CountAsync(other, table), $"{Other} sees none of {table}");
            Assert.AreEqual(0, await CountAsync(none, table), $"no tenant sees none of {table}");
        }

        foreach (var table in Written)
        {
            Assert.IsGreaterThan(0, await CountAsync(owner, table), $"{Owner} sees its own {table}");
        }

        Assert.AreEqual(0, await other.ExecuteAsync("UPDATE accounts SET name = 'x'"), "nor changes them");
        Assert.AreEqual(0, await other.ExecuteAsync("DELETE FROM jobs"), "nor deletes them");
    }

    [TestMethod]
    public async Task Insert_RowOfAnotherTenant_RefusedByThePolicy()
    {
        await using var store = await OpenAsync(Other);
        await using var session = Session(Other);

        var refused = await Assert.ThrowsExactlyAsync<PostgresException>(() => session.ExecuteAsync(
            "INSERT INTO accounts (tenant_id, id, name, roles, disabled) VALUES (@Owner, 'intruder', 'x', '{}', false)", new { Owner }));

        Assert.AreEqual(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        StringAssert.Contains(refused.MessageText, "row-level security");
    }

    [TestMethod]
    public async Task Write_WithoutATenant_Refused()
    {
        await (await OpenAsync(Owner)).DisposeAsync();

        await using var store = new PostgreSqlProcessStore(InSchema(TestServers.PostgreSql.ServerConnectionString!));
        var refused = await Assert.ThrowsExactlyAsync<PostgresException>(() =>
            store.AddDeploymentAsync("leave-request", "<xml/>", "h1", null, StoreSamples.T0, TestContext.CancellationToken));

        Assert.AreEqual(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState, "no tenant matches a row without one");
    }

    [TestMethod]
    public async Task Keys_NamesOfTwoTenants_IndependentVersionsAccountsAndAuditChains()
    {
        await using var owner = await OpenAsync(Owner);
        await using var other = await OpenAsync(Other);
        var ct = TestContext.CancellationToken;

        var first = await owner.Engine.AddDeploymentAsync("case-path", "<a/>", "a", null, StoreSamples.T0, ct);
        var second = await other.Engine.AddDeploymentAsync("case-path", "<b/>", "b", null, StoreSamples.T0, ct);
        Assert.AreEqual(1, first.Version);
        Assert.AreEqual(1, second.Version, "each municipality has its own version 1");
        Assert.AreEqual("<b/>", (await other.Engine.GetDeploymentAsync("case-path", null, ct))!.Xml);

        Assert.IsTrue(await owner.Domain.AddAsync(Account("coordinator", "松戸"), ct));
        Assert.IsTrue(await other.Domain.AddAsync(Account("coordinator", "市川"), ct), "the same account id in another municipality");
        Assert.AreEqual("市川", (await other.Domain.FindAsync("coordinator", ct))!.Name);

        await owner.Engine.AppendAuditAsync([Audit("a1"), Audit("a2")], ct);
        await other.Engine.AppendAuditAsync([Audit("b1")], ct);
        var chain = await other.Engine.ReadAuditAsync(0, 10, null, ct);
        Assert.AreEqual("1 b1 " + AuditChain.Genesis, string.Join(' ', chain.Select(e => $"{e.Sequence} {e.Record.Action} {e.PreviousHash}")), "a chain of its own from the start");
        Assert.AreEqual(2, (await owner.Engine.ReadAuditAsync(0, 10, null, ct)).Count);
    }

    [TestMethod]
    public async Task ClaimDueJobs_TimerOfAnotherTenantDue_ClaimedOnlyByItsOwnTenant()
    {
        await using var owner = await OpenAsync(Owner);
        await using var other = await OpenAsync(Other);
        var state = StoreSamples.Instance();
        var job = StoreSamples.Job(StoreSamples.T0);
        state.Jobs.Add(job);
        await owner.Engine.CommitAsync(StoreSamples.New(state), TestContext.CancellationToken);
        var later = StoreSamples.T0.AddHours(1);

        var claimedByOther = await other.Engine.ClaimDueJobsAsync(later, TimeSpan.FromMinutes(5), 10, TestContext.CancellationToken);
        var claimedByOwner = await owner.Engine.ClaimDueJobsAsync(later, TimeSpan.FromMinutes(5), 10, TestContext.CancellationToken);

        Assert.IsEmpty(claimedByOther, "市川's scheduler never runs 松戸's timer");
        Assert.AreEqual(job.Id, claimedByOwner.Single().JobId);
    }

    [TestMethod]
    public async Task Migrate_RowsWrittenBeforeTenancy_BelongToTheMigratingTenant()
    {
        var ct = TestContext.CancellationToken;
        var untenanted = InSchema(TestServers.PostgreSql.ServerConnectionString!);
        await using (var before = new PostgreSqlProcessStore(untenanted))
        {
            var domain = new PostgreSqlCaseStore(before.DataSource, TimeProvider.System);
            await using (var connection = await before.DataSource.OpenConnectionAsync(ct))
            {
                var engineScripts = MigrationScripts.Load(typeof(PostgreSqlProcessStore).Assembly, "Tsunagu.Migrations.").Where(s => s.Version < 6);
                await ServerSchemaMigrator.MigrateAsync(connection, PostgreSqlProcessStore.Dialect, [.. engineScripts, .. domain.Scripts.Where(s => s.Version < 1008)], TimeProvider.System, ct);
                await connection.ExecuteAsync("INSERT INTO accounts (id, name, roles, disabled) VALUES ('coordinator', '以前から', '{}', false)");
            }

            await before.AddDeploymentAsync("case-path", "<old/>", "old", null, StoreSamples.T0, ct);
        }

        await using var after = await OpenAsync(Other);

        Assert.AreEqual("<old/>", (await after.Engine.GetDeploymentAsync("case-path", null, ct))!.Xml);
        Assert.AreEqual("以前から", (await after.Domain.FindAsync("coordinator", ct))!.Name);
        await using var owner = Session(Owner);
        Assert.AreEqual(0, await CountAsync(owner, "deployments") + await CountAsync(owner, "accounts"), "none became another tenant's");
    }

    [TestMethod]
    public async Task Session_PooledAfterChangingItsTenant_ResetToTheConnectionsTenant()
    {
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(SessionString(Owner)) { MaxPoolSize = 1 }.ConnectionString);
        int backend;
        await using (var connection = await dataSource.OpenConnectionAsync(TestContext.CancellationToken))
        {
            backend = connection.ProcessID;
            await connection.ExecuteAsync("SELECT set_config('tsunagu.tenant', @Other, false)", new { Other });
            Assert.AreEqual(Other, await connection.ExecuteScalarAsync<string>("SELECT current_setting('tsunagu.tenant')"));
        }

        await using var pooled = await dataSource.OpenConnectionAsync(TestContext.CancellationToken);

        Assert.AreEqual(backend, pooled.ProcessID, "the same server session, from the pool");
        Assert.AreEqual(Owner, await pooled.ExecuteScalarAsync<string>("SELECT current_setting('tsunagu.tenant')"));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("matsudo -c search_path=x")]
    [DataRow("Matsudo")]
    public void ConnectionString_TenantNotAPackId_Refused(string tenant)
    {
        Assert.ThrowsExactly<ArgumentException>(() => PostgreSqlTenancy.ConnectionString("Host=127.0.0.1", tenant));
    }

    private static StaffAccount Account(string id, string name) => new() { Id = id, Name = name, Roles = ["coordinator"] };

    private static AuditRecord Audit(string action) => new(StoreSamples.T0, "someone", "coordinator", action, null, null, 0, "テスト");

    private static async Task<IReadOnlyList<string>> TablesAsync(NpgsqlConnection connection) => [.. await connection.QueryAsync<string>(
        "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND relname <> 'schema_version' ORDER BY relname")];

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table) =>
        await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");

    private async Task WriteEveryKindAsync(Stores store)
    {
        var ct = TestContext.CancellationToken;
        await store.Engine.AddDeploymentAsync("leave-request", "<xml/>", "h1", null, StoreSamples.T0, ct);
        var state = StoreSamples.Instance();
        state.Tasks.Add(StoreSamples.UserTask(StoreSamples.T0, institutions: ["窓口"]));
        state.Jobs.Add(StoreSamples.Job(StoreSamples.T0));
        state.Subscriptions.Add(StoreSamples.Subscription(SubscriptionKind.Message, "reply"));
        var commit = StoreSamples.New(state, StoreSamples.Event(state, HistoryKind.InstanceStarted, 0));
        await store.Engine.CommitAsync(commit with { Audit = [Audit("start")] }, ct);
        await store.Domain.AddAsync(Account("coordinator", "松戸"), ct);
        await store.Domain.SetFailuresAsync(new SignInFailures("coordinator", 1, StoreSamples.T0, null), ct);
        await store.Domain.ReserveAsync("coordinator", "key-1", "{}", StoreSamples.T0, StoreSamples.T0.AddDays(-1), StoreSamples.T0.AddDays(-1), ct);
    }

    private async Task<Stores> OpenAsync(string tenant)
    {
        var engine = await PostgreSqlProcessStore.OpenAsync(SessionString(tenant), TestContext.CancellationToken);
        var domain = new PostgreSqlCaseStore(engine.DataSource, TimeProvider.System);
        await domain.MigrateAsync(TestContext.CancellationToken);
        return new Stores(engine, domain);
    }

    private NpgsqlConnection Session(string? tenant)
    {
        var connection = new NpgsqlConnection(tenant is null ? InSchema(TestServers.PostgreSql.ServerConnectionString!) : SessionString(tenant));
        connection.Open();
        return connection;
    }

    private string SessionString(string tenant) => PostgreSqlTenancy.ConnectionString(InSchema(TestServers.PostgreSql.ServerConnectionString!), tenant);

    private string InSchema(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = _schema }.ConnectionString;

    private sealed record Stores(PostgreSqlProcessStore Engine, PostgreSqlCaseStore Domain) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Engine.DisposeAsync();
    }
}
