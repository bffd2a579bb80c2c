using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Model;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Conformance.Betsy;

/// <summary>
/// The betsy marker "scripts": each script text is a word that appends to the trace or changes a variable
/// (see the conformance data's README). Data tasks write and read the data object their associations name.
/// </summary>
internal sealed class BetsyScriptRunner(BpmnDefinitions definitions, List<string> trace) : IScriptRunner
{
    private const string StringData = "String";

    public object? Run(ScriptContext context)
    {
        var word = context.Script.Trim();
        switch (word)
        {
            case "CREATE_LOG_FILE":
                return null;
            case "CREATE_MARKER_FILE":
                trace.Add("MARKER_exists");
                return null;
            case "INCREMENT_INTEGER_VARIABLE":
            case "INCREMENT_INTEGER_VARIABLE_AND_LOG":
                if (word.EndsWith("_AND_LOG", StringComparison.Ordinal))
                {
                    trace.Add("INCREMENT_correct");
                }

                var current = context.Variables.TryGet("integerVariable", out var v) && v is FeelNumber n ? n : FeelNumber.Zero;
                return FeelContext.Create([new("integerVariable", current + FeelNumber.One)]);
            case "SET_STRING_DATA":
                var target = DataName(Node(context).DataOutputAssociations.Select(a => a.TargetRef).FirstOrDefault()) ?? ProcessProperty(context);
                return target is null ? null : FeelContext.Create([new(target, StringData)]);
            case "LOG_DATA":
                var source = DataName(Node(context).DataInputAssociations.SelectMany(a => a.SourceRefs).FirstOrDefault()) ?? ProcessProperty(context);
                if (source is not null && context.Variables.TryGet(source, out var data) && data is StringData)
                {
                    trace.Add("DATA_correct");
                }

                return null;
            case "THROW_ERROR":
                throw new ScriptFailedException("THROW_ERROR: the script failed.");
            default:
                if (word.StartsWith("SCRIPT_", StringComparison.Ordinal))
                {
                    trace.Add(word);
                    return null;
                }

                throw new ScriptFailedException($"Unknown marker '{word}'.");
        }
    }

    private FlowNode Node(ScriptContext context) =>
        definitions.Processes.Select(p => p.Nodes.GetValueOrDefault(context.NodeId)).FirstOrDefault(n => n is not null)
        ?? definitions.GlobalTasks[context.NodeId];

    /// <summary>A task without data associations works on its process's property (betsy's adapters map it to a process variable).</summary>
    private string? ProcessProperty(ScriptContext context) =>
        definitions.Processes.FirstOrDefault(p => p.Nodes.ContainsKey(context.NodeId))?.Properties is [var property, ..] ? property.Id : null;

    /// <summary>A data object reference stands for its data object; properties and data objects are named by id.</summary>
    private string? DataName(string? reference) => reference is null ? null
        : definitions.Processes.SelectMany(p => p.DataObjectReferences).FirstOrDefault(r => r.Id == reference)?.DataObjectRef ?? reference;
}
