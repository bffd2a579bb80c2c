using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Extensions;
using Tsunagu.Cases;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>
/// How a paged list answers (ADR 0024): the page's items as the body, the array the list always returned, and the next
/// page as a <c>Link: &lt;…?after=…&gt;; rel="next"</c> header (RFC 8288), absent on the last page. Cursors leave the
/// host sealed (Data Protection, bound to the list, the caller and the municipality): a cursor names the last item a page
/// looked at, which may be one the caller may not see, and a client must not start a list wherever it likes.
/// </summary>
internal static class PageResults
{
    public static IResult Ok<T, TView>(HttpContext context, Page<T> page, Func<T, TView> view) => Answer(context, page, view, next => Protector(context).Protect(next));

    /// <summary>A page of the audit trail, whose cursor is the sequence number itself: an administrator may name one, and it hides nothing.</summary>
    public static IResult InSequence<T, TView>(HttpContext context, Page<T> page, Func<T, TView> view) => Answer(context, page, view, next => next);

    /// <summary>The list's own cursor inside an <c>after</c> this host gave this caller for this list; 400 for any other.</summary>
    public static string? After(HttpContext context, string? after)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return after is null ? null : Protector(context).Unprotect(after);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw Paging.InvalidCursor();
        }
    }

    /// <summary>The page's items as the body, the next page (the request's own query with <c>after</c> set) as a Link header.</summary>
    private static IResult Answer<T, TView>(HttpContext context, Page<T> page, Func<T, TView> view, Func<string, string> cursor)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        if (page.Next is { } next)
        {
            var request = context.Request;
            var query = new QueryBuilder(request.Query.Where(q => q.Key != "after")) { { "after", cursor(next) } };
            context.Response.Headers.Link = $"<{request.PathBase}{request.Path}{query.ToQueryString()}>; rel=\"next\"";
        }

        return Results.Ok(page.Items.Select(view));
    }

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(
            "Tsunagu.Paging", context.Request.Path, context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", context.User.FindFirstValue(AccountClaims.TenantClaim) ?? "");
}
