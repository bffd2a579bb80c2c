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

/// <summary>Staff roles (staff.json and accounts); a task without <c>candidateRole</c> asks for a caseworker.</summary>
public static class StaffRoles
{
    public const string Caseworker = "caseworker";

    public const string Supervisor = "supervisor";

    public const string Admin = "admin";

    /// <summary>多機関協働 staff: sees every case of the municipality and runs the meetings.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>An outside meeting member (民生委員, 医師会, a school): sees only the meetings they belong to.</summary>
    public const string Member = "member";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Caseworker, Supervisor, Admin, Coordinator, Member };

    /// <summary>Every role with its name as staff read it, in the order the pages list them.</summary>
    public static IReadOnlyList<(string Role, string Label)> Labels { get; } =
    [
        (Caseworker, "相談員"),
        (Coordinator, "多機関協働（会議の運営）"),
        (Supervisor, "責任者"),
        (Admin, "管理者"),
        (Member, "会議の外部構成員"),
    ];

    /// <summary>A role's name as staff read it; an unknown role as it is.</summary>
    public static string Label(string role) => Labels.FirstOrDefault(r => r.Role == role).Label ?? role;
}
