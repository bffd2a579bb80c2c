using Tsunagu.Rules.Xml;
using System.Xml.Linq;
using Tsunagu.Rules.Dmn.Model;

namespace Tsunagu.Rules.Dmn;

/// <summary>The definitions element, item definitions and the DRG elements.</summary>
internal sealed partial class DmnReader
{
    public DmnDefinitions ReadDefinitions(XElement root, DmnVersion version, XDocument document) => new()
    {
        Id = Attr(root, "id"),
        Name = RequiredAttr(root, "name"),
        Namespace = RequiredAttr(root, "namespace"),
        DmnVersion = version,
        ExpressionLanguage = Attr(root, "expressionLanguage"),
        TypeLanguage = Attr(root, "typeLanguage"),
        Imports = Children(root, "import").Select(ReadImport).ToList(),
        ItemDefinitions = Children(root, "itemDefinition").Select(ReadItemDefinition).ToList(),
        Decisions = Children(root, "decision").Select(ReadDecision).ToList(),
        InputData = Children(root, "inputData").Select(e => Drg(e, (name, variable) => new InputData { Name = name, Variable = variable })).ToList(),
        BusinessKnowledgeModels = Children(root, "businessKnowledgeModel").Select(ReadBusinessKnowledgeModel).ToList(),
        DecisionServices = Children(root, "decisionService").Select(ReadDecisionService).ToList(),
        Document = document,
        VersionHash = CanonicalXmlHash.Compute(document),
    };

    private static Import ReadImport(XElement element) => new()
    {
        Namespace = RequiredAttr(element, "namespace"),
        // DMN 1.1 imports have no name; an empty name means "unprefixed".
        Name = Attr(element, "name") ?? "",
        LocationUri = Attr(element, "locationURI"),
        ImportType = RequiredAttr(element, "importType"),
    };

    private ItemDefinition ReadItemDefinition(XElement element) => new()
    {
        Id = Attr(element, "id"),
        Name = RequiredAttr(element, "name"),
        Label = Attr(element, "label"),
        TypeRef = Child(element, "typeRef") is { } typeRef ? Trimmed(typeRef) : null,
        IsCollection = BoolAttr(element, "isCollection"),
        AllowedValues = TextOf(element, "allowedValues"),
        TypeConstraint = TextOf(element, "typeConstraint"),
        ItemComponents = Children(element, "itemComponent").Select(ReadItemDefinition).ToList(),
        FunctionItem = Child(element, "functionItem") is { } function ? ReadFunctionItem(function) : null,
    };

    private FunctionItem ReadFunctionItem(XElement element) => new()
    {
        Parameters = Children(element, "parameters").Select(ReadInformationItem).ToList(),
        OutputTypeRef = Attr(element, "outputTypeRef"),
    };

    /// <summary>Creates a DRG element from its name and variable, then fills the attributes every DRG element shares.</summary>
    private T Drg<T>(XElement source, Func<string, InformationItem, T> create)
        where T : DrgElement
    {
        var name = RequiredAttr(source, "name");
        var variable = Child(source, "variable") is { } declared ? ReadInformationItem(declared) : new InformationItem { Name = name };
        DrgElement element = create(name, variable);
        return (T)(element with
        {
            Id = Attr(source, "id"),
            Label = Attr(source, "label"),
            Description = Child(source, "description") is { } description ? Trimmed(description) : null,
        });
    }

    private Decision ReadDecision(XElement element) => Drg(element, (name, variable) => new Decision
    {
        Name = name,
        Variable = variable,
        InformationRequirements = Children(element, "informationRequirement").Select(ReadInformationRequirement).ToList(),
        KnowledgeRequirements = ReadKnowledgeRequirements(element),
        Expression = FindExpression(element),
    });

    private BusinessKnowledgeModel ReadBusinessKnowledgeModel(XElement element) => Drg(element, (name, variable) => new BusinessKnowledgeModel
    {
        Name = name,
        Variable = variable,
        EncapsulatedLogic = Child(element, "encapsulatedLogic") is { } logic ? WithCommon(ReadFunctionDefinition(logic), logic) : null,
        KnowledgeRequirements = ReadKnowledgeRequirements(element),
    });

    private DecisionService ReadDecisionService(XElement element) => Drg(element, (name, variable) => new DecisionService
    {
        Name = name,
        Variable = variable,
        OutputDecisions = Hrefs(element, "outputDecision"),
        EncapsulatedDecisions = Hrefs(element, "encapsulatedDecision"),
        InputDecisions = Hrefs(element, "inputDecision"),
        InputData = Hrefs(element, "inputData"),
    });

    private InformationRequirement ReadInformationRequirement(XElement element)
    {
        var decision = Child(element, "requiredDecision");
        var input = Child(element, "requiredInput");
        if ((decision is null) == (input is null))
        {
            throw Fail(element, "An informationRequirement needs exactly one of requiredDecision and requiredInput.");
        }

        return new InformationRequirement
        {
            Id = Attr(element, "id"),
            RequiredDecision = decision is null ? null : ReadHref(decision),
            RequiredInput = input is null ? null : ReadHref(input),
        };
    }

    private List<KnowledgeRequirement> ReadKnowledgeRequirements(XElement parent) =>
        Children(parent, "knowledgeRequirement").Select(requirement => new KnowledgeRequirement
        {
            Id = Attr(requirement, "id"),
            RequiredKnowledge = Child(requirement, "requiredKnowledge") is { } knowledge
                ? ReadHref(knowledge)
                : throw Fail(requirement, "A knowledgeRequirement needs a requiredKnowledge."),
        }).ToList();
}
