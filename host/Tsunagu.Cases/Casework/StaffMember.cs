namespace Tsunagu.Cases.Casework;

/// <summary>A member of staff as a pack's staff.json lists them; <see cref="Area"/> binds them to one 日常生活圏域.</summary>
public sealed record StaffMember
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Institution { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    public string? Area { get; init; }

    /// <summary>A pack's staff.json entry (the same fields: institution by name, roles, 圏域).</summary>
    public static StaffMember FromPack(Packs.StaffMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new() { Id = member.Id, Name = member.Name, Institution = member.Institution, Roles = member.Roles, Area = member.Area };
    }
}

/// <summary>Staff roles (staff.json: caseworker, supervisor, admin); a task without <c>candidateRole</c> asks for a caseworker.</summary>
public static class StaffRoles
{
    public const string Caseworker = "caseworker";
}
