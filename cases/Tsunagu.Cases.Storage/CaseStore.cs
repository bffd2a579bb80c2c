using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Tsunagu.Cases.Indicators;
using Tsunagu.Cases.Notes;
using Tsunagu.Cases.Notifications;
using Tsunagu.Cases.People;
using Tsunagu.Cases.Plans;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Requests;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Cases.Storage;

/// <summary>
/// Every domain port over one SQL database, in the SQL SQLite, PostgreSQL and SQL Server share (Dapper; the domain's
/// migrations 1001+ beside the engine's). A provider supplies connections, transactions, its column types, the audit
/// append and the few statements its dialect writes differently. Every audited write carries the open
/// <see cref="AuditScope"/>'s record in its own transaction.
/// </summary>
public abstract partial class CaseStore
    : IAccountStore, IMeetingStore, IIdempotencyStore, IPersonStore, IPlanStore, INoteStore, INotificationStore, ICaseRegister
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly IReadOnlyList<MigrationScript> Templates = MigrationScripts.Load(typeof(CaseStore).Assembly, "Tsunagu.Cases.Migrations.");

    /// <summary>Applies the domain's migrations the database lacks (after the engine's: they share schema_version).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await MigrateAsync(connection, Scripts, cancellationToken);
    }

    /// <summary>
    /// The domain's migrations in this provider's column types: one script per version for every provider, so the
    /// history is the same everywhere and only the types differ. A provider's assembly may replace a version's script
    /// with its own of the same name (PostgreSQL's tenancy).
    /// </summary>
    public IReadOnlyList<MigrationScript> Scripts
    {
        get
        {
            var types = ColumnTypes;
            var own = MigrationScripts.Load(GetType().Assembly, "Tsunagu.Cases.Migrations.").ToDictionary(s => s.Name, StringComparer.Ordinal);
            return [.. Templates.Select(t => own.GetValueOrDefault(t.Name, t)).Select(t => t with { Sql = ColumnType().Replace(t.Sql, m => types[m.Groups[1].Value]) })];
        }
    }

    /// <summary>
    /// The column type of each kind the scripts name: id (keys), text (short, indexable), doc (long text, JSON), time,
    /// date, int, bool, list (of names).
    /// </summary>
    protected abstract IReadOnlyDictionary<string, string> ColumnTypes { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Applies the scripts the database lacks with the engine's migrator of this provider (one lock, one schema_version).</summary>
    protected abstract Task MigrateAsync(DbConnection connection, IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken);

    /// <summary>A write transaction (SQLite's takes the write lock at its start, so two writers never deadlock upgrading).</summary>
    protected virtual async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>Appends to the audit chain inside the transaction, linked race-free when several hosts append at once.</summary>
    protected abstract Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);

    /// <summary>A time as its column holds it (UTC; SQLite: fixed-width text).</summary>
    protected virtual object Time(DateTimeOffset value) => value.ToUniversalTime();

    /// <summary>A date as its column holds it.</summary>
    protected virtual object Date(DateOnly value) => value;

    /// <summary>A list of names as its column holds it (JSON text unless the database has arrays).</summary>
    protected virtual object List(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    /// <summary>Keeps at most @limit rows of an ordered query.</summary>
    protected virtual string Limit => "LIMIT @limit";

    /// <summary>Whether a value is one of a list parameter's (Dapper expands IN @list into one parameter each).</summary>
    protected virtual string AnyOf(string listParameter) => $"IN {listParameter}";

    /// <summary>Joins the texts of a group with spaces.</summary>
    protected abstract string JoinWithSpaces(string expression);

    /// <summary>A time column's month in Japan time as yyyy-MM text.</summary>
    protected abstract string JapanMonth(string time);

    /// <summary>A time column's year and month number in Japan time (integers).</summary>
    protected abstract (string Year, string Month) JapanYearAndMonth(string time);

    /// <summary>A join clause that yields each element of a JSON array of texts as j.value.</summary>
    protected abstract string EachElement(string jsonArray);

    /// <summary>A text member of a JSON document.</summary>
    protected abstract string JsonText(string document, string member);

    /// <summary>Whether a member of a JSON document is true.</summary>
    protected abstract string JsonIsTrue(string document, string member);

    /// <summary>Two values joined as text.</summary>
    protected virtual string Concat(string left, string right) => $"(({left}) || ({right}))";

    /// <summary>
    /// Inserts a row unless one with the same key exists; the statement affects one row when it inserted. Each column
    /// (comma-separated) takes the parameter named after it: case_id from @CaseId.
    /// </summary>
    protected virtual string InsertIfAbsent(string table, string columns, string keyColumns) =>
        $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", Split(columns).Select(Parameter))}) ON CONFLICT ({ConflictKey(keyColumns)}) DO NOTHING";

    /// <summary>The columns of a table's key as ON CONFLICT names them (PostgreSQL: the tenant's first).</summary>
    protected virtual string ConflictKey(string keyColumns) => keyColumns;

    /// <summary>The parameter a column takes: case_id → @CaseId.</summary>
    protected static string Parameter(string column) =>
        "@" + string.Concat(column.Trim('"').Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>The names of a comma-separated list.</summary>
    protected static IEnumerable<string> Split(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.Split(',', StringSplitOptions.TrimEntries);
    }

    /// <summary>Writes the sign-in failures of @UserName, replacing what was there.</summary>
    protected virtual string SetFailuresSql => $"""
        INSERT INTO sign_in_failures (user_name, count, first_at, locked_until) VALUES (@UserName, @Count, @FirstAt, @LockedUntil)
        ON CONFLICT ({ConflictKey("user_name")}) DO UPDATE SET count = excluded.count, first_at = excluded.first_at, locked_until = excluded.locked_until
        """;

    /// <summary>A time read back as the driver returns its column (PostgreSQL: a UTC DateTime).</summary>
    protected virtual DateTimeOffset ReadTime(object value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        _ => throw new InvalidCastException($"A time column held {value.GetType().Name}."),
    };

    [GeneratedRegex(@"\{(id|text|doc|time|date|int|bool|list)\}")]
    private static partial Regex ColumnType();

    private DateTimeOffset? ReadTimeOrNull(object? value) => value is null ? null : ReadTime(value);

    private static DateOnly ReadDate(object value) => value switch
    {
        DateOnly date => date,
        DateTime time => DateOnly.FromDateTime(time),
        string text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"A date column held {value.GetType().Name}."),
    };

    private static IReadOnlyList<string> ReadList(object value) => value as string[] ?? JsonSerializer.Deserialize<string[]>((string)value) ?? [];

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction with the audit scope's record for <paramref name="caseId"/> (none
    /// if already carried); <paramref name="unlessUnchanged"/>: a write that changed no row commits nothing, not even the record.
    /// </summary>
    private async Task<int> WriteAsync(string? caseId, Func<DbConnection, DbTransaction, Task<int>> write, CancellationToken cancellationToken, bool unlessUnchanged = false)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        var changed = await write(connection, transaction);
        if (unlessUnchanged && changed == 0)
        {
            return 0;
        }

        var scope = AuditScope.Current;
        await AppendAuditAsync(connection, transaction, scope?.PendingFor(caseId) ?? [], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        scope?.Committed(caseId);
        return changed;
    }

    /// <summary>One audited insert of a row unless its key exists; true when it inserted.</summary>
    private async Task<bool> AddOnceAsync(string? caseId, string table, string columns, string keyColumns, object row, CancellationToken cancellationToken) =>
        await WriteAsync(caseId, InsertIfAbsent(table, columns, keyColumns), row, cancellationToken) == 1;

    /// <summary>One audited statement (a list of parameter objects runs it once per row).</summary>
    private Task<int> WriteAsync(string? caseId, string sql, object parameters, CancellationToken cancellationToken, bool unlessUnchanged = false) =>
        WriteAsync(caseId, (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)), cancellationToken, unlessUnchanged);

    /// <summary>One statement that is bookkeeping, not the audited change (sign-in failures, idempotency keys, the mail outbox).</summary>
    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))];
    }
}
