namespace Tsunagu.Host.Security;

/// <summary>Authorization policies: every endpoint names one.</summary>
public static class Policies
{
    /// <summary>Reads or writes case data (要配慮個人情報): caseworkers, supervisors, administrators.</summary>
    public const string CaseData = "case-data";

    /// <summary>Reads the aggregate indicators: supervisors and administrators.</summary>
    public const string Supervision = "supervision";

    /// <summary>Changes processes, rules and settings.</summary>
    public const string Admin = "admin";

    /// <summary>The claim carrying the staff member's institution.</summary>
    public const string InstitutionClaim = "tsunagu:institution";
}
