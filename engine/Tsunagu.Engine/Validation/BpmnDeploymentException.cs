namespace Tsunagu.Engine.Validation;

/// <summary>A model refused at deployment; <see cref="Errors"/> lists every reason found.</summary>
public sealed class BpmnDeploymentException : TsunaguEngineException
{
    public BpmnDeploymentException()
        : this([])
    {
    }

    public BpmnDeploymentException(string message)
        : base(message)
    {
        Errors = [];
    }

    public BpmnDeploymentException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public BpmnDeploymentException(IReadOnlyList<BpmnValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<BpmnValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<BpmnValidationError> errors) =>
        errors.Count == 0
            ? "The BPMN model was refused."
            : $"The BPMN model was refused ({errors.Count} error(s)):" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
}
