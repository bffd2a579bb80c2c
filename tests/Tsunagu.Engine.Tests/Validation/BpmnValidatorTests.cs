using Tsunagu.Engine.Parsing;
using Tsunagu.Engine.Validation;

namespace Tsunagu.Engine.Tests.Validation;

[TestClass]
public sealed class BpmnValidatorTests
{
    private static IReadOnlyList<BpmnValidationError> Validate(string xml) => BpmnValidator.Validate(BpmnParser.Parse(xml));

    private static BpmnValidationError Single(string xml, string code)
    {
        var errors = Validate(xml);
        var matching = errors.Where(e => e.Code == code).ToList();
        Assert.HasCount(1, matching, string.Join("\n", errors));
        return matching[0];
    }

    [TestMethod]
    public void Validate_StraightProcess_HasNoErrors() =>
        Assert.IsEmpty(Validate(Models.Around("<task id=\"a\"/><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/>")));

    [TestMethod]
    public void Validate_NodeOnlyReachableFromItself_IsUnreachable()
    {
        var error = Single(Models.Around("<task id=\"a\"/><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/><task id=\"island\"/><sequenceFlow id=\"g\" sourceRef=\"island\" targetRef=\"island\"/>"), "TSU.Unreachable");

        Assert.AreEqual("island", error.ElementId);
    }

    [TestMethod]
    public void Validate_GatewayWithoutConditionsOrDefault_IsRefused()
    {
        var error = Single(Models.Around("""
            <exclusiveGateway id="a"/><task id="b"/><exclusiveGateway id="z"/>
            <sequenceFlow id="x1" sourceRef="a" targetRef="b"/><sequenceFlow id="x2" sourceRef="a" targetRef="z"/><sequenceFlow id="x3" sourceRef="b" targetRef="z"/>
            """), "TSU.GatewayWithoutConditions");

        Assert.AreEqual("a", error.ElementId);
        Assert.AreEqual(1, error.Line);
    }

    [TestMethod]
    public void Validate_DefaultFlowWithCondition_IsRefused()
    {
        var error = Single(Models.Around($"""
            <exclusiveGateway id="a" default="x2"/><task id="b"/><exclusiveGateway id="z"/>
            <sequenceFlow id="x1" sourceRef="a" targetRef="b">{Models.Expr("conditionExpression", "ok")}</sequenceFlow>
            <sequenceFlow id="x2" sourceRef="a" targetRef="z">{Models.Expr("conditionExpression", "not(ok)")}</sequenceFlow>
            <sequenceFlow id="x3" sourceRef="b" targetRef="z"/>
            """), "TSU.DefaultWithCondition");

        Assert.AreEqual("x2", error.ElementId);
    }

    [TestMethod]
    public void Validate_TimerWithoutValue_IsRefused() =>
        Assert.AreEqual("a", Single(Models.Around("<intermediateCatchEvent id=\"a\"><timerEventDefinition/></intermediateCatchEvent><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/>"), "TSU.TimerWithoutValue").ElementId);

    [TestMethod]
    [DataRow("timeDuration", "PT1X", "EXT.134")]
    [DataRow("timeDate", "2024-13-45T00:00:00Z", "EXT.132")]
    [DataRow("timeCycle", "R3/PTM", "EXT.133")]
    [DataRow("timeDuration", "later", "EXT.134")]
    public void Validate_InvalidTimerValue_IsRefusedWithPosition(string kind, string value, string code)
    {
        var error = Single(Models.Around($"<intermediateCatchEvent id=\"a\"><timerEventDefinition>\n{Models.Expr(kind, value)}</timerEventDefinition></intermediateCatchEvent><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/>"), code);

        Assert.AreEqual(2, error.Line);
        StringAssert.Contains(error.Message, value);
    }

    [TestMethod]
    [DataRow("timeDuration", "P1DT2H")]
    [DataRow("timeDate", "2024-05-01T10:00:00+02:00")]
    [DataRow("timeCycle", "R/PT10M")]
    [DataRow("timeDuration", "delay * 2")]
    public void Validate_ValidTimerValue_IsAccepted(string kind, string value) =>
        Assert.IsEmpty(Validate(Models.Around($"<intermediateCatchEvent id=\"a\"><timerEventDefinition>{Models.Expr(kind, value)}</timerEventDefinition></intermediateCatchEvent><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/>")));

    [TestMethod]
    [DataRow("messageEventDefinition messageRef=\"nope\"")]
    [DataRow("signalEventDefinition signalRef=\"nope\"")]
    [DataRow("errorEventDefinition errorRef=\"nope\"")]
    public void Validate_MissingEventReference_IsRefused(string definition)
    {
        var error = Single(Models.Around($"<task id=\"a\"/><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><endEvent id=\"z\"><{definition}/></endEvent>"), "TSU.Reference");

        StringAssert.Contains(error.Message, "'nope'");
        Assert.AreEqual("z", error.ElementId);
    }

    [TestMethod]
    public void Validate_ReferenceToWrongKind_IsRefused() =>
        StringAssert.Contains(Single(Models.Around("<task id=\"a\"/><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><endEvent id=\"z\"><signalEventDefinition signalRef=\"a\"/></endEvent>"), "TSU.Reference").Message, "<task>");

    [TestMethod]
    public void Validate_ServiceTaskWithoutHandler_IsRefused() =>
        Assert.AreEqual("a", Single(Models.Around("<serviceTask id=\"a\"/><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/>"), "TSU.ServiceTaskWithoutHandler").ElementId);

    [TestMethod]
    public void Validate_ServiceTaskWithHandler_IsAccepted() =>
        Assert.IsEmpty(Validate(Models.Around("<serviceTask id=\"a\"><extensionElements><tsunagu:handler name=\"mail\"/></extensionElements></serviceTask><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/>")));

    [TestMethod]
    public void Validate_BusinessRuleTaskWithoutDecision_IsRefused() =>
        Assert.AreEqual("a", Single(Models.Around("<businessRuleTask id=\"a\"/><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/>"), "TSU.BusinessRuleTaskWithoutDecision").ElementId);

    [TestMethod]
    public void Validate_UnparsableFeelCondition_ReportsPosition()
    {
        var error = Single(Models.Around($"""
            <exclusiveGateway id="a" default="x2"/><exclusiveGateway id="z"/>
            <sequenceFlow id="x1" sourceRef="a" targetRef="z">{Models.Expr("conditionExpression", "amount &gt; ")}</sequenceFlow>
            <sequenceFlow id="x2" sourceRef="a" targetRef="z"/>
            """), "TSU.Feel");

        Assert.AreEqual("x1", error.ElementId);
        Assert.AreEqual(2, error.Line);
        StringAssert.Contains(error.Message, "position");
    }

    [TestMethod]
    public void Validate_UnparsableFeelMapping_IsRefused() =>
        Assert.AreEqual("a", Single(Models.Around("<task id=\"a\"><extensionElements><tsunagu:input name=\"x\" expression=\"1 +\"/></extensionElements></task><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/>"), "TSU.Feel").ElementId);

    [TestMethod]
    public void Validate_ScriptCodeWithoutFormat_IsRefusedButHandlerNameIsAccepted()
    {
        Assert.IsEmpty(Validate(Models.Around("<scriptTask id=\"a\"><script>SCRIPT_task1</script></scriptTask><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/>")));
        Single(Models.Around("<scriptTask id=\"a\"><script>x = 1</script></scriptTask><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/>"), "EXT.053");
    }

    [TestMethod]
    public void EnsureValid_InvalidModel_ThrowsDeploymentExceptionWithErrors()
    {
        var definitions = BpmnParser.Parse(Models.Around("<serviceTask id=\"a\"/><sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"z\"/><task id=\"z\"/>"));

        var error = Assert.ThrowsExactly<BpmnDeploymentException>(() => BpmnValidator.EnsureValid(definitions));

        Assert.AreEqual("TSU.ServiceTaskWithoutHandler", error.Errors.Single().Code);
        StringAssert.Contains(error.Message, "element 'a'");
    }
}
