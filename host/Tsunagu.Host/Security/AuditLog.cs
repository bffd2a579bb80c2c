using Dapper;
using Microsoft.Data.Sqlite;

namespace Tsunagu.Host.Security;

/// <summary>One read or write of case data: who, what, which resource, with what outcome. Never the data itself.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Resource, int Status);

public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> RecentAsync(int limit, CancellationToken cancellationToken);
}

/// <summary>The audit trail in its own SQLite table, append-only.</summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private readonly string _connectionString;

    public SqliteAuditLog(string connectionString) => _connectionString = connectionString;

    /// <summary>Creates the table when it is missing.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS audit_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                resource TEXT NOT NULL,
                status INTEGER NOT NULL)
            """,
            cancellationToken: cancellationToken));
    }

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (at, actor, action, resource, status) VALUES (@At, @Actor, @Action, @Resource, @Status)",
            new { At = entry.At.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), entry.Actor, entry.Action, entry.Resource, entry.Status },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        var rows = await connection.QueryAsync<(string At, string Actor, string Action, string Resource, long Status)>(new CommandDefinition(
            "SELECT at, actor, action, resource, status FROM audit_log ORDER BY id DESC LIMIT @limit", new { limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new AuditEntry(DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture), r.Actor, r.Action, r.Resource, (int)r.Status))];
    }
}

/// <summary>Audits the endpoint it is put on: after the handler runs (or fails), records actor, action, path and status.</summary>
public sealed class AuditFilter(string action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var audit = http.RequestServices.GetRequiredService<IAuditLog>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var actor = http.User.Identity?.Name is null ? "anonymous" : http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "unknown";
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception e)
        {
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), actor, action, http.Request.Path, Errors.ClientErrorHandler.StatusFor(e)), CancellationToken.None);
            throw;
        }

        // Recorded once, and even when the client has gone: the action happened.
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), actor, action, http.Request.Path, status), CancellationToken.None);
        return result;
    }
}

public static class AuditExtensions
{
    /// <summary>Requires the case-data policy and audits every call of the endpoint.</summary>
    public static TBuilder CaseData<TBuilder>(this TBuilder builder, string action)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policies.CaseData).AddEndpointFilter(new AuditFilter(action));
}
