using System.Text.Json;

namespace Tsunagu.Host.Tests;

[TestClass]
[DoNotParallelize]
public sealed class DmnCliTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static (int Exit, string Out, string Error) Run(params string[] args) => CliRun.Run(args);

    [TestMethod]
    public void DmnEval_ElderWithDementia_PrintsReferralWithRuleAndAnnotation()
    {
        var input = Path.GetTempFileName();
        File.WriteAllText(input, """{ "age": 82, "concern": "dementia" }""");

        var (exit, stdout, _) = Run("dmn", "eval", Fixture("referral.dmn"), "Referral", "--input", input);

        Assert.AreEqual(0, exit);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.AreEqual("高齢者いきいき安心センター", root.GetProperty("value")[0].GetString());
        var rule = root.GetProperty("matches")[0].GetProperty("rules")[0];
        Assert.AreEqual(1, rule.GetProperty("number").GetInt32());
        Assert.AreEqual("elderly", rule.GetProperty("id").GetString());
        Assert.AreEqual("地域包括支援センター", rule.GetProperty("annotations").GetProperty("根拠").GetString());
        StringAssert.StartsWith(root.GetProperty("decisionVersion").GetString(), "sha256:");
    }

    [TestMethod]
    public void DmnEval_UnknownDecision_ExitsWithTwoAndMessage()
    {
        var (exit, _, error) = Run("dmn", "eval", Fixture("referral.dmn"), "NoSuchDecision");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "NoSuchDecision");
    }

    [TestMethod]
    public void DmnEval_MalformedModel_ExitsWithTwoAndLine()
    {
        var model = Path.GetTempFileName();
        File.WriteAllText(model, "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">\n<decision");

        var (exit, _, error) = Run("dmn", "eval", model, "X");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "line 2");
    }

    [TestMethod]
    public void DmnTck_FolderWithOnePassingCase_PrintsCounts()
    {
        var dir = Directory.CreateTempSubdirectory("tck").FullName;
        var folder = Directory.CreateDirectory(Path.Combine(dir, "compliance-level-2", "0001-referral")).FullName;
        File.Copy(Fixture("referral.dmn"), Path.Combine(folder, "referral.dmn"));
        File.WriteAllText(Path.Combine(folder, "referral-test-01.xml"), """
            <testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
              <modelName>referral.dmn</modelName>
              <testCase id="001">
                <inputNode name="age"><value xsi:type="xsd:decimal">70</value></inputNode>
                <inputNode name="concern"><value xsi:type="xsd:string">poverty</value></inputNode>
                <resultNode name="Referral"><expected><list><item><value xsi:type="xsd:string">松戸市自立相談支援センター</value></item></list></expected></resultNode>
              </testCase>
              <testCase id="002">
                <inputNode name="age"><value xsi:type="xsd:decimal">70</value></inputNode>
                <inputNode name="concern"><value xsi:type="xsd:string">poverty</value></inputNode>
                <resultNode name="Referral"><expected><list/></expected></resultNode>
              </testCase>
            </testCases>
            """);

        var (exit, stdout, _) = Run("dmn", "tck", dir);

        Assert.AreEqual(1, exit);
        StringAssert.Contains(stdout, "FAIL 0001-referral #002");
        StringAssert.Contains(stdout, "compliance-level-2: 1 passed, 1 failed");
        Assert.AreEqual("1 passed, 1 failed", stdout.TrimEnd().Split('\n')[^1].Trim());
    }
}
