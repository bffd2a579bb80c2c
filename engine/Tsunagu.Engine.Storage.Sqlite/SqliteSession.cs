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

    public int Execute(string sql, SqliteTransaction? transaction, object row) => Prepare(sql).Bind(transaction, row).ExecuteNonQuery();

    public T? Scalar<T>(string sql, object row) where T : class => Prepare(sql).Bind(null, row).ExecuteScalar() as T;

    /// <summary>The first row the query returns, read by <paramref name="read"/>, or null when it returns none.</summary>
    public T? First<T>(string sql, object row, Func<SqliteDataReader, T> read) where T : class
    {
        using var reader = Prepare(sql).Bind(null, row).ExecuteReader();
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
            statement = new Statement(Connection, sql);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    private sealed class Statement : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly string[] _names;
        private Type? _rowType;
        private PropertyInfo[] _properties = [];

        public Statement(SqliteConnection connection, string sql)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            _names = [.. ParameterPattern().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];
            foreach (var name in _names)
            {
                _command.Parameters.Add(new SqliteParameter("@" + name, DBNull.Value));
            }

            _command.Prepare();
        }

        public SqliteCommand Bind(SqliteTransaction? transaction, object row)
        {
            // A statement is always bound from rows of one type; look its properties up once.
            if (row.GetType() != _rowType)
            {
                _rowType = row.GetType();
                _properties = [.. _names.Select(n => _rowType.GetProperty(n) ?? throw new InvalidOperationException($"{_rowType.Name} has no property for @{n}."))];
            }

            for (var i = 0; i < _names.Length; i++)
            {
                _command.Parameters[i].Value = _properties[i].GetValue(row) ?? DBNull.Value;
            }

            _command.Transaction = transaction;
            return _command;
        }

        public void Dispose() => _command.Dispose();
    }
}
