using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Security;

/// <summary>
/// Turns an authenticated account id into the account's current claims (name, institution, roles). A disabled or
/// deleted account becomes anonymous, so its tokens stop working on the next request. So does a token or cookie of
/// another municipality (or one without any): hosts of several municipalities may share their keys and one database,
/// and account ids are only unique within a municipality (ADR 0019).
/// </summary>
public sealed class AccountClaims(TenantShells shells) : IClaimsTransformation
{
    /// <summary>The municipality (pack id) a token or cookie was issued for.</summary>
    public const string TenantClaim = "tsunagu:tenant";

    private const string Transformed = "tsunagu:account";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true)
        {
            return principal;
        }

        if (shells.Find(principal.FindFirstValue(TenantClaim)) is not { } shell)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        // While the store cannot be opened the request goes on to be answered 503 in its shell.
        if (principal.HasClaim(c => c.Type == Transformed) || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id
            || !shell.Services.GetRequiredService<Readiness>().StoreReady)
        {
            return principal;
        }

        var account = await shell.Services.GetRequiredService<IAccountStore>().FindAsync(id, CancellationToken.None);
        return account is { Disabled: false } ? For(account, shell.Id, principal.Identity.AuthenticationType) : new ClaimsPrincipal(new ClaimsIdentity());
    }

    /// <summary>What a token or cookie holds: the account id and the municipality it was issued for; the rest is read per request.</summary>
    public static ClaimsIdentity Issued(string accountId, string tenant, string authenticationType) =>
        new([new Claim(ClaimTypes.NameIdentifier, accountId), new Claim(TenantClaim, tenant)], authenticationType);

    public static ClaimsPrincipal For(StaffAccount account, string tenant, string? authenticationType)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id),
            new(ClaimTypes.Name, account.Name),
            new(TenantClaim, tenant),
            new(Transformed, "1"),
        };
        if (account.Institution is { } institution)
        {
            claims.Add(new Claim(Policies.InstitutionClaim, institution));
        }

        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType ?? "tsunagu"));
    }
}

/// <summary>
/// An account disabled after its token was issued authenticates but is made anonymous by <see cref="AccountClaims"/>;
/// such a request is answered 401 (sign in again), not 403.
/// </summary>
public sealed class SignedOutAccountResultHandler : Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler
{
    private readonly Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(
        RequestDelegate next,
        HttpContext context,
        Microsoft.AspNetCore.Authorization.AuthorizationPolicy policy,
        Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        return authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated != true
            ? context.ChallengeAsync()
            : _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
