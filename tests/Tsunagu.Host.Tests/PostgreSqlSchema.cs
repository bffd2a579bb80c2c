using Npgsql;

namespace Tsunagu.Host.Tests;

/// <summary>
/// A schema of its own in the PostgreSQL database named by TSUNAGU_POSTGRES, so a host under test shares no table with
/// the other tests of the run; tests end Inconclusive (skipped) when no database is named.
/// </summary>
internal static class PostgreSqlSchema
{
    public static async Task<string> CreateAsync()
    {
        if (Environment.GetEnvironmentVariable("TSUNAGU_POSTGRES") is not { Length: > 0 } connectionString)
        {
            Assert.Inconclusive("PostgreSQL tests skipped: TSUNAGU_POSTGRES holds no connection string");
            return "";
        }

        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
    }
}
