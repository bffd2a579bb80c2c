using System.Text.Json.Nodes;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Extensibility;

/// <summary>What a service task handler sees: the instance, the task, and the variables visible to it (FEEL values).</summary>
public sealed record ServiceTaskContext(Guid InstanceId, string ProcessKey, string NodeId, string? BusinessKey, FeelContext Variables, int Attempt);

/// <summary>A named C# handler for service tasks (<c>tsunagu:handler name</c>). Returned variables are set on the instance.</summary>
public interface IServiceTaskHandler
{
    Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken);
}
