using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;

namespace Tsunagu.Host.Security;

/// <summary>The pages' cookie sign-in (ADR 0015): the cookie carries only the account id, like the bearer token.</summary>
public static class PageSignIn
{
    /// <summary>The default scheme: forwards <c>/api</c> to the bearer scheme and everything else to the cookie.</summary>
    public const string Scheme = "tsunagu";

    /// <summary>A request a person's browser makes for a page: not the API, and carrying no token of its own.</summary>
    public static bool IsPageRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && request.Headers.Authorization.Count == 0;
    }

    public static void Configure(CookieAuthenticationOptions cookie, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        // A browser is sent to the sign-in page; a program asking for anything but HTML gets the status, as from the API.
        cookie.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        cookie.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        cookie.LoginPath = "/login";
        cookie.LogoutPath = "/logout";
        cookie.AccessDeniedPath = "/status/403";
        cookie.Cookie.Name = "tsunagu";
        cookie.Cookie.HttpOnly = true;
        // Strict keeps the cookie off every cross-site request; antiforgery tokens guard the forms as well.
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = lifetime;
        cookie.SlidingExpiration = true;
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.Ordinal) == true))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }

    public static Task SignInAsync(HttpContext context, string accountId) => context.SignInAsync(
        CookieAuthenticationDefaults.AuthenticationScheme,
        new ClaimsPrincipal(AccountClaims.Issued(accountId, context.RequestServices.GetRequiredService<ServedPack>().Id, CookieAuthenticationDefaults.AuthenticationScheme)));

    /// <summary>
    /// Where a signed-in person starts: administrators in the designer, caseworkers and coordinators in the inbox,
    /// supervisors at the indicators; an outside meeting member has no start page (null) and opens meetings by their link.
    /// </summary>
    public static string? StartPage(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(StaffRoles.Admin) ? "/designer"
            : user.IsInRole(StaffRoles.Caseworker) || user.IsInRole(StaffRoles.Coordinator) ? "/inbox"
            : user.IsInRole(StaffRoles.Supervisor) ? "/indicators"
            : null;
    }
}
