using System.Text.Json;
using Microsoft.Extensions.Options;
using Tsunagu.Cases;
using Tsunagu.Cases.Requests;
using Tsunagu.Engine.Execution;
using Tsunagu.Host.Composition;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>
/// <c>Idempotency-Key</c> on requests that create something: a client that retries (its connection broke after the
/// server committed) gets the first answer again instead of a second case. Keys are per user and kept 24 hours; a
/// retry while the first request still runs is 409; the same key on another endpoint is 422.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    /// <summary>Set on an answer given again.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    private const int MaxKeyLength = 200;

    private static readonly TimeSpan AnswerLifetime = TimeSpan.FromHours(24);

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(FilterAsync);
    }

    private static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (!context.Request.Headers.TryGetValue(Header, out var values))
        {
            return await next(invocation);
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
        {
            throw new CaseInputException(Header, $"{Header} must be 1 to {MaxKeyLength} printable characters.");
        }

        var services = context.RequestServices;
        var store = services.GetRequiredService<IIdempotencyStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var abandonedAfter = services.GetRequiredService<IOptions<TsunaguSettings>>().Value.IdempotencyAbandonedAfter;
        var user = context.User.Caller().Id;
        var request = $"{context.Request.Method} {context.Request.Path}";
        var cancellation = context.RequestAborted;
        if (await store.ReserveAsync(user, key, request, now, now - AnswerLifetime, now - abandonedAfter, cancellation) is { } held)
        {
            return Replay(context, held, request);
        }

        object? result;
        try
        {
            result = await next(invocation);
        }
        catch
        {
            await store.ReleaseAsync(user, key, CancellationToken.None);
            throw;
        }

        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } answered and IValueHttpResult { Value: var value })
        {
            var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            await store.CompleteAsync(user, key, new IdempotentResponse(answered.StatusCode.Value, JsonSerializer.Serialize(value, json)), CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(user, key, CancellationToken.None);
        }

        return result;
    }

    private static IResult Replay(HttpContext context, IdempotencyEntry held, string request)
    {
        if (held.Request != request)
        {
            throw new CaseRuleException(Header, $"This {Header} was used for {held.Request}; use a new key for another request.");
        }

        if (held.Response is not { } answer)
        {
            context.Response.Headers.RetryAfter = "1";
            throw new EngineStateException($"A request with this {Header} is still running; retry later.");
        }

        context.Response.Headers[ReplayedHeader] = "true";
        return Results.Content(answer.Body, "application/json", statusCode: answer.Status);
    }
}
