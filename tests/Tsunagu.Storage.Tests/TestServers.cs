using System.Data.Common;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace Tsunagu.Storage.Tests;

/// <summary>
/// The database servers the tests may use, named by environment variables. A server that is not named or does not
/// answer is a reason to skip its tests (reported as skipped, never as passed).
/// </summary>
internal sealed class TestServers
{
    public static readonly TestServers PostgreSql = new("TSUNAGU_POSTGRES", "PostgreSQL", c => new NpgsqlConnection(c));

    public static readonly TestServers SqlServer = new("TSUNAGU_SQLSERVER", "SQL Server", c => new SqlConnection(c));

    private readonly Lazy<string?> _skipReason;

    private TestServers(string variable, string server, Func<string, DbConnection> connect)
    {
        ConnectionString = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
        _skipReason = new(() => ConnectionString is null ? $"{server} tests skipped: {variable} holds no connection string" : Unreachable(server, variable, connect(ConnectionString)));
    }

    public string? ConnectionString { get; }

    public string? SkipReason => _skipReason.Value;

    private static string? Unreachable(string server, string variable, DbConnection connection)
    {
        using (connection)
        {
            try
            {
                connection.Open();
                return null;
            }
            catch (DbException e)
            {
                return $"{server} tests skipped: the server named by {variable} does not answer ({e.Message})";
            }
        }
    }
}
