using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Model;

namespace Tsunagu.Rules.Tests.Dmn;

[TestClass]
public sealed class DmnDrgTests
{
    [TestMethod]
    public void Parse_Definitions_ReadsHeaderAndVersion()
    {
        var definitions = DmnParser.Parse("""
            <definitions xmlns="https://www.omg.org/spec/DMN/20211108/MODEL/" id="x" name="N" namespace="urn:n"
                         expressionLanguage="https://www.omg.org/spec/DMN/20211108/FEEL/" typeLanguage="urn:types"/>
            """);

        Assert.AreEqual(("x", "N", "urn:n", DmnVersion.Dmn14), (definitions.Id, definitions.Name, definitions.Namespace, definitions.DmnVersion));
        Assert.AreEqual("https://www.omg.org/spec/DMN/20211108/FEEL/", definitions.ExpressionLanguage);
        Assert.AreEqual("urn:types", definitions.TypeLanguage);
    }

    [TestMethod]
    [DataRow("http://www.omg.org/spec/DMN/20151101/dmn.xsd", DmnVersion.Dmn11)]
    [DataRow("http://www.omg.org/spec/DMN/20180521/MODEL/", DmnVersion.Dmn12)]
    [DataRow("https://www.omg.org/spec/DMN/20191111/MODEL/", DmnVersion.Dmn13)]
    [DataRow("http://www.omg.org/spec/DMN/20191111/MODEL/", DmnVersion.Dmn13)]
    [DataRow("https://www.omg.org/spec/DMN/20211108/MODEL/", DmnVersion.Dmn14)]
    [DataRow("https://www.omg.org/spec/DMN/20230324/MODEL/", DmnVersion.Dmn15)]
    public void Parse_ModelNamespace_DeterminesVersion(string ns, DmnVersion expected)
    {
        var definitions = DmnParser.Parse($"""<definitions xmlns="{ns}" name="N" namespace="urn:n"><decision name="d"/></definitions>""");

        Assert.AreEqual(expected, definitions.DmnVersion);
        Assert.AreEqual("d", definitions.Decisions.Single().Name);
    }

    [TestMethod]
    public void Parse_ElementWithoutVariable_GetsUntypedVariableNamedLikeIt()
    {
        var definitions = DmnTestData.Parse("""<inputData id="i" name="Season"/>""");

        Assert.AreEqual("Season", definitions.InputData.Single().Variable.Name);
        Assert.IsNull(definitions.InputData.Single().Variable.TypeRef);
    }

    [TestMethod]
    public void Parse_DecisionRequirements_ParsesLocalAndQualifiedHrefs()
    {
        var decision = DmnTestData.Parse("""
            <decision id="d" name="d" label="The D">
              <description> what it does </description>
              <variable id="v" name="d" typeRef="number"/>
              <informationRequirement id="ir1"><requiredDecision href="#other"/></informationRequirement>
              <informationRequirement><requiredInput href="urn:test#in"/></informationRequirement>
              <knowledgeRequirement><requiredKnowledge href="urn:lib#bkm"/></knowledgeRequirement>
              <authorityRequirement><requiredAuthority href="#ks"/></authorityRequirement>
            </decision>
            """).Decisions.Single();

        Assert.AreEqual(("The D", "what it does", "number"), (decision.Label, decision.Description, decision.Variable.TypeRef));
        Assert.AreEqual(new DmnHref { Id = "other" }, decision.InformationRequirements[0].RequiredDecision);
        Assert.AreEqual("ir1", decision.InformationRequirements[0].Id);
        Assert.AreEqual(new DmnHref { Namespace = "urn:test", Id = "in" }, decision.InformationRequirements[1].Required);
        Assert.IsNull(decision.InformationRequirements[1].RequiredDecision);
        Assert.AreEqual(new DmnHref { Namespace = "urn:lib", Id = "bkm" }, decision.KnowledgeRequirements.Single().RequiredKnowledge);
    }

    [TestMethod]
    public void Resolve_HrefQualifiedWithOwnNamespace_FindsLocalElement()
    {
        var definitions = DmnTestData.Parse("""<inputData id="in" name="Input"/>""");

        Assert.AreEqual("Input", definitions.Resolve(DmnHref.Parse("urn:test#in"))?.Name);
        Assert.AreEqual("Input", definitions.Resolve(DmnHref.Parse("#in"))?.Name);
        Assert.IsNull(definitions.Resolve(DmnHref.Parse("urn:other#in")));
    }

    [TestMethod]
    public void Parse_Import_ReadsAttributesAndResolvesCrossModelHref()
    {
        var definitions = DmnTestData.Parse($"""
            <import namespace="urn:lib" name="lib" locationURI="lib.dmn" importType="{DmnTestData.Dmn15}"/>
            <decision id="d" name="d">
              <knowledgeRequirement><requiredKnowledge href="urn:lib#greet"/></knowledgeRequirement>
              <literalExpression><text>lib.Greet("x")</text></literalExpression>
            </decision>
            """);

        var import = definitions.Imports.Single();
        Assert.AreEqual(("urn:lib", "lib", "lib.dmn", DmnTestData.Dmn15), (import.Namespace, import.Name, import.LocationUri, import.ImportType));
        var href = definitions.Decisions.Single().KnowledgeRequirements.Single().RequiredKnowledge;
        Assert.AreSame(import, definitions.FindImport(href));
        Assert.IsNull(definitions.Resolve(href));
    }

    [TestMethod]
    public void Parse_DecisionService_KeepsHrefListsInDocumentOrder()
    {
        var service = DmnTestData.Parse("""
            <decisionService id="ds" name="Service">
              <variable name="Service"/>
              <outputDecision href="#out"/>
              <encapsulatedDecision href="#inner"/>
              <inputDecision href="#d2"/>
              <inputDecision href="#d1"/>
              <inputData href="#b"/>
              <inputData href="#a"/>
            </decisionService>
            """).DecisionServices.Single();

        DmnTestData.SequenceIs(service.OutputDecisions.Select(h => h.Id), "out");
        DmnTestData.SequenceIs(service.EncapsulatedDecisions.Select(h => h.Id), "inner");
        DmnTestData.SequenceIs(service.InputDecisions.Select(h => h.Id), "d2", "d1");
        DmnTestData.SequenceIs(service.InputData.Select(h => h.Id), "b", "a");
    }

    [TestMethod]
    public void Parse_BusinessKnowledgeModel_ReadsEncapsulatedLogic()
    {
        var bkm = DmnTestData.Parse("""
            <businessKnowledgeModel id="b" name="Greet">
              <encapsulatedLogic id="logic" kind="FEEL">
                <formalParameter name="who" typeRef="string"/>
                <literalExpression><text>"Hello " + who</text></literalExpression>
              </encapsulatedLogic>
              <knowledgeRequirement><requiredKnowledge href="#helper"/></knowledgeRequirement>
            </businessKnowledgeModel>
            """).BusinessKnowledgeModels.Single();

        Assert.AreEqual("logic", bkm.EncapsulatedLogic!.Id);
        Assert.AreEqual("who", bkm.EncapsulatedLogic.Parameters.Single().Name);
        Assert.AreEqual("\"Hello \" + who", ((LiteralExpression)bkm.EncapsulatedLogic.Body!).Text);
        Assert.AreEqual("helper", bkm.KnowledgeRequirements.Single().RequiredKnowledge.Id);
    }

    [TestMethod]
    public void Parse_ItemDefinitions_ReadsTypesComponentsConstraintsAndFunctions()
    {
        var definitions = DmnTestData.Parse("""
            <itemDefinition name="tAge" label="Age"><typeRef>number</typeRef><allowedValues><text>[0..150]</text></allowedValues></itemDefinition>
            <itemDefinition name="tNames" isCollection="true"><typeRef>string</typeRef><typeConstraint><text>count(?) > 0</text></typeConstraint></itemDefinition>
            <itemDefinition name="tPerson">
              <itemComponent name="name"><typeRef>string</typeRef></itemComponent>
              <itemComponent name="address"><itemComponent name="city"><typeRef>string</typeRef></itemComponent></itemComponent>
            </itemDefinition>
            <itemDefinition name="tFn"><functionItem outputTypeRef="string"><parameters name="p1" typeRef="number"/></functionItem></itemDefinition>
            """);

        var age = definitions.FindItemDefinition("tAge")!;
        Assert.AreEqual(("number", "[0..150]", false, "Age"), (age.TypeRef, age.AllowedValues, age.IsCollection, age.Label));
        var names = definitions.FindItemDefinition("tNames")!;
        Assert.AreEqual((true, "count(?) > 0"), (names.IsCollection, names.TypeConstraint));
        var person = definitions.FindItemDefinition("tPerson")!;
        Assert.IsNull(person.TypeRef);
        Assert.AreEqual("city", person.ItemComponents[1].ItemComponents.Single().Name);
        var function = definitions.FindItemDefinition("tFn")!.FunctionItem!;
        Assert.AreEqual(("string", "p1", "number"), (function.OutputTypeRef, function.Parameters.Single().Name, function.Parameters.Single().TypeRef));
    }

    [TestMethod]
    public void FindByIdAndName_MixedDrgElements_FindEachKind()
    {
        var definitions = DmnTestData.Parse("""
            <decision id="d" name="Decide"/>
            <inputData id="i" name="Input"/>
            <businessKnowledgeModel id="b" name="Know"/>
            <decisionService id="s" name="Serve"/>
            """);

        Assert.IsInstanceOfType<Decision>(definitions.FindById("d"));
        Assert.IsInstanceOfType<InputData>(definitions.FindByName("Input"));
        Assert.IsInstanceOfType<BusinessKnowledgeModel>(definitions.FindById("b"));
        Assert.IsInstanceOfType<DecisionService>(definitions.FindByName("Serve"));
        Assert.IsNull(definitions.FindById("nope"));
        Assert.HasCount(4, definitions.DrgElements.ToList());
    }

    [TestMethod]
    public void Parse_TckImportModel_ReadsTypedVariableAndImportedKnowledge()
    {
        var path = Path.Combine(DmnTestData.RequireTckRoot(), "compliance-level-3", "0086-import", "0086-import.dmn");
        using var stream = File.OpenRead(path);
        var definitions = DmnParser.Parse(stream);

        var import = definitions.Imports.Single();
        Assert.AreEqual("myimport", import.Name);
        Assert.AreEqual("myimport.tPerson", definitions.FindByName("A Person")!.Variable.TypeRef);
        var knowledge = definitions.Decisions.SelectMany(d => d.KnowledgeRequirements).Select(k => k.RequiredKnowledge).First();
        Assert.AreSame(import, definitions.FindImport(knowledge));
    }
}
