namespace Tsunagu.Cases.Packs;

/// <summary>The municipality a pack belongs to; <see cref="Id"/> is also the pack's folder name.</summary>
public sealed record PackMunicipality
{
    public required string Id { get; init; }

    public required string Name { get; init; }
}

/// <summary>Local choices of a municipality (pack.json <c>settings</c>).</summary>
public sealed record PackSettings
{
    /// <summary>ISO 8601 duration between 支援プラン re-evaluations (モニタリング), e.g. <c>P3M</c>.</summary>
    public string MonitoringInterval { get; init; } = "P3M";

    /// <summary>ISO 8601 duration before a due monitoring when the caseworker is reminded, e.g. <c>P7D</c>.</summary>
    public string ReminderBefore { get; init; } = "P7D";

    /// <summary>Id of the institution that does 多機関協働.</summary>
    public required string MultiAgencyInstitution { get; init; }

    /// <summary>The 日常生活圏域 names; empty when the municipality's plan names none.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];
}

/// <summary>A 支援関係機関 or a kind of site. Where the plan gives only a count, one entry stands for <see cref="Count"/> sites.</summary>
public sealed record Institution
{
    public required string Id { get; init; }

    /// <summary>The exact name from the municipality's plan.</summary>
    public required string Name { get; init; }

    /// <summary>One of <see cref="InstitutionCategory.All"/>.</summary>
    public required string Category { get; init; }

    /// <summary>A shared name that routing may refer to for several institutions (e.g. 基幹相談支援センター).</summary>
    public string? Group { get; init; }

    /// <summary>所管課.</summary>
    public string? Department { get; init; }

    /// <summary>The 日常生活圏域 an area-bound centre serves.</summary>
    public string? Area { get; init; }

    /// <summary>委託, 直営, 一部委託, … as the plan says.</summary>
    public string? Operation { get; init; }

    public int Count { get; init; } = 1;

    /// <summary>Named functions run by the institution (e.g. ホームレス等巡回相談).</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    public string? Note { get; init; }

    /// <summary>Whether cases are referred to it (community sites are not).</summary>
    public bool ReceivesReferrals { get; init; } = true;
}

public static class InstitutionCategory
{
    public const string Elderly = "elderly";
    public const string Disability = "disability";
    public const string Child = "child";
    public const string ChildProtection = "child-protection";
    public const string Maternal = "maternal";
    public const string Livelihood = "livelihood";
    public const string Outreach = "outreach";
    public const string Participation = "participation";
    public const string MultiAgency = "multi-agency";
    public const string Community = "community";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Elderly, Disability, Child, ChildProtection, Maternal, Livelihood, Outreach, Participation, MultiAgency, Community,
    };
}
