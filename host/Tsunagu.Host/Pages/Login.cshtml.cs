using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Composition;
using Tsunagu.Host.Endpoints;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>Cookie sign-in on the same accounts as the API: the same lockout, the same per-address rate limit, audited.</summary>
[AllowAnonymous]
[EnableRateLimiting(AuthEndpoints.TokenRateLimit)]
[AuditedPage("auth.page", "サインイン")]
public sealed class LoginModel(TenantShells shells, IOptions<TsunaguSettings> settings) : TsunaguPage
{
    public string? Error { get; private set; }

    public string UserName { get; private set; } = "";

    /// <summary>The municipalities to choose from (自治体), id and name; none when the host serves one.</summary>
    public IReadOnlyList<(string Id, string Name)> Municipalities =>
        shells.Several ? [.. shells.All.Select(s => (s.Id, s.Name)).OrderBy(m => m.Id, StringComparer.Ordinal)] : [];

    public string? Municipality { get; private set; }

    public string? ReturnUrl { get; private set; }

    public bool OidcEnabled => settings.Value.Oidc.Enabled;

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? municipality, string? returnUrl, CancellationToken cancellationToken)
    {
        UserName = userName ?? "";
        ReturnUrl = returnUrl;
        Municipality = municipality;
        if (shells.Several && shells.Find(municipality) is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = "自治体を選んでください。";
            return Page();
        }

        var accounts = shells.Enter(HttpContext, municipality).GetRequiredService<AccountService>();
        var result = await accounts.SignInAsync(UserName, password ?? "", cancellationToken);
        if (result.Account is { } account)
        {
            HttpContext.SetAuditActor(account.Id);
            await PageSignIn.SignInAsync(HttpContext, account.Id);
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Error = result.LockedUntil is { } until
            ? $"サインインの失敗が続いたため、このユーザーIDは一時的にロックされています。{Display.Time(until)}以降にもう一度お試しください。"
            : "ユーザーIDまたはパスワードが違います。";
        return Page();
    }

    public IActionResult OnPostOidc() => OidcEnabled
        ? Challenge(new AuthenticationProperties { RedirectUri = "/" }, OpenIdConnectDefaults.AuthenticationScheme)
        : NotFound();
}
