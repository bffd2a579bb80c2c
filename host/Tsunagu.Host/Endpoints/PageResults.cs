using Microsoft.AspNetCore.Http.Extensions;
using Tsunagu.Cases;

namespace Tsunagu.Host.Endpoints;

/// <summary>
/// How a paged list answers (ADR 0024): the page's items as the body, the array the list always returned, and the next
/// page as a <c>Link: &lt;…?after=…&gt;; rel="next"</c> header (RFC 8288), absent on the last page.
/// </summary>
internal static class PageResults
{
    public static IResult Ok<T, TView>(HttpContext context, Page<T> page, Func<T, TView> view)
    {
        ArgumentNullException.ThrowIfNull(page);
        SetNext(context, page.Next);
        return Results.Ok(page.Items.Select(view));
    }

    /// <summary>Names the next page, the request's own query with <c>after</c> set; none when <paramref name="after"/> is null.</summary>
    public static void SetNext(HttpContext context, string? after)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (after is null)
        {
            return;
        }

        var request = context.Request;
        var query = new QueryBuilder(request.Query.Where(q => q.Key != "after")) { { "after", after } };
        context.Response.Headers.Link = $"<{request.PathBase}{request.Path}{query.ToQueryString()}>; rel=\"next\"";
    }
}
