using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tsunagu.Conformance.Betsy;

/// <summary>One executable test of the betsy manifest (tests.json).</summary>
public sealed record BetsyTest(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("processId")] string ProcessId,
    [property: JsonPropertyName("cases")] IReadOnlyList<BetsyCase> Cases);

public sealed record BetsyCase(
    [property: JsonPropertyName("variables")] IReadOnlyDictionary<string, JsonElement> Variables,
    [property: JsonPropertyName("startParallelProcessFirst")] bool StartParallelProcessFirst,
    [property: JsonPropertyName("waitMs")] int WaitMs,
    [property: JsonPropertyName("expected")] IReadOnlyList<string> Expected);

/// <summary>A case that did not produce the expected trace.</summary>
public sealed record BetsyFailure(string Group, string Name, int Case, IReadOnlyList<string> Expected, IReadOnlyList<string> Actual);

public sealed record BetsyReport(int Passed, int Failed, IReadOnlyList<BetsyFailure> Failures, int ConstraintModels, int ConstraintsRefused, IReadOnlyList<string> ConstraintsAccepted);
