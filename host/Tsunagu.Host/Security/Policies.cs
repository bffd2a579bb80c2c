using Microsoft.AspNetCore.Authorization;
using Tsunagu.Cases.Casework;

namespace Tsunagu.Host.Security;

/// <summary>Authorization policies: every endpoint names one (a test enumerates the endpoints and fails on one without).</summary>
public static class Policies
{
    /// <summary>Any signed-in account; what it may see is then the domain's decision (a case, a meeting).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Works with case data (要配慮個人情報): caseworkers, coordinators, supervisors, administrators.</summary>
    public const string CaseData = "case-data";

    /// <summary>Runs 多機関協働 and the meetings: coordinators.</summary>
    public const string Coordination = "coordination";

    /// <summary>Reads the aggregate indicators: supervisors and administrators.</summary>
    public const string Supervision = "supervision";

    /// <summary>Changes processes, rules, accounts and settings; reads the audit trail.</summary>
    public const string Admin = "admin";

    /// <summary>The claim carrying the staff member's institution.</summary>
    public const string InstitutionClaim = "tsunagu:institution";

    public static AuthorizationBuilder AddTsunaguPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(CaseData, p => p.RequireRole(StaffRoles.Caseworker, StaffRoles.Coordinator, StaffRoles.Supervisor, StaffRoles.Admin))
            .AddPolicy(Coordination, p => p.RequireRole(StaffRoles.Coordinator))
            .AddPolicy(Supervision, p => p.RequireRole(StaffRoles.Supervisor, StaffRoles.Admin))
            .AddPolicy(Admin, p => p.RequireRole(StaffRoles.Admin));
    }
}
