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

/// <summary>Staff roles a task can ask for (<c>tsunagu:assignment candidateRole</c>).</summary>
public static class StaffRoles
{
    public const string Caseworker = "caseworker";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
}
