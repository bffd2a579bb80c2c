using Tsunagu.Engine.Model;

namespace Tsunagu.Engine.Validation;

/// <summary>
/// Static checks at deployment: the BPMN 2.0 constraints the XSD cannot enforce (as exercised by the betsy
/// conformance models) and Tsunagu's own rules. An empty result means the model can be deployed.
/// </summary>
internal static class BpmnValidator
{
    public static IReadOnlyList<BpmnValidationError> Validate(BpmnDefinitions definitions) => Analyze(definitions).Errors;

    /// <summary>Errors (the model cannot be deployed) and warnings (it can, but part of it has no effect at run time).</summary>
    public static BpmnValidationReport Analyze(BpmnDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var context = new ValidationContext(definitions);
        DocumentRules.Check(context);
        ReferenceRules.Check(context);
        CollaborationRules.Check(context);
        FlowRules.Check(context);
        EventRules.Check(context);
        DataRules.Check(context);
        ExpressionRules.Check(context);
        TaskRules.Check(context);
        return new BpmnValidationReport(context.Errors, context.Warnings);
    }

    /// <summary>Throws <see cref="BpmnDeploymentException"/> with every error when the model cannot be deployed.</summary>
    public static void EnsureValid(BpmnDefinitions definitions)
    {
        var errors = Validate(definitions);
        if (errors.Count > 0)
        {
            throw new BpmnDeploymentException(errors);
        }
    }
}
