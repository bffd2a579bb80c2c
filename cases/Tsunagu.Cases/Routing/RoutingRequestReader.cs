using System.Text.Json;

namespace Tsunagu.Cases.Routing;

/// <summary>
/// Reads routing input JSON into a <see cref="RoutingRequest"/>, checking shapes and types with the path of each field.
/// Unknown fields are refused so a misspelt field (<c>concern</c> for <c>concerns</c>) cannot silently route nothing.
/// </summary>
public static class RoutingRequestReader
{
    private static readonly string[] RootFields = ["municipality", "person", "household", "consent"];
    private static readonly string[] PersonFields = ["age", "area", "livesAlone", "pregnant", "disability", "concerns"];
    private static readonly string[] MemberFields = ["relation", "age", "pregnant", "disability", "concerns"];

    public static RoutingRequest Read(JsonElement json)
    {
        CheckObject(json, "", RootFields);
        var person = Get(json, "person") ?? throw new RoutingValidationException("person", "Required.");
        CheckObject(person, "person", PersonFields);
        var household = Get(json, "household") is { } members ? Household(members) : [];
        return new RoutingRequest
        {
            Municipality = String(json, "", "municipality") ?? throw new RoutingValidationException("municipality", "Required."),
            Person = new RoutingPerson
            {
                Age = Age(person, "person"),
                Area = String(person, "person", "area"),
                LivesAlone = Bool(person, "person", "livesAlone"),
                Pregnant = Bool(person, "person", "pregnant"),
                Disability = String(person, "person", "disability") ?? DisabilityKind.None,
                Concerns = Concerns(person, "person"),
            },
            Household = household,
            Consent = String(json, "", "consent") ?? ConsentStatus.Unknown,
        };
    }

    private static List<HouseholdMember> Household(JsonElement members)
    {
        if (members.ValueKind != JsonValueKind.Array)
        {
            throw new RoutingValidationException("household", "Must be an array of household members.");
        }

        RoutingLimits.CheckCount("household", members.GetArrayLength(), RoutingLimits.MaxHouseholdMembers);
        var result = new List<HouseholdMember>();
        var index = 0;
        foreach (var member in members.EnumerateArray())
        {
            var path = $"household[{index++}]";
            CheckObject(member, path, MemberFields);
            result.Add(new HouseholdMember
            {
                Relation = String(member, path, "relation"),
                Age = Age(member, path),
                Pregnant = Bool(member, path, "pregnant"),
                Disability = String(member, path, "disability") ?? DisabilityKind.None,
                Concerns = Concerns(member, path),
            });
        }

        return result;
    }

    private static void CheckObject(JsonElement element, string path, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RoutingValidationException(path.Length == 0 ? "$" : path, "Must be a JSON object.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new RoutingValidationException(Join(path, property.Name), $"Unknown field; expected one of {string.Join(", ", allowed)}.");
            }
        }
    }

    /// <summary>The field's value; JSON null counts as absent.</summary>
    private static JsonElement? Get(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? String(JsonElement element, string path, string name) => Get(element, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new RoutingValidationException(Join(path, name), "Must be a string."),
    };

    private static bool Bool(JsonElement element, string path, string name) => Get(element, name) switch
    {
        null => false,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new RoutingValidationException(Join(path, name), "Must be true or false."),
    };

    private static int? Age(JsonElement element, string path) => Get(element, "age") switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var age) => age,
        _ => throw new RoutingValidationException(Join(path, "age"), "Must be a whole number of years."),
    };

    private static List<string> Concerns(JsonElement element, string path)
    {
        var field = Join(path, "concerns");
        if (Get(element, "concerns") is not { } concerns)
        {
            return [];
        }

        if (concerns.ValueKind != JsonValueKind.Array)
        {
            throw new RoutingValidationException(field, "Must be an array of strings.");
        }

        RoutingLimits.CheckCount(field, concerns.GetArrayLength(), RoutingLimits.MaxConcerns);
        return [.. concerns.EnumerateArray().Select((c, i) => c.ValueKind == JsonValueKind.String
            ? c.GetString()!
            : throw new RoutingValidationException($"{field}[{i}]", "Must be a string."))];
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
