using System.Text.RegularExpressions;
using Npgsql;

namespace Tsunagu.Engine.Storage.PostgreSql;

/// <summary>
/// Which municipality a connection acts for (ADR 0019). The tenant is a startup option of every session the connection
/// string opens, so it costs no round trip, and Npgsql's reset of a pooled session (DISCARD ALL) returns to it; row-level
/// security (migration 0006) then shows and accepts that tenant's rows only.
/// </summary>
public static partial class PostgreSqlTenancy
{
    /// <summary>The setting the policies read.</summary>
    public const string Setting = "tsunagu.tenant";

    /// <summary>The connection string whose sessions act for <paramref name="tenant"/> (a pack id: a-z, 0-9, '-').</summary>
    public static string ConnectionString(string connectionString, string tenant)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (tenant is null || !TenantId().IsMatch(tenant))
        {
            throw new ArgumentException($"The tenant '{tenant}' is not a pack id (a-z, 0-9, '-').", nameof(tenant));
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c {Setting}={tenant}".TrimStart();
        return builder.ConnectionString;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex TenantId();
}
