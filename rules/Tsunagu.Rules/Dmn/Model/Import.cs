namespace Tsunagu.Rules.Dmn.Model;

/// <summary>An <c>&lt;import&gt;</c>: another model (or other document) whose elements are referenced through <see cref="Name"/>.</summary>
public sealed record Import
{
    public required string Namespace { get; init; }

    /// <summary>The prefix by which FEEL refers to the imported elements (empty means unprefixed).</summary>
    public required string Name { get; init; }

    public string? LocationUri { get; init; }

    public required string ImportType { get; init; }
}
