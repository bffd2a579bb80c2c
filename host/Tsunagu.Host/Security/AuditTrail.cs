using System.Security.Claims;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Security;

/// <summary>What an endpoint does with case data and why (the purpose recorded with every call).</summary>
public sealed record AuditedAction(string Action, string Purpose);

/// <summary>Audits every request to a page, like <see cref="AuditExtensions.Audited{TBuilder}"/> for an endpoint.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditedPageAttribute(string action, string purpose) : Attribute
{
    public string Action { get; } = action;

    public string Purpose { get; } = purpose;
}

public static class AuditExtensions
{
    private const string ActorKey = "tsunagu:audit-actor";

    /// <summary>Audits every call of the endpoint, successes and refusals, with its action and declared purpose.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, string purpose)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AuditedAction(action, purpose));

    /// <summary>Requires the case-data policy and audits every call of the endpoint.</summary>
    public static TBuilder CaseData<TBuilder>(this TBuilder builder, string action, string purpose)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Policies.CaseData).Audited(action, purpose);

    /// <summary>Names who acted when the request itself is not signed in (a successful sign-in).</summary>
    public static void SetAuditActor(this HttpContext context, string actor)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ActorKey] = actor;
    }

    internal static string Actor(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Items[ActorKey] as string ?? "anonymous";
}

/// <summary>
/// Audits every call of an audited endpoint. While the request runs, an <see cref="AuditScope"/> is open: every change
/// it makes (an instance commit, a meeting or account write) carries the audit record in its own transaction. What
/// made no change — a read, a refusal (401, 403, 404), rejected input — is appended when the response is decided, before
/// the body leaves, so no read goes unrecorded.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.GetEndpoint()?.Metadata;
        var audited = metadata?.GetMetadata<AuditedAction>()
            ?? (metadata?.GetMetadata<AuditedPageAttribute>() is { } page ? new AuditedAction(page.Action, page.Purpose) : null);
        if (audited is null)
        {
            await next(context);
            return;
        }

        using var scope = AuditScope.Begin(caseId => Record(context, audited, time, caseId, StatusCodes.Status200OK));
        context.Response.OnStarting(() => AppendUnlessRecordedAsync(context, audited, time, scope, context.Response.StatusCode));
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            await AppendUnlessRecordedAsync(context, audited, time, scope, Errors.ClientErrorHandler.StatusFor(e));
            throw;
        }

        // A response that has not started (an empty body, a client that went away) is recorded now.
        if (!context.Response.HasStarted)
        {
            await AppendUnlessRecordedAsync(context, audited, time, scope, context.Response.StatusCode);
        }
    }

    /// <summary>
    /// Appends to the chain of the request's municipality, known by now (the shell is chosen after sign-in). A request
    /// in no shell — a sign-in naming no municipality this process serves — touched no municipality's data and has no chain.
    /// </summary>
    private static async Task AppendUnlessRecordedAsync(HttpContext context, AuditedAction audited, TimeProvider time, AuditScope scope, int status)
    {
        if (!scope.AnyRecorded && TenantShells.Of(context) is { } shell)
        {
            await shell.Services.GetRequiredService<IAuditStore>().AppendAuditAsync([Record(context, audited, time, RouteValue(context, "caseId"), status)], CancellationToken.None);
            scope.Committed(null);
        }
    }

    private static AuditRecord Record(HttpContext context, AuditedAction audited, TimeProvider time, string? caseId, int outcome) => new(
        time.GetUtcNow(),
        AuditExtensions.Actor(context),
        string.Join(',', context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)),
        audited.Action,
        caseId,
        RouteValue(context, "meetingId"),
        outcome,
        audited.Purpose);

    private static string? RouteValue(HttpContext context, string name) => context.GetRouteValue(name) as string;
}
