using Tsunagu.Engine.Extensibility;
using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Syntax;

namespace Tsunagu.Engine.Execution;

/// <summary>A script that could not run (bad syntax, runtime failure): a technical error, so an incident.</summary>
public sealed class ScriptFailedException : TsunaguEngineException
{
    public ScriptFailedException()
    {
    }

    public ScriptFailedException(string message)
        : base(message)
    {
    }

    public ScriptFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A business-rule task names a decision that is not deployed.</summary>
public sealed class DecisionNotFoundException : TsunaguEngineException
{
    public DecisionNotFoundException()
    {
    }

    public DecisionNotFoundException(string message)
        : base(message)
    {
    }

    public DecisionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Script tasks in FEEL, the only built-in script language: the script's value, if a context, sets variables.</summary>
internal sealed class FeelScriptRunner : IScriptRunner
{
    private static readonly FeelScriptRunner Instance = new();

    /// <summary>The FEEL runner for FEEL formats (or no format); null for any other language.</summary>
    public static IScriptRunner? ForFormat(string? format) =>
        format is null or "" or "feel" or "FEEL" or "application/feel" or "text/feel" ? Instance : null;

    public object? Run(ScriptContext context)
    {
        try
        {
            var evaluation = new FeelEvaluationContext(context.Time);
            var value = FeelExpression.CompileDynamic(context.Script).Evaluate(context.Variables, evaluation);
            return value is null && evaluation.Diagnostics.Count > 0
                ? throw new ScriptFailedException($"Script of '{context.NodeId}' failed: {string.Join(" | ", evaluation.Diagnostics)}")
                : value;
        }
        catch (FeelSyntaxException e)
        {
            throw new ScriptFailedException($"Script of '{context.NodeId}' is not valid FEEL: {e.Message} (at {e.Position})", e);
        }
    }
}
