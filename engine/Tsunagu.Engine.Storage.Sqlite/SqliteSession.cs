using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Tsunagu.Engine.Storage.Sqlite;

/// <summary>
/// An open connection that keeps each SQL text it runs compiled. The hot paths (start, commit, load) run the same few
/// statements over and over, and compiling them anew for every call, as a fresh command does, cost more than running them.
/// Parameters (<c>@Name</c>) take the value of the row object's property of the same name.
/// </summary>
internal sealed partial class SqliteSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, Statement> _statements = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    // Rows one multi-row INSERT writes at most (SQLite allows 32,766 parameters; a commit's history fits in one or two).
    private const int RowsPerInsert = 16;

    public int Execute(string sql, SqliteTransaction? transaction, object row) => Prepare(sql).Bind(transaction, [row]).ExecuteNonQuery();

    /// <summary>
    /// Runs a single-row <c>INSERT … VALUES (…)</c> for many rows as few statements of up to 16 rows each: one statement
    /// step instead of one per row (a commit's history rows, above all).
    /// </summary>
    public void InsertMany<T>(string insertSql, SqliteTransaction transaction, IReadOnlyList<T> rows)
        where T : notnull
    {
        for (var start = 0; start < rows.Count; start += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, rows.Count - start);
            var key = $"{insertSql}#{count}";
            if (!_statements.TryGetValue(key, out var statement))
            {
                // @Name in row i's tuple becomes @Name_i.
                var values = insertSql.IndexOf("VALUES", StringComparison.Ordinal) + "VALUES".Length;
                var tuple = insertSql[values..];
                var text = insertSql[..values] + string.Join(",", Enumerable.Range(0, count).Select(i => ParameterPattern().Replace(tuple, $"@${{1}}_{i}")));
                statement = new Statement(Connection, text, multiRow: true);
                _statements.Add(key, statement);
            }

            statement.Bind(transaction, [.. rows.Skip(start).Take(count).Cast<object>()]).ExecuteNonQuery();
        }
    }

    public T? Scalar<T>(string sql, object row) where T : class => Prepare(sql).Bind(null, [row]).ExecuteScalar() as T;

    /// <summary>The first row the query returns, read by <paramref name="read"/>, or null when it returns none.</summary>
    public T? First<T>(string sql, object row, Func<SqliteDataReader, T> read) where T : class
    {
        using var reader = Prepare(sql).Bind(null, [row]).ExecuteReader();
        return reader.Read() ? read(reader) : null;
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        Connection.Dispose();
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterPattern();

    private Statement Prepare(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new Statement(Connection, sql, multiRow: false);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    private sealed class Statement : IDisposable
    {
        private readonly SqliteCommand _command;

        // Per parameter: the row it reads (0 unless the statement inserts several) and that row's property.
        private readonly (int Row, string Property)[] _bindings;
        private Type? _rowType;
        private PropertyInfo[] _properties = [];

        public Statement(SqliteConnection connection, string sql, bool multiRow)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            var names = ParameterPattern().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
            _bindings = [.. names.Select(n => multiRow
                ? (int.Parse(n[(n.LastIndexOf('_') + 1)..], System.Globalization.CultureInfo.InvariantCulture), n[..n.LastIndexOf('_')])
                : (0, n))];
            foreach (var name in names)
            {
                _command.Parameters.Add(new SqliteParameter("@" + name, DBNull.Value));
            }

            _command.Prepare();
        }

        public SqliteCommand Bind(SqliteTransaction? transaction, IReadOnlyList<object> rows)
        {
            // A statement is always bound from rows of one type; look its properties up once.
            if (rows[0].GetType() != _rowType)
            {
                _rowType = rows[0].GetType();
                _properties = [.. _bindings.Select(b => _rowType.GetProperty(b.Property) ?? throw new InvalidOperationException($"{_rowType.Name} has no property for @{b.Property}."))];
            }

            for (var i = 0; i < _bindings.Length; i++)
            {
                _command.Parameters[i].Value = _properties[i].GetValue(rows[_bindings[i].Row]) ?? DBNull.Value;
            }

            _command.Transaction = transaction;
            return _command;
        }

        public void Dispose() => _command.Dispose();
    }
}
