using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Tsunagu.Cases.Storage;
using Tsunagu.Cases.Storage.PostgreSql;
using Tsunagu.Cases.Storage.Sqlite;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Bench;

/// <summary>
/// The inbox with a large store: instances (cases) and their open tasks are bulk-loaded straight into the engine's
/// tables (not through the engine, which would take hours), then the store's own queries are timed — an institution's
/// tasks, a user's tasks (assigned or offered), each as the first page and a page further on by keyset cursor, and the
/// lookup of a case's instance by business key. Each case is a real case's state (see <see cref="CaseSearchBench"/>)
/// about a seeded person, so the same store then times the case search. Percentiles of single queries, one at a time.
/// </summary>
internal static class InboxHarness
{
    private const string ProcessKey = "case-path";
    private const int Institutions = 50;
    private const int Users = 500;
    private const int PageSize = 50;
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(bool postgres, int tasks, int cases, int queries)
    {
        var folder = Directory.CreateTempSubdirectory("tsunagu-inboxbench-");
        try
        {
            var loading = Stopwatch.StartNew();
            IProcessStore store;
            CaseSearchBench search;
            Data data;
            if (postgres)
            {
                var connectionString = BenchStores.PostgreSqlConnectionString ?? throw new InvalidOperationException("TSUNAGU_POSTGRES holds no connection string.");
                var postgreSql = await BenchStores.OpenEmptyPostgreSqlAsync(connectionString);
                var domain = new PostgreSqlCaseStore(postgreSql.DataSource, TimeProvider.System);
                await domain.MigrateAsync(CancellationToken.None);
                await using (var connection = await postgreSql.DataSource.OpenConnectionAsync())
                await using (var empty = new NpgsqlCommand("TRUNCATE case_people, people, people_grams", connection))
                {
                    await empty.ExecuteNonQueryAsync();
                }

                search = await CaseSearchBench.PrepareAsync(postgreSql, domain, cases, Users);
                data = new Data(tasks, cases, search);
                await LoadAsync(postgreSql.DataSource, data);
                store = postgreSql;
            }
            else
            {
                var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "inbox.db") }.ToString();
                var sqlite = await SqliteProcessStore.OpenAsync(connectionString, CancellationToken.None);
                search = await CaseSearchBench.PrepareAsync(sqlite, new SqliteCaseStore(connectionString, TimeProvider.System), cases, Users);
                data = new Data(tasks, cases, search);
                Load(connectionString, data);
                store = sqlite;
            }

            await using var closing = (IAsyncDisposable)store;
            Console.WriteLine($"{(postgres ? "PostgreSQL" : "SQLite")}: {cases:N0} cases about {search.People.Count:N0} people, {tasks:N0} open tasks ({data.Candidates:N0} candidate rows) loaded in {loading.Elapsed.TotalSeconds:F0} s; {queries} queries of each kind, page size {PageSize}");

            var random = new Random(7);
            string Institution() => $"institution-{random.Next(Institutions)}";
            string User() => $"user-{random.Next(Users)}";
            await MeasureAsync("institution, first page", queries, async () => (await store.QueryTasksAsync(new TaskQuery { CandidateInstitution = Institution(), Limit = PageSize }, CancellationToken.None)).Count);
            await MeasureAsync("institution, page 100", queries, async () =>
            {
                var query = new TaskQuery { CandidateInstitution = Institution(), Limit = PageSize, After = new TaskCursor(data.CreatedAt(tasks / 3), Guid.Empty) };
                return (await store.QueryTasksAsync(query, CancellationToken.None)).Count;
            });
            await MeasureAsync("my tasks, first page", queries, async () => (await store.QueryTasksAsync(new TaskQuery { CandidateUser = User(), Limit = PageSize }, CancellationToken.None)).Count);
            await MeasureAsync("my tasks, next page", queries, async () =>
            {
                var user = User();
                var first = await store.QueryTasksAsync(new TaskQuery { CandidateUser = user, Limit = PageSize }, CancellationToken.None);
                return (await store.QueryTasksAsync(new TaskQuery { CandidateUser = user, Limit = PageSize, After = TaskCursor.After(first[^1]) }, CancellationToken.None)).Count;
            });
            await MeasureAsync("case by business key", queries, async () =>
            {
                var found = await store.FindInstanceIdAsync(ProcessKey, Data.BusinessKey(random.Next(cases)), CancellationToken.None);
                return found is null ? throw new InvalidOperationException("A loaded case was not found.") : 1;
            });
            await search.MeasureAsync(queries);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A warm-up, then each query timed alone (the query answers how many rows it found).</summary>
    public static async Task MeasureAsync(string label, int count, Func<Task<int>> query)
    {
        for (var i = 0; i < 20; i++)
        {
            await query();
        }

        var times = new double[count];
        var rows = 0L;
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            rows += await query();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        string At(double p) => times[(int)Math.Min(count - 1, p * count)].ToString("F2", CultureInfo.InvariantCulture);
        Console.WriteLine($"{label,-45}: p50 {At(0.5)} ms, p99 {At(0.99)} ms, max {At(1)} ms; {rows / (double)count:F0} rows a query");
    }

    private static void Load(string connectionString, Data data)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var instance = Insert(connection, transaction, "instances", "id", "process_key", "process_version", "status", "revision", "business_key", "state_json", "started_at", "updated_at");
        using var task = Insert(connection, transaction, "tasks", "id", "instance_id", "process_key", "node_id", "name", "form_ref", "business_key", "status", "assignee",
            "candidate_institutions", "candidate_roles", "candidate_users", "assignment_reason", "created_at");
        using var candidate = Insert(connection, transaction, "task_candidates", "task_id", "instance_id", "kind", "value", "created_at");
        using var key = Insert(connection, transaction, "instance_keys", "instance_id", "process_key", "business_key", "value");
        foreach (var c in data.Cases())
        {
            Run(instance, SqliteValues.Id(c.Id), ProcessKey, 1, "Active", 1, c.BusinessKey, c.State, SqliteValues.Time(c.StartedAt), SqliteValues.Time(c.StartedAt));
            foreach (var value in c.Keys)
            {
                Run(key, SqliteValues.Id(c.Id), ProcessKey, c.BusinessKey, value);
            }
        }

        CaseSearchBench.LoadPeople(connection, transaction, data.Search, data.BusinessKeys, Origin);

        foreach (var t in data.Tasks())
        {
            Run(task, SqliteValues.Id(t.Id), SqliteValues.Id(t.InstanceId), ProcessKey, "Task_review", "Review", null, t.BusinessKey, t.Assignee is null ? "Created" : "Claimed", t.Assignee,
                $"[\"{t.Institution}\"]", "[]", t.User is null ? "[]" : $"[\"{t.User}\"]", null, SqliteValues.Time(t.CreatedAt));
            Run(candidate, SqliteValues.Id(t.Id), SqliteValues.Id(t.InstanceId), "institution", t.Institution, SqliteValues.Time(t.CreatedAt));
            if (t.User is not null)
            {
                Run(candidate, SqliteValues.Id(t.Id), SqliteValues.Id(t.InstanceId), "user", t.User, SqliteValues.Time(t.CreatedAt));
            }
        }

        transaction.Commit();
    }

    public static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    public static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static async Task LoadAsync(NpgsqlDataSource dataSource, Data data)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        // PostgreSQL refuses COPY under row-level security; the owner lifts FORCE for the load (rows still get the
        // session's tenant by default) and restores it.
        string[] loaded = ["instances", "instance_keys", "tasks", "task_candidates", "people", "case_people"];
        await using (var lift = new NpgsqlCommand(string.Concat(loaded.Select(t => $"ALTER TABLE {t} NO FORCE ROW LEVEL SECURITY;")), connection))
        {
            await lift.ExecuteNonQueryAsync();
        }

        await using (var instances = await connection.BeginBinaryImportAsync("COPY instances (id, process_key, process_version, status, revision, business_key, state_json, started_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in data.Cases())
            {
                await instances.WriteRowAsync(CancellationToken.None, c.Id, ProcessKey, 1, "Active", 1, c.BusinessKey, c.State, c.StartedAt.UtcDateTime, c.StartedAt.UtcDateTime);
            }

            await instances.CompleteAsync();
        }

        await using (var keys = await connection.BeginBinaryImportAsync("COPY instance_keys (instance_id, process_key, business_key, value) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in data.Cases())
            {
                foreach (var value in c.Keys)
                {
                    await keys.WriteRowAsync(CancellationToken.None, c.Id, ProcessKey, c.BusinessKey, value);
                }
            }

            await keys.CompleteAsync();
        }

        await using (var tasks = await connection.BeginBinaryImportAsync(
            "COPY tasks (id, instance_id, process_key, node_id, name, business_key, status, assignee, candidate_institutions, candidate_roles, candidate_users, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in data.Tasks())
            {
                await tasks.StartRowAsync();
                await tasks.WriteAsync(t.Id, NpgsqlDbType.Uuid);
                await tasks.WriteAsync(t.InstanceId, NpgsqlDbType.Uuid);
                await tasks.WriteAsync(ProcessKey, NpgsqlDbType.Text);
                await tasks.WriteAsync("Task_review", NpgsqlDbType.Text);
                await tasks.WriteAsync("Review", NpgsqlDbType.Text);
                await tasks.WriteAsync(t.BusinessKey, NpgsqlDbType.Text);
                await tasks.WriteAsync(t.Assignee is null ? "Created" : "Claimed", NpgsqlDbType.Text);
                await tasks.WriteAsync((object?)t.Assignee ?? DBNull.Value, NpgsqlDbType.Text);
                await tasks.WriteAsync($"[\"{t.Institution}\"]", NpgsqlDbType.Text);
                await tasks.WriteAsync("[]", NpgsqlDbType.Text);
                await tasks.WriteAsync(t.User is null ? "[]" : $"[\"{t.User}\"]", NpgsqlDbType.Text);
                await tasks.WriteAsync(t.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            }

            await tasks.CompleteAsync();
        }

        await using (var candidates = await connection.BeginBinaryImportAsync("COPY task_candidates (task_id, instance_id, kind, value, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in data.Tasks())
            {
                await candidates.WriteRowAsync(CancellationToken.None, t.Id, t.InstanceId, "institution", t.Institution, t.CreatedAt.UtcDateTime);
                if (t.User is not null)
                {
                    await candidates.WriteRowAsync(CancellationToken.None, t.Id, t.InstanceId, "user", t.User, t.CreatedAt.UtcDateTime);
                }
            }

            await candidates.CompleteAsync();
        }

        await CaseSearchBench.LoadPeopleAsync(connection, data.Search, data.BusinessKeys, Origin);

        // What autovacuum would do soon after such a load: statistics for the planner.
        await using var analyze = new NpgsqlCommand(
            string.Concat(loaded.Select(t => $"ALTER TABLE {t} FORCE ROW LEVEL SECURITY;")) + "ANALYZE instances; ANALYZE instance_keys; ANALYZE tasks; ANALYZE task_candidates", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private sealed record Case(Guid Id, string BusinessKey, DateTimeOffset StartedAt, string State, IReadOnlyList<string> Keys);

    private sealed record OpenTask(Guid Id, Guid InstanceId, string BusinessKey, string Institution, string? Assignee, string? User, DateTimeOffset CreatedAt);

    /// <summary>
    /// Seeded rows, the same on every pass: tasks spread over a year, each offered to one of 50 institutions; 30 % assigned
    /// to one of 500 users and 10 % offered to one.
    /// </summary>
    private sealed class Data(int tasks, int cases, CaseSearchBench search)
    {
        private readonly Guid[] _caseIds = [.. Enumerable.Range(0, cases).Select(i => Id(1, i))];

        public CaseSearchBench Search => search;

        public IReadOnlyList<string> BusinessKeys { get; } = [.. Enumerable.Range(0, cases).Select(BusinessKey)];

        public int Candidates => tasks + Tasks().Count(t => t.User is not null);

        public static string BusinessKey(int i) => $"case-{i:D7}";

        public DateTimeOffset CreatedAt(int i) => Origin.AddSeconds(i * (365.0 * 24 * 3600 / tasks));

        public IEnumerable<Case> Cases() => Enumerable.Range(0, cases).Select(i => new Case(
            _caseIds[i], BusinessKey(i), Origin.AddSeconds(i * 60), search.StateOf(_caseIds[i], BusinessKey(i), CaseSearchBench.IntakeBy(i, Users)), search.KeysOf(CaseSearchBench.IntakeBy(i, Users))));

        public IEnumerable<OpenTask> Tasks()
        {
            var random = new Random(11);
            for (var i = 0; i < tasks; i++)
            {
                var caseIndex = random.Next(cases);
                var assigned = random.Next(10) < 3;
                var offered = random.Next(10) == 0;
                yield return new OpenTask(
                    Id(2, i), _caseIds[caseIndex], BusinessKey(caseIndex), $"institution-{random.Next(Institutions)}",
                    assigned ? $"user-{random.Next(Users)}" : null, offered ? $"user-{random.Next(Users)}" : null, CreatedAt(i));
            }
        }

        // Distinct ids from an index, in no order related to it (as random ids are).
        private static Guid Id(int kind, int i) => new(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(((long)kind << 32) | (uint)i))[..16]);
    }
}
