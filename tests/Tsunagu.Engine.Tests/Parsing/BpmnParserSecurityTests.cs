using Tsunagu.Engine.Parsing;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Engine.Tests.Parsing;

[TestClass]
public sealed class BpmnParserSecurityTests
{
    [TestMethod]
    public void Parse_BillionLaughsDtd_IsRefusedWithoutExpansion()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">&lol2;</definitions>
            """;

        var error = Assert.ThrowsExactly<ModelParseException>(() => BpmnParser.Parse(xml));

        StringAssert.Contains(error.Message, "DOCTYPE");
    }

    [TestMethod]
    public void Parse_ExternalEntity_IsRefused()
    {
        const string xml = """<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">&x;</definitions>""";

        Assert.ThrowsExactly<ModelParseException>(() => BpmnParser.Parse(xml));
    }

    [TestMethod]
    public void Parse_DocumentOverSizeLimit_IsRefused()
    {
        var padding = new string(' ', (int)SecureXmlReader.MaxCharacters);
        var xml = Models.Process("") + padding + "<!-- end -->";

        var error = Assert.ThrowsExactly<ModelParseException>(() => BpmnParser.Parse(xml));

        StringAssert.Contains(error.Message, "Invalid XML");
    }

    [TestMethod]
    public void Parse_MalformedXml_ReportsLineAndColumn()
    {
        const string xml = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\">\n  <process id=\"p\">\n    <task id=\"t\">\n  </process>\n</definitions>";

        var error = Assert.ThrowsExactly<ModelParseException>(() => BpmnParser.Parse(xml));

        Assert.AreEqual(4, error.Line);
        Assert.AreEqual(5, error.Column);
    }

    [TestMethod]
    public void Parse_WrongRootElement_NamesTheElement()
    {
        var error = Assert.ThrowsExactly<ModelParseException>(() => BpmnParser.Parse("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\"/>"));

        StringAssert.Contains(error.Message, "definitions");
        Assert.AreEqual(1, error.Line);
    }

    [TestMethod]
    public void Parse_DuplicateId_NamesItWithPosition()
    {
        var xml = Models.Process("<task id=\"t\"/>\n<task id=\"t\"/>");

        var error = Assert.ThrowsExactly<ModelParseException>(() => BpmnParser.Parse(xml));

        StringAssert.Contains(error.Message, "Duplicate id 't'");
        Assert.AreEqual("t", error.ElementId);
        Assert.AreEqual(2, error.Line);
    }

    [TestMethod]
    public void Parse_FlowNodeWithoutId_IsRefused()
    {
        var error = Assert.ThrowsExactly<ModelParseException>(() => BpmnParser.Parse(Models.Process("<task/>")));

        StringAssert.Contains(error.Message, "'id'");
        Assert.AreEqual("p", error.ElementId);
    }

    [TestMethod]
    public void Parse_Windows1252Stream_IsDecoded()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"WINDOWS-1252\"?>" + Models.Process("<task id=\"t\" name=\"Caf\u00e9\"/>");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var stream = new MemoryStream(System.Text.Encoding.GetEncoding(1252).GetBytes(xml));

        var definitions = BpmnParser.Parse(stream);

        Assert.AreEqual("Caf\u00e9", definitions.Processes[0].Nodes["t"].Name);
    }
}
