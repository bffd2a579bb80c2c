using System.Text;
using Tsunagu.Conformance.Tck;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Rules.Tests.Dmn;

[TestClass]
public sealed class TckReaderTests
{
    private const string File = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <modelName>0001-x.dmn</modelName>
          <labels><label>Compliance Level 3</label></labels>
          <testCase id="001">
            <description>values</description>
            <inputNode name="Person" namespace="urn:imported">
              <component name="name"><value xsi:type="xs:string"> Ann </value></component>
              <component name="age"><value xsi:type="xs:decimal">21</value></component>
              <component name="spouse" xsi:nil="true"/>
            </inputNode>
            <inputNode name="Nothing"><value xsi:nil="true"/></inputNode>
            <inputNode name="Tags">
              <list><item><value xsi:type="xs:string">a</value></item><item><list/></item></list>
            </inputNode>
            <resultNode name="Out" type="decision"><expected><value xsi:type="xs:boolean">true</value></expected></resultNode>
          </testCase>
          <testCase id="002" type="bkm" invocableName="Greet">
            <resultNode name="Greet" errorResult="true"><expected><value xsi:nil="true"/></expected></resultNode>
            <resultNode name="Other"/>
          </testCase>
          <testCase id="003" type="decisionService" invocableName="Svc"/>
        </testCases>
        """;

    private static TckTestFile Read(string xml) => TckReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "mem.xml");

    [TestMethod]
    public void Read_TestFile_ReadsHeaderAndCaseTypes()
    {
        var file = Read(File);

        Assert.AreEqual(("mem.xml", "0001-x.dmn"), (file.Path, file.ModelName));
        DmnTestData.SequenceIs(file.Labels, "Compliance Level 3");
        Assert.AreEqual((TckTestCaseType.Decision, "values"), (file.TestCases[0].Type, file.TestCases[0].Description));
        Assert.AreEqual((TckTestCaseType.Bkm, "Greet"), (file.TestCases[1].Type, file.TestCases[1].InvocableName));
        Assert.AreEqual((TckTestCaseType.DecisionService, "Svc"), (file.TestCases[2].Type, file.TestCases[2].InvocableName));
    }

    [TestMethod]
    public void Read_Components_KeepOrderNilsAndRawText()
    {
        var person = Read(File).TestCases[0].InputNodes[0];

        Assert.AreEqual(("Person", "urn:imported"), (person.Name, person.Namespace));
        var components = ((TckComponents)person.Value).Components;
        DmnTestData.SequenceIs(components.Select(c => c.Name), "name", "age", "spouse");
        Assert.AreEqual(new TckSimple { XsdType = "string", Text = " Ann " }, components[0].Value);
        Assert.AreEqual(new TckSimple { XsdType = "decimal", Text = "21" }, components[1].Value);
        Assert.AreSame(TckNil.Instance, components[2].Value);
    }

    [TestMethod]
    public void Read_NilAndLists_BuildValueTree()
    {
        var inputs = Read(File).TestCases[0].InputNodes;

        Assert.AreSame(TckNil.Instance, inputs[1].Value);
        var items = ((TckList)inputs[2].Value).Items;
        Assert.AreEqual(new TckSimple { XsdType = "string", Text = "a" }, items[0]);
        Assert.IsEmpty(((TckList)items[1]).Items);
    }

    [TestMethod]
    public void Read_ResultNodes_ReadExpectedAndErrorFlag()
    {
        var cases = Read(File).TestCases;

        var result = cases[0].ResultNodes.Single();
        Assert.AreEqual(("Out", "decision", false), (result.Name, result.Type, result.ErrorResult));
        var value = result.Expected;
        Assert.AreEqual(new TckSimple { XsdType = "boolean", Text = "true" }, value);
        Assert.IsTrue(cases[1].ResultNodes[0].ErrorResult);
        var nil = cases[1].ResultNodes[0].Expected;
        Assert.AreSame(TckNil.Instance, nil);
        Assert.IsNull(cases[1].ResultNodes[1].Expected);
    }

    [TestMethod]
    public void Read_XsiTypeOutsideXmlSchema_KeptRaw()
    {
        var file = Read("""
            <testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:f="urn:feel">
              <testCase><inputNode name="x"><value xsi:type="f:range">[1..2]</value></inputNode></testCase>
            </testCases>
            """);

        Assert.AreEqual("f:range", ((TckSimple)file.TestCases[0].InputNodes[0].Value).XsdType);
    }

    [TestMethod]
    [DataRow("""<!DOCTYPE t [<!ENTITY a "a">]><testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase"/>""")]
    [DataRow("""<testCases xmlns="urn:wrong"/>""")]
    [DataRow("""<testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase"><testCase type="unit"/></testCases>""")]
    [DataRow("""<testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase"><testCase><inputNode/></testCase></testCases>""")]
    [DataRow("""<testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase"><testCase>""")]
    public void Read_InvalidTestFile_ThrowsModelParseException(string xml)
    {
        Assert.ThrowsExactly<ModelParseException>(() => Read(xml));
    }

    [TestMethod]
    public void Read_TckDecisionServiceFile_ReadsInvocableCases()
    {
        var path = Path.Combine(DmnTestData.RequireTckRoot(), "compliance-level-3", "0085-decision-services", "0085-decision-services-test-01.xml");

        var file = TckReader.Read(path);

        Assert.AreEqual("0085-decision-services.dmn", file.ModelName);
        Assert.IsTrue(file.TestCases.Any(c => c.Type == TckTestCaseType.DecisionService && c.InvocableName is not null));
    }
}
