using System.Data.Common;
using Microsoft.Data.SqlClient;
using Npgsql;
using Tsunagu.Engine.Storage.PostgreSql;

namespace Tsunagu.Storage.Tests;

/// <summary>
/// The database servers the tests may use, named by environment variables. A server that is not named or does not
/// answer is a reason to skip its tests (reported as skipped, never as passed).
/// </summary>
internal sealed class TestServers
{
    /// <summary>The tenant the PostgreSQL tests' sessions act for (row-level security shows them its rows only).</summary>
    public const string Tenant = "matsudo";

    public static readonly TestServers PostgreSql = new("TSUNAGU_POSTGRES", "PostgreSQL", c => new NpgsqlConnection(c), c => PostgreSqlTenancy.ConnectionString(c, Tenant));

    public static readonly TestServers SqlServer = new("TSUNAGU_SQLSERVER", "SQL Server", c => new SqlConnection(c), c => c);

    private readonly Lazy<string?> _skipReason;

    private TestServers(string variable, string server, Func<string, DbConnection> connect, Func<string, string> session)
    {
        ServerConnectionString = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
        ConnectionString = ServerConnectionString is null ? null : session(ServerConnectionString);
        _skipReason = new(() => ConnectionString is null ? $"{server} tests skipped: {variable} holds no connection string" : Unreachable(server, variable, connect(ConnectionString)));
    }

    /// <summary>The connection string the tests' stores and raw sessions use.</summary>
    public string? ConnectionString { get; }

    /// <summary>As the variable names it: no tenant.</summary>
    public string? ServerConnectionString { get; }

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
