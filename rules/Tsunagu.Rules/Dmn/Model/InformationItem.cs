namespace Tsunagu.Rules.Dmn.Model;

/// <summary>A named, optionally typed variable: a DRG element's variable, a parameter, a context entry or a relation column.</summary>
public sealed record InformationItem
{
    public string? Id { get; init; }

    public required string Name { get; init; }

    public string? Label { get; init; }

    /// <summary>The raw typeRef text (e.g. <c>number</c>, <c>tPerson</c>, <c>feel:string</c>, <c>imported.tType</c>); never resolved here.</summary>
    public string? TypeRef { get; init; }
}
