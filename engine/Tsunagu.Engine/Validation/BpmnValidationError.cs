namespace Tsunagu.Engine.Validation;

/// <summary>
/// One reason a model cannot be deployed. <see cref="Code"/> is <c>EXT.nnn</c> for a constraint of the BPMN 2.0 spec's list of
/// rules the XSD cannot enforce, or <c>TSU.Name</c> for Tsunagu's own rules. Line and column are 1-based, 0 when unknown.
/// </summary>
public sealed record BpmnValidationError
{
    public required string Code { get; init; }

    public string? ElementId { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    public required string Message { get; init; }

    public override string ToString() =>
        $"{Code} {Message}" + (Line > 0 ? $" (line {Line}, column {Column}" + (ElementId is null ? ")" : $", element '{ElementId}')") : "");
}

/// <summary>What validation found: <see cref="Errors"/> refuse the model, <see cref="Warnings"/> only inform.</summary>
internal sealed record BpmnValidationReport(IReadOnlyList<BpmnValidationError> Errors, IReadOnlyList<BpmnValidationError> Warnings);
