using Tsunagu.Engine.Model;
using Tsunagu.Engine.Parsing;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Engine.Tests.Parsing;

[TestClass]
public sealed class TsunaguExtensionTests
{
    private static TsunaguExtensions ExtensionsOf(string element, string extensions)
    {
        var definitions = BpmnParser.Parse(Models.Process($"<{element} id=\"n\"><extensionElements>{extensions}</extensionElements></{element}>"));
        return definitions.Processes[0].Nodes["n"].Extensions;
    }

    [TestMethod]
    public void Parse_Assignment_ReadsCandidateExpressionsAndDecision()
    {
        var assignment = ExtensionsOf("userTask", """<tsunagu:assignment candidateInstitution="applicant.school" candidateRole="&quot;clerk&quot;" candidateUser="owner" decision="pickReviewer"/>""").Assignment!;

        Assert.AreEqual("applicant.school", assignment.CandidateInstitution!.Text);
        Assert.AreEqual("\"clerk\"", assignment.CandidateRole!.Text);
        Assert.AreEqual("owner", assignment.CandidateUser!.Text);
        Assert.AreEqual("pickReviewer", assignment.Decision);
    }

    [TestMethod]
    public void Parse_Form_ReadsRef() =>
        Assert.AreEqual("forms/apply", ExtensionsOf("userTask", """<tsunagu:form ref="forms/apply"/>""").FormRef);

    [TestMethod]
    public void Parse_Handler_ReadsName() =>
        Assert.AreEqual("mail.send", ExtensionsOf("serviceTask", """<tsunagu:handler name="mail.send"/>""").Handler);

    [TestMethod]
    public void Parse_Decision_ReadsRefModelAndResultVariable()
    {
        var decision = ExtensionsOf("businessRuleTask", """<tsunagu:decision ref="Eligibility" model="grants" resultVariable="eligible"/>""").Decision!;

        Assert.AreEqual("Eligibility", decision.Ref);
        Assert.AreEqual("grants", decision.Model);
        Assert.AreEqual("eligible", decision.ResultVariable);
    }

    [TestMethod]
    public void Parse_InputsAndOutputs_KeepOrder()
    {
        var extensions = ExtensionsOf("callActivity", """
            <tsunagu:input name="a" expression="x + 1"/><tsunagu:input name="b" expression="y"/><tsunagu:output name="total" expression="sum"/>
            """);

        Assert.AreEqual("a,b", string.Join(",", extensions.Inputs.Select(i => i.Name)));
        Assert.AreEqual("x + 1", extensions.Inputs[0].Expression.Text);
        Assert.AreEqual("sum", extensions.Outputs.Single().Expression.Text);
    }

    [TestMethod]
    public void Parse_Retry_ReadsAttemptsAndBackoff()
    {
        var retry = ExtensionsOf("serviceTask", """<tsunagu:retry attempts="3" backoff="PT1M"/>""").Retry!;

        Assert.AreEqual(3, retry.Attempts);
        Assert.AreEqual("PT1M", retry.Backoff);
    }

    [TestMethod]
    public void Parse_Correlation_ReadsKeyExpression() =>
        Assert.AreEqual("order.id", ExtensionsOf("receiveTask", """<tsunagu:correlation key="order.id"/>""").CorrelationKey!.Text);

    [TestMethod]
    public void Parse_CalledVersion_ReadsBindingAndVersion()
    {
        var version = ExtensionsOf("callActivity", """<tsunagu:calledVersion binding="version" version="4"/>""").CalledVersion!;

        Assert.AreEqual(CalledVersionBinding.Version, version.Binding);
        Assert.AreEqual(4, version.Version);
    }

    [TestMethod]
    public void Parse_CalledVersionWithoutNumber_IsRefused()
    {
        var error = Assert.ThrowsExactly<ModelParseException>(() => ExtensionsOf("callActivity", """<tsunagu:calledVersion binding="version"/>"""));

        Assert.AreEqual("n", error.ElementId);
    }

    [TestMethod]
    public void Parse_NoExtensions_GivesNone() =>
        Assert.AreSame(TsunaguExtensions.None, BpmnParser.Parse(Models.Process("<task id=\"n\"/>")).Processes[0].Nodes["n"].Extensions);
}
