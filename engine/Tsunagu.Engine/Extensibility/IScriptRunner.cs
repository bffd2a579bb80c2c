using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Extensibility;

/// <summary>What a script runner sees: the script text and format, and the variables visible to the task.</summary>
public sealed record ScriptContext(Guid InstanceId, string NodeId, string? Format, string Script, FeelContext Variables, TimeProvider Time);

/// <summary>Runs script tasks of one format. The result's entries (a FEEL context) become variables; other results are ignored.</summary>
public interface IScriptRunner
{
    object? Run(ScriptContext context);
}
