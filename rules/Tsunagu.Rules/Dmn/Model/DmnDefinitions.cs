using System.Xml.Linq;

namespace Tsunagu.Rules.Dmn.Model;

/// <summary>A parsed DMN model (<c>&lt;definitions&gt;</c>).</summary>
public sealed record DmnDefinitions
{
    public string? Id { get; init; }

    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required DmnVersion DmnVersion { get; init; }

    /// <summary>The model's default expression language URI; null means FEEL.</summary>
    public string? ExpressionLanguage { get; init; }

    public string? TypeLanguage { get; init; }

    public IReadOnlyList<Import> Imports { get; init; } = [];

    public IReadOnlyList<ItemDefinition> ItemDefinitions { get; init; } = [];

    public IReadOnlyList<Decision> Decisions { get; init; } = [];

    public IReadOnlyList<InputData> InputData { get; init; } = [];

    public IReadOnlyList<BusinessKnowledgeModel> BusinessKnowledgeModels { get; init; } = [];

    public IReadOnlyList<DecisionService> DecisionServices { get; init; } = [];

    /// <summary>The document as read (whitespace preserved), so DMNDI and extension elements survive a round trip.</summary>
    public required XDocument Document { get; init; }

    /// <summary><c>sha256:</c> + lowercase hex over the canonical form defined in docs/adr/0002-dmn-version-hash.md.</summary>
    public required string VersionHash { get; init; }

    /// <summary>All decisions, input data, BKMs and decision services, in that order.</summary>
    public IEnumerable<DrgElement> DrgElements =>
        Decisions.Concat<DrgElement>(InputData).Concat(BusinessKnowledgeModels).Concat(DecisionServices);

    /// <summary>The DRG element with this id, or null. Models are small, so a scan is cheap enough.</summary>
    public DrgElement? FindById(string id) => DrgElements.FirstOrDefault(e => e.Id == id);

    /// <summary>The first DRG element with this name, or null.</summary>
    public DrgElement? FindByName(string name) => DrgElements.FirstOrDefault(e => e.Name == name);

    public ItemDefinition? FindItemDefinition(string name) => ItemDefinitions.FirstOrDefault(d => d.Name == name);

    /// <summary>The element an href points to in this model; null when it points into an import or nowhere.</summary>
    public DrgElement? Resolve(DmnHref href)
    {
        ArgumentNullException.ThrowIfNull(href);
        return href.IsLocalTo(Namespace) ? FindById(href.Id) : null;
    }

    /// <summary>The import whose namespace an href names, or null for a local href.</summary>
    public Import? FindImport(DmnHref href)
    {
        ArgumentNullException.ThrowIfNull(href);
        return href.IsLocalTo(Namespace) ? null : Imports.FirstOrDefault(i => i.Namespace == href.Namespace);
    }
}
