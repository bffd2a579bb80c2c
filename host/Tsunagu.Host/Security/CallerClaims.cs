using System.Security.Claims;
using Tsunagu.Cases.Casework;

namespace Tsunagu.Host.Security;

/// <summary>The signed-in member of staff as the domain sees them.</summary>
public static class CallerClaims
{
    public static Caller Caller(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Caller(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has a NameIdentifier claim."),
            user.FindFirstValue(Policies.InstitutionClaim) ?? "",
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }
}
