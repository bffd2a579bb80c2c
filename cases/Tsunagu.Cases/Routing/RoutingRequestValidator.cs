using Tsunagu.Cases.Packs;

namespace Tsunagu.Cases.Routing;

/// <summary>Limits that keep one routing request small (it is evaluated synchronously).</summary>
public static class RoutingLimits
{
    public const int MaxHouseholdMembers = 20;
    public const int MaxConcerns = 20;
    public const int MaxAge = 130;
    public const int MaxTextLength = 50;

    internal static void CheckCount(string field, int count, int max)
    {
        if (count > max)
        {
            throw new RoutingValidationException(field, $"At most {max} entries are accepted, not {count}.");
        }
    }
}

/// <summary>Checks a request against the contract and the pack (vocabulary, 日常生活圏域, limits); throws <see cref="RoutingValidationException"/>.</summary>
public static class RoutingRequestValidator
{
    public static void Validate(RoutingRequest request, SamplePack pack)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pack);
        if (request.Municipality != pack.Municipality.Id)
        {
            throw new RoutingValidationException("municipality", $"'{request.Municipality}' is not the pack's municipality '{pack.Municipality.Id}'.");
        }

        if (!ConsentStatus.All.Contains(request.Consent))
        {
            throw new RoutingValidationException("consent", $"Must be one of {string.Join(", ", ConsentStatus.All)}.");
        }

        ValidateSubject(request.Person, "person");
        if (request.Person.Area is { Length: > RoutingLimits.MaxTextLength })
        {
            throw new RoutingValidationException("person.area", $"At most {RoutingLimits.MaxTextLength} characters.");
        }

        if (request.Person.Area is { } area && pack.Settings.Areas.Count > 0 && !pack.Settings.Areas.Contains(area))
        {
            throw new RoutingValidationException("person.area", $"Unknown 日常生活圏域 '{area}' for {pack.Municipality.Name}; expected one of {string.Join(", ", pack.Settings.Areas)}.");
        }

        RoutingLimits.CheckCount("household", request.Household.Count, RoutingLimits.MaxHouseholdMembers);
        for (var i = 0; i < request.Household.Count; i++)
        {
            var member = request.Household[i];
            ValidateSubject(member, $"household[{i}]");
            if (member.Relation is { Length: > RoutingLimits.MaxTextLength })
            {
                throw new RoutingValidationException($"household[{i}].relation", $"At most {RoutingLimits.MaxTextLength} characters.");
            }
        }
    }

    private static void ValidateSubject(RoutingSubject subject, string path)
    {
        ArgumentNullException.ThrowIfNull(subject, path);
        if (subject.Age is < 0 or > RoutingLimits.MaxAge)
        {
            throw new RoutingValidationException($"{path}.age", $"Must be between 0 and {RoutingLimits.MaxAge}.");
        }

        if (!DisabilityKind.All.Contains(subject.Disability))
        {
            throw new RoutingValidationException($"{path}.disability", $"'{subject.Disability}' is not one of {string.Join(", ", DisabilityKind.All)}.");
        }

        RoutingLimits.CheckCount($"{path}.concerns", subject.Concerns.Count, RoutingLimits.MaxConcerns);
        for (var i = 0; i < subject.Concerns.Count; i++)
        {
            if (!Concern.All.Contains(subject.Concerns[i]))
            {
                throw new RoutingValidationException($"{path}.concerns[{i}]", $"Unknown concern '{subject.Concerns[i]}'; expected one of {string.Join(", ", Concern.All)}.");
            }
        }
    }
}
