using System.Text;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Rules.Tests.Dmn;

[TestClass]
public sealed class DmnParserErrorTests
{
    [TestMethod]
    public void Parse_BillionLaughs_RefusedAsModelParseException()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" name="&lol3;" namespace="urn:x"/>
            """;

        var e = Assert.ThrowsExactly<ModelParseException>(() => DmnParser.Parse(xml));

        Assert.Contains("DOCTYPE declarations", e.Message);
    }

    [TestMethod]
    public void Parse_ExternalEntityDoctype_RefusedFromStream()
    {
        var xml = """<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><definitions>&x;</definitions>""";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));

        Assert.ThrowsExactly<ModelParseException>(() => DmnParser.Parse(stream));
    }

    [TestMethod]
    public void Parse_MalformedXml_ReportsLineAndColumn()
    {
        var xml = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20230324/MODEL/\" name=\"n\" namespace=\"urn:x\">\n  <decision name=\"d\">\n  </decisoin>\n</definitions>";

        var e = Assert.ThrowsExactly<ModelParseException>(() => DmnParser.Parse(xml));

        Assert.AreEqual(3, e.Line);
        Assert.AreEqual(5, e.Column);
        Assert.StartsWith("Invalid XML", e.Message);
    }

    [TestMethod]
    public void Parse_InvalidUtf8Bytes_ThrowsModelParseException()
    {
        var bytes = Encoding.UTF8.GetBytes("<definitions name=\"").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"/>")).ToArray();
        using var stream = new MemoryStream(bytes);

        Assert.ThrowsExactly<ModelParseException>(() => DmnParser.Parse(stream));
    }

    [TestMethod]
    public void Parse_EmptyInput_ThrowsModelParseException()
    {
        Assert.ThrowsExactly<ModelParseException>(() => DmnParser.Parse(""));
    }

    [TestMethod]
    [DataRow("<definitions name=\"n\" namespace=\"urn:x\"/>")]
    [DataRow("<definitions xmlns=\"http://www.omg.org/spec/DMN/20991231/MODEL/\" name=\"n\" namespace=\"urn:x\"/>")]
    [DataRow("<decision xmlns=\"https://www.omg.org/spec/DMN/20230324/MODEL/\" name=\"n\"/>")]
    public void Parse_UnknownRoot_Throws(string xml)
    {
        var e = Assert.ThrowsExactly<ModelParseException>(() => DmnParser.Parse(xml));

        Assert.Contains("Unknown root element", e.Message);
        Assert.AreEqual(1, e.Line);
    }

    [TestMethod]
    public void Parse_DefinitionsWithoutNamespaceAttribute_Throws()
    {
        var e = Assert.ThrowsExactly<ModelParseException>(() =>
            DmnParser.Parse("""<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="defs" name="n"/>"""));

        Assert.Contains("'namespace'", e.Message);
        Assert.AreEqual("defs", e.ElementId);
    }

    [TestMethod]
    public void Parse_DecisionWithoutName_ThrowsNamingTheElement()
    {
        var e = Assert.ThrowsExactly<ModelParseException>(() => DmnTestData.Parse("""<decision id="nameless"/>"""));

        Assert.AreEqual("nameless", e.ElementId);
        Assert.Contains("'name'", e.Message);
        Assert.AreEqual(2, e.Line);
    }

    [TestMethod]
    [DataRow("""<decision name="d"><informationRequirement/></decision>""")]
    [DataRow("""<decision name="d"><informationRequirement><requiredInput/></informationRequirement></decision>""")]
    [DataRow("""<decision name="d"><knowledgeRequirement/></decision>""")]
    [DataRow("""<itemDefinition name="t" isCollection="maybe"/>""")]
    [DataRow("""<decision name="d"><functionDefinition kind="Cobol"/></decision>""")]
    [DataRow("""<decision name="d"><context><contextEntry><variable name="x"/></contextEntry></context></decision>""")]
    [DataRow("""<decision name="d"><invocation><binding/></invocation></decision>""")]
    public void Parse_StructurallyInvalidElement_ThrowsModelParseException(string body)
    {
        Assert.ThrowsExactly<ModelParseException>(() => DmnTestData.Parse(body));
    }

    [TestMethod]
    public void Parse_DocumentOverSizeLimit_ThrowsModelParseException()
    {
        var padding = new string(' ', 17 * 1024 * 1024);

        Assert.ThrowsExactly<ModelParseException>(() => DmnTestData.Parse(padding));
    }
}
