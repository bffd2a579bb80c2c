using System.Text.Json.Nodes;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine;

/// <summary>What a caller may read of a process instance: identity, status, times and the process-level variables (copies).</summary>
public sealed record InstanceView(
    Guid Id,
    string ProcessKey,
    int ProcessVersion,
    string? BusinessKey,
    InstanceStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyDictionary<string, JsonNode?> Variables)
{
    internal static InstanceView Of(InstanceState state) => new(
        state.Id,
        state.ProcessKey,
        state.ProcessVersion,
        state.BusinessKey,
        state.Status,
        state.StartedAt,
        state.EndedAt,
        state.Scopes.First(s => s.ParentScopeId is null).Variables.ToDictionary(v => v.Key, v => v.Value?.DeepClone(), StringComparer.Ordinal));
}
