using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using Tsunagu.Cases.Packs;

namespace Tsunagu.Host.Security;

/// <summary>
/// Issues the API's bearer tokens: ASP.NET Core's data-protected bearer tickets carrying only the account id and the
/// served municipality. Roles,
/// institution and whether the account is still enabled are read from the account store on every request
/// (<see cref="AccountClaims"/>), so disabling an account or changing its roles takes effect at once.
/// </summary>
public sealed class TokenService(IOptionsMonitor<BearerTokenOptions> options, TimeProvider time, ServedPack served)
{
    public (string AccessToken, int ExpiresIn) Issue(string accountId)
    {
        var settings = options.Get(BearerTokenDefaults.AuthenticationScheme);
        var now = time.GetUtcNow();
        var identity = AccountClaims.Issued(accountId, served.Id, BearerTokenDefaults.AuthenticationScheme);
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + settings.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), properties, BearerTokenDefaults.AuthenticationScheme);
        return (settings.BearerTokenProtector.Protect(ticket), (int)settings.BearerTokenExpiration.TotalSeconds);
    }
}
