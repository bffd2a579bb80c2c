namespace Tsunagu.Host.Security;

/// <summary>A signed-in member of staff: who, which institution, which roles.</summary>
public sealed record StaffAccount(string Id, string Name, string Institution, IReadOnlyList<string> Roles);

/// <summary>Finds staff accounts (the loaded pack's staff list).</summary>
public interface IStaffDirectory
{
    StaffAccount? Find(string id);
}

/// <summary>Role names as they appear in staff lists and claims.</summary>
public static class StaffRoles
{
    public const string Caseworker = "caseworker";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
}

/// <summary>Authorization policies: every endpoint names one.</summary>
public static class Policies
{
    /// <summary>Reads or writes case data (要配慮個人情報): caseworkers, supervisors, administrators.</summary>
    public const string CaseData = "case-data";

    /// <summary>Changes processes, rules and settings.</summary>
    public const string Admin = "admin";

    /// <summary>The claim carrying the staff member's institution.</summary>
    public const string InstitutionClaim = "tsunagu:institution";
}
