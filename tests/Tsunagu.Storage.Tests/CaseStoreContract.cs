using Microsoft.Data.Sqlite;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Requests;
using Tsunagu.Cases.Storage;
using Tsunagu.Cases.Storage.PostgreSql;
using Tsunagu.Cases.Storage.Sqlite;
using Tsunagu.Cases.Storage.SqlServer;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;
using Tsunagu.Engine.Storage.Sqlite;
using Tsunagu.Engine.Storage.SqlServer;
using static Tsunagu.Storage.Tests.StoreSamples;

namespace Tsunagu.Storage.Tests;

/// <summary>
/// Every behaviour of the domain's store (accounts, sign-in failures, meetings, idempotency keys, people, plans, notes,
/// notifications, the register) on each provider, in the database the engine's store migrated first. Ids are fresh
/// per test (and indicator windows a year of their own), so one database serves the class.
/// </summary>
public abstract partial class CaseStoreContract
{
    public TestContext TestContext { get; set; } = null!;

    protected CancellationToken Ct => TestContext.CancellationToken;

    protected virtual string? SkipReason => null;

    private CaseStore Accounts => _stores.Domain;

    private CaseStore Meetings => _stores.Domain;

    private CaseStore Keys => _stores.Domain;

    private (CaseStore Domain, IAuditStore Audit, IAsyncDisposable? Engine) _stores;

    [TestInitialize]
    public async Task OpenAsync()
    {
        if (SkipReason is { } reason)
        {
            Assert.Inconclusive(reason);
        }

        _stores = await OpenStoresAsync(Ct);
        await _stores.Domain.MigrateAsync(Ct);
    }

    [TestCleanup]
    public async Task CloseAsync()
    {
        if (_stores.Engine is not null)
        {
            await _stores.Engine.DisposeAsync();
        }
    }

    /// <summary>The domain store (migrated next), the engine's migrated audit store over the same database, and what to dispose.</summary>
    protected abstract Task<(CaseStore Domain, IAuditStore Audit, IAsyncDisposable? Engine)> OpenStoresAsync(CancellationToken cancellationToken);

    [TestMethod]
    public async Task AddAsync_NewId_FindReturnsEveryField()
    {
        var account = Account();

        Assert.IsTrue(await Accounts.AddAsync(account, Ct));

        AssertSame(account, await Accounts.FindAsync(account.Id, Ct));
        AssertSame(account, await Accounts.FindByExternalSubjectAsync(account.ExternalSubject!, Ct));
        Assert.IsTrue((await Accounts.ListAsync(Ct)).Any(a => a.Id == account.Id));
    }

    [TestMethod]
    public async Task AddAsync_TakenId_ReturnsFalseAndKeepsFirst()
    {
        var account = Account();
        await Accounts.AddAsync(account, Ct);

        Assert.IsFalse(await Accounts.AddAsync(account with { Name = "other" }, Ct));
        Assert.AreEqual(account.Name, (await Accounts.FindAsync(account.Id, Ct))!.Name);
    }

    [TestMethod]
    public async Task UpdateAsync_ChangedAccount_FindReturnsChange()
    {
        var account = Account();
        await Accounts.AddAsync(account, Ct);
        var changed = account with { Roles = ["supervisor"], Disabled = true, Area = null };

        await Accounts.UpdateAsync(changed, Ct);

        AssertSame(changed, await Accounts.FindAsync(account.Id, Ct));
    }

    [TestMethod]
    public async Task SetFailuresAsync_ThenClear_ReadsBackAndForgets()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");
        var failures = new SignInFailures(user, 3, T0, T0.AddMinutes(15));

        await Accounts.SetFailuresAsync(failures with { Count = 1, LockedUntil = null }, Ct);
        await Accounts.SetFailuresAsync(failures, Ct);
        var read = await Accounts.GetFailuresAsync(user, Ct);
        await Accounts.ClearFailuresAsync(user, Ct);

        Assert.AreEqual(failures, read);
        Assert.IsNull(await Accounts.GetFailuresAsync(user, Ct));
    }

    [TestMethod]
    public async Task AddMeetingAsync_TwoCases_FoundByIdAndByEachCase()
    {
        var meeting = Meeting();

        await Meetings.AddMeetingAsync(meeting, Ct);

        Assert.AreEqual(Describe(meeting), Describe((await Meetings.FindMeetingAsync(meeting.Id, Ct))!));
        foreach (var caseId in meeting.CaseIds)
        {
            Assert.AreEqual(meeting.Id, (await Meetings.MeetingsForCaseAsync(caseId, Ct)).Single().Id);
        }
    }

    [TestMethod]
    public async Task RecentMeetingsAsync_SeveralDates_ReturnsLatestFirstUpToLimit()
    {
        // Later than any date the other tests of the class write (their indicator years end before 9200).
        var older = Meeting() with { Date = new DateOnly(9999, 12, 30) };
        var latest = Meeting() with { Date = new DateOnly(9999, 12, 31) };
        await Meetings.AddMeetingAsync(older, Ct);
        await Meetings.AddMeetingAsync(latest, Ct);
        await Meetings.AddMeetingAsync(Meeting(), Ct);

        var recent = await Meetings.RecentMeetingsAsync(2, Ct);

        CollectionAssert.AreEqual(new[] { Describe(latest), Describe(older) }, recent.Select(Describe).ToArray());
    }

    [TestMethod]
    public async Task UpdateMeetingAsync_Acknowledged_FindReturnsChange()
    {
        var meeting = Meeting();
        await Meetings.AddMeetingAsync(meeting, Ct);
        var acknowledged = meeting with { Members = [new MeetingMember("aiko", T0.AddHours(1), null)] };

        await Meetings.UpdateMeetingAsync(acknowledged, Ct);

        Assert.AreEqual(Describe(acknowledged), Describe((await Meetings.FindMeetingAsync(meeting.Id, Ct))!));
    }

    [TestMethod]
    public async Task UpdateMeetingAsync_BasedOnAnOlderRevision_RefusedWithoutAuditAndTheNewerChangeStays()
    {
        var meeting = Meeting();
        await Meetings.AddMeetingAsync(meeting, Ct);
        var read = (await Meetings.FindMeetingAsync(meeting.Id, Ct))!;
        var acknowledged = read with { Members = [new MeetingMember("aiko", T0.AddHours(1), null)] };
        var stale = read with { Minutes = "議事録" };

        var acknowledgedWritten = await Meetings.UpdateMeetingAsync(acknowledged, Ct);
        bool staleWritten;
        using (AuditScope.Begin(_ => new AuditRecord(T0, "aiko", "coordinator", "meeting.record", null, meeting.Id, 200, "会議の記録")))
        {
            staleWritten = await Meetings.UpdateMeetingAsync(stale, Ct);
        }

        Assert.IsTrue(acknowledgedWritten);
        Assert.IsFalse(staleWritten);
        var current = (await Meetings.FindMeetingAsync(meeting.Id, Ct))!;
        Assert.AreEqual(Describe(acknowledged), Describe(current));
        Assert.AreEqual(read.Revision + 1, current.Revision);
        Assert.IsFalse((await _stores.Audit.ReadAuditAsync(0, 1_000_000, null, Ct)).Any(e => e.Record.MeetingId == meeting.Id), "a refused write carries no audit record");
    }

    [TestMethod]
    public async Task MeetingsWithPendingDecisionsAsync_DecisionPendingThenDone_ListsTheMeetingOnlyWhilePending()
    {
        var meeting = Meeting();
        await Meetings.AddMeetingAsync(meeting, Ct);
        var decision = new MeetingDecision("d-1", meeting.CaseIds[0], DecisionKind.Closure, null, "評価", "aiko", T0, Pending: true);

        await Meetings.UpdateMeetingAsync(meeting with { Decisions = [decision] }, Ct);
        var whilePending = await Meetings.MeetingsWithPendingDecisionsAsync(Ct);
        await Meetings.UpdateMeetingAsync(meeting with { Decisions = [decision with { Pending = false }], Revision = 1 }, Ct);
        var afterwards = await Meetings.MeetingsWithPendingDecisionsAsync(Ct);

        Assert.IsTrue(whilePending.Single(m => m.Id == meeting.Id).Decisions.Single().Pending);
        Assert.IsFalse(afterwards.Any(m => m.Id == meeting.Id));
        Assert.IsFalse((await Meetings.FindMeetingAsync(meeting.Id, Ct))!.Decisions.Single().Pending);
    }

    [TestMethod]
    public async Task AddMeetingAsync_InAuditScope_AppendsTheScopesRecordOnce()
    {
        var meeting = Meeting();
        using (AuditScope.Begin(_ => new AuditRecord(T0, "aiko", "coordinator", "meeting.create", null, meeting.Id, 201, "会議の設定")))
        {
            await Meetings.AddMeetingAsync(meeting, Ct);
            await Meetings.UpdateMeetingAsync(meeting, Ct);
        }

        var entries = await _stores.Audit.ReadAuditAsync(0, 100_000, null, Ct);

        Assert.AreEqual(1, entries.Count(e => e.Record.MeetingId == meeting.Id));
        Assert.IsNull((await AuditVerifier.VerifyAsync(_stores.Audit, Ct)).Broken);
    }

    [TestMethod]
    public async Task ReserveAsync_SameKeyAgain_HoldsItUntilAnsweredThenGivesTheAnswer()
    {
        var (user, key) = ("aiko", Guid.NewGuid().ToString("N"));
        var answer = new IdempotentResponse(201, """{"caseId":"c-1"}""");

        var first = await Keys.ReserveAsync(user, key, "POST /api/cases", T0, T0.AddDays(-1), T0.AddMinutes(-1), Ct);
        var whileRunning = await Keys.ReserveAsync(user, key, "POST /api/cases", T0, T0.AddDays(-1), T0.AddMinutes(-1), Ct);
        await Keys.CompleteAsync(user, key, answer, Ct);
        var retry = await Keys.ReserveAsync(user, key, "POST /api/cases", T0.AddHours(1), T0.AddHours(1).AddDays(-1), T0.AddMinutes(59), Ct);
        var otherUser = await Keys.ReserveAsync("ben", key, "POST /api/cases", T0, T0.AddDays(-1), T0.AddMinutes(-1), Ct);

        Assert.IsNull(first);
        Assert.AreEqual(new IdempotencyEntry("POST /api/cases", T0, null), whileRunning);
        Assert.AreEqual(new IdempotencyEntry("POST /api/cases", T0, answer), retry);
        Assert.IsNull(otherUser, "keys are per user");
    }

    [TestMethod]
    public async Task ReserveAsync_AnswerOlderThanItsLifetime_ReservesAfresh()
    {
        var key = Guid.NewGuid().ToString("N");
        await Keys.ReserveAsync("aiko", key, "POST /api/meetings", T0, T0.AddDays(-1), T0.AddMinutes(-1), Ct);
        await Keys.CompleteAsync("aiko", key, new IdempotentResponse(201, "{}"), Ct);
        var later = T0.AddHours(25);

        Assert.IsNull(await Keys.ReserveAsync("aiko", key, "POST /api/meetings", later, later.AddDays(-1), later.AddMinutes(-1), Ct));
    }

    [TestMethod]
    public async Task ReserveAsync_ReleasedOrAbandoned_ReservesAfresh()
    {
        var (released, abandoned) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await Keys.ReserveAsync("aiko", released, "POST /api/cases", T0, T0.AddDays(-1), T0.AddMinutes(-1), Ct);
        await Keys.ReserveAsync("aiko", abandoned, "POST /api/cases", T0, T0.AddDays(-1), T0.AddMinutes(-1), Ct);
        await Keys.ReleaseAsync("aiko", released, Ct);
        var later = T0.AddMinutes(2);

        Assert.IsNull(await Keys.ReserveAsync("aiko", released, "POST /api/cases", T0, T0.AddDays(-1), T0.AddMinutes(-1), Ct));
        Assert.IsNull(await Keys.ReserveAsync("aiko", abandoned, "POST /api/cases", later, later.AddDays(-1), later.AddMinutes(-1), Ct));
    }

    private static StaffAccount Account()
    {
        var id = "staff-" + Guid.NewGuid().ToString("N");
        return new StaffAccount
        {
            Id = id,
            Name = "相談 花子",
            Institution = "matsudo-center",
            Roles = ["caseworker", "coordinator"],
            Area = "north",
            PasswordHash = "hash",
            ExternalSubject = "oidc|" + id,
        };
    }

    private static Meeting Meeting() => new()
    {
        Id = "m-" + Guid.NewGuid().ToString("N"),
        Kind = "support",
        Date = new DateOnly(2030, 4, 2),
        CreatedBy = "aiko",
        CaseIds = ["case-" + Guid.NewGuid().ToString("N"), "case-" + Guid.NewGuid().ToString("N")],
        Members = [new MeetingMember("aiko", null, null)],
    };

    private static void AssertSame(StaffAccount expected, StaffAccount? actual)
    {
        Assert.IsNotNull(actual);
        Assert.AreEqual(expected with { Roles = [] }, actual with { Roles = [] });
        CollectionAssert.AreEqual(expected.Roles.ToArray(), actual.Roles.ToArray());
    }

    private static string Describe(Meeting meeting) =>
        $"{meeting.Id}|{meeting.Kind}|{meeting.Date}|{meeting.CreatedBy}|{string.Join(',', meeting.CaseIds)}|{string.Join(',', meeting.Members)}";
}

[TestClass]
public sealed class SqliteCaseStoreTests : CaseStoreContract
{
    private static string _file = "";

    [ClassInitialize]
    public static void CreateFile(TestContext context) => _file = TempDatabase.NewPath("cases");

    [ClassCleanup]
    public static void DeleteFile()
    {
        SqliteConnection.ClearAllPools();
        TempDatabase.Delete(_file);
    }

    protected override async Task<(CaseStore Domain, IAuditStore Audit, IAsyncDisposable? Engine)> OpenStoresAsync(CancellationToken cancellationToken)
    {
        var connectionString = $"Data Source={_file}";
        var engine = await SqliteProcessStore.OpenAsync(connectionString, cancellationToken);
        return (new SqliteCaseStore(connectionString, TimeProvider.System), engine, engine);
    }
}

[TestClass]
public sealed class PostgreSqlCaseStoreTests : CaseStoreContract
{
    protected override string? SkipReason => TestServers.PostgreSql.SkipReason;

    protected override async Task<(CaseStore Domain, IAuditStore Audit, IAsyncDisposable? Engine)> OpenStoresAsync(CancellationToken cancellationToken)
    {
        var engine = await PostgreSqlProcessStore.OpenAsync(TestServers.PostgreSql.ConnectionString!, cancellationToken);
        return (new PostgreSqlCaseStore(engine.DataSource, TimeProvider.System), engine, engine);
    }
}

[TestClass]
public sealed class SqlServerCaseStoreTests : CaseStoreContract
{
    protected override string? SkipReason => TestServers.SqlServer.SkipReason;

    protected override async Task<(CaseStore Domain, IAuditStore Audit, IAsyncDisposable? Engine)> OpenStoresAsync(CancellationToken cancellationToken)
    {
        var engine = await SqlServerProcessStore.OpenAsync(TestServers.SqlServer.ConnectionString!, cancellationToken);
        return (new SqlServerCaseStore(TestServers.SqlServer.ConnectionString!, TimeProvider.System), engine, null);
    }
}
