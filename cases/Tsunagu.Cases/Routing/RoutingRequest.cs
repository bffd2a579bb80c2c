namespace Tsunagu.Cases.Routing;

/// <summary>What routing needs about a consultation: who, the household, their concerns and the consent to share.</summary>
public sealed record RoutingRequest
{
    /// <summary>The pack id (e.g. <c>matsudo</c>, <c>ichikawa</c>).</summary>
    public required string Municipality { get; init; }

    public required RoutingPerson Person { get; init; }

    public IReadOnlyList<HouseholdMember> Household { get; init; } = [];

    /// <summary>One of <see cref="ConsentStatus.All"/>; without it no consent is assumed.</summary>
    public string Consent { get; init; } = ConsentStatus.Unknown;
}

/// <summary>What the person and each household member share: the facts the rules look at.</summary>
public abstract record RoutingSubject
{
    public int? Age { get; init; }

    /// <summary>One of <see cref="DisabilityKind.All"/>.</summary>
    public string Disability { get; init; } = DisabilityKind.None;

    /// <summary>Counts as the concern <c>pregnancy</c>.</summary>
    public bool Pregnant { get; init; }

    /// <summary>Some of <see cref="Concern.All"/>.</summary>
    public IReadOnlyList<string> Concerns { get; init; } = [];
}

/// <summary>The person who consulted.</summary>
public sealed record RoutingPerson : RoutingSubject
{
    /// <summary>The 日常生活圏域; needed only when a rule routes by area.</summary>
    public string? Area { get; init; }

    public bool LivesAlone { get; init; }
}

/// <summary>Someone living with the person.</summary>
public sealed record HouseholdMember : RoutingSubject
{
    /// <summary>Free text such as son, mother, spouse.</summary>
    public string? Relation { get; init; }
}

public static class ConsentStatus
{
    public const string Granted = "granted";
    public const string NotGranted = "not-granted";
    public const string Unknown = "unknown";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Granted, NotGranted, Unknown };
}

public static class DisabilityKind
{
    public const string None = "none";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        None, "physical", "intellectual", "mental", "developmental",
    };
}

/// <summary>The concerns vocabulary the routing rules understand.</summary>
public static class Concern
{
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "elderly-care", "dementia", "disability", "hikikomori", "child-rearing", "childcare-service", "pregnancy", "postpartum",
        "child-abuse-risk", "poverty", "unemployment", "debt", "homelessness", "isolation", "medical-refusal", "self-neglect", "young-carer",
    };
}

/// <summary>Meeting kinds as the routing result names them.</summary>
public static class MeetingKind
{
    public const string Jusou = "重層的支援会議";
    public const string Shien = "支援会議";
    public const string None = "なし";
}
