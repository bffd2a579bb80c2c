using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Security;

/// <summary>
/// Maps a person signed in at the municipality's identity provider to a Tsunagu account: the account already bound to
/// the provider's subject, else the account whose id the configured claim names (which is then bound to the subject).
/// No account, or a disabled one, refuses the sign-in. Roles always come from the Tsunagu account, never the provider.
/// </summary>
public sealed class OidcAccounts(IAccountStore accounts)
{
    public async Task<StaffAccount?> MapAsync(ClaimsPrincipal external, OidcSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        ArgumentNullException.ThrowIfNull(settings);
        var subject = external.FindFirstValue("sub") ?? external.FindFirstValue(ClaimTypes.NameIdentifier);
        if (subject is null)
        {
            return null;
        }

        if (await accounts.FindByExternalSubjectAsync(subject, cancellationToken) is { } bound)
        {
            return bound.Disabled ? null : bound;
        }

        var named = external.FindFirstValue(settings.AccountClaim);
        if (named is null || await accounts.FindAsync(named, cancellationToken) is not { Disabled: false, ExternalSubject: null } account)
        {
            return null;
        }

        var mapped = account with { ExternalSubject = subject };
        await accounts.UpdateAsync(mapped, cancellationToken);
        return mapped;
    }

    /// <summary>Replaces the provider's principal with the mapped account's, or fails the sign-in.</summary>
    public static async Task OnTokenValidatedAsync(TokenValidatedContext context, OidcSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mapper = context.HttpContext.RequestServices.GetRequiredService<OidcAccounts>();
        var account = await mapper.MapAsync(context.Principal!, settings, context.HttpContext.RequestAborted);
        if (account is null)
        {
            context.Fail("No Tsunagu account is mapped to this person.");
            return;
        }

        context.Principal = AccountClaims.For(account, context.HttpContext.RequestServices.GetRequiredService<ServedPack>().Id, context.Scheme.Name);
    }
}
