namespace Tsunagu.Cases.Casework;

/// <summary>A member of staff as a pack's staff.json lists them; <see cref="Area"/> binds them to one 日常生活圏域.</summary>
public sealed record StaffMember
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Institution { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    public string? Area { get; init; }
}

/// <summary>Staff roles (staff.json: caseworker, supervisor, admin); a task without <c>candidateRole</c> asks for a caseworker.</summary>
public static class StaffRoles
{
    public const string Caseworker = "caseworker";

    public const string Supervisor = "supervisor";

    public const string Admin = "admin";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Caseworker, Supervisor, Admin };
}
