using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tsunagu.Cases.Packs;

/// <summary>Reads a pack's JSON files into records, turning serializer errors into <see cref="PackException"/>s naming the field.</summary>
internal static class PackJson
{
    private const long MaxFileBytes = 4 * 1024 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    public static T Read<T>(PackFiles files, string file)
        where T : class
    {
        using var stream = files.Open(file) ?? throw new PackException(file, null, $"The file is missing (looked in {files.Location}).");
        if (stream.Length > MaxFileBytes)
        {
            throw new PackException(file, null, $"The file is larger than {MaxFileBytes / 1024 / 1024} MB.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new PackException(file, null, "The file holds null instead of an object.");
        }
        catch (JsonException e)
        {
            throw new PackException(file, Field(e.Path), Describe(e), e);
        }
    }

    /// <summary><c>$.staff[3].roles</c> → <c>staff[3].roles</c>.</summary>
    private static string? Field(string? path) => path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>Serializer messages name .NET types; administrators need the JSON-level problem.</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        const string Missing = "missing required properties including: ";
        var missing = message.IndexOf(Missing, StringComparison.Ordinal);
        if (missing >= 0)
        {
            return $"Missing required field(s): {message[(missing + Missing.Length)..].TrimEnd('.')}";
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "Unknown field.";
        }

        return e.LineNumber is { } line
            ? $"Invalid JSON or a value of the wrong type (line {line + 1})."
            : "Invalid JSON or a value of the wrong type.";
    }
}

/// <summary>pack.json.</summary>
internal sealed record PackFile
{
    public required PackMunicipality Municipality { get; init; }

    public required PackSettings Settings { get; init; }
}

/// <summary>institutions.json.</summary>
internal sealed record InstitutionsFile
{
    public required IReadOnlyList<Institution> Institutions { get; init; }
}
