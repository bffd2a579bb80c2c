using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Model;

namespace Tsunagu.Rules.Tests.Dmn;

/// <summary>Locates shared test data and builds small DMN documents.</summary>
internal static class DmnTestData
{
    public const string Dmn15 = "https://www.omg.org/spec/DMN/20230324/MODEL/";

    /// <summary>The shared TCK checkout: TSUNAGU_DMN_TCK, else <c>../shared/dmn-tck</c> next to the repository root.</summary>
    public static string? TckRoot()
    {
        if (Environment.GetEnvironmentVariable("TSUNAGU_DMN_TCK") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tsunagu.slnx")))
            {
                var tck = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "dmn-tck"));
                return Directory.Exists(tck) ? tck : null;
            }
        }

        return null;
    }

    public static string RequireTckRoot() => TckRoot() ?? throw new AssertInconclusiveException("DMN TCK data not found.");

    /// <summary>Asserts a string sequence, in order.</summary>
    public static void SequenceIs(IEnumerable<string> actual, params string[] expected) =>
        CollectionAssert.AreEqual(expected, actual.ToArray());

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Dmn", "Fixtures", name);

    /// <summary>A DMN 1.5 document around <paramref name="body"/>.</summary>
    public static string Model(string body) =>
        $"""
        <definitions xmlns="{Dmn15}" id="defs" name="Test" namespace="urn:test">
        {body}
        </definitions>
        """;

    public static DmnDefinitions Parse(string body) => DmnParser.Parse(Model(body));

    /// <summary>A model whose decision <paramref name="decision"/> is a COLLECT table over two input data with a string output and <paramref name="rules"/>.</summary>
    public static DmnModel CollectTable(string decision, string first, string second, string rules) => DmnModel.Load(DmnParser.Parse(Model($"""
        <inputData id="i1" name="{first}"/>
        <inputData id="i2" name="{second}"/>
        <decision id="d" name="{decision}">
          <informationRequirement><requiredInput href="#i1"/></informationRequirement>
          <informationRequirement><requiredInput href="#i2"/></informationRequirement>
          <decisionTable id="dt" hitPolicy="COLLECT">
            <input id="c1"><inputExpression><text>{first}</text></inputExpression></input>
            <input id="c2"><inputExpression><text>{second}</text></inputExpression></input>
            <output id="o" name="out" typeRef="string"/>
            {rules}
          </decisionTable>
        </decision>
        """)));

    /// <summary>The expression of the only decision of a model holding <paramref name="expressionXml"/>.</summary>
    public static T DecisionExpression<T>(string expressionXml)
        where T : Expression
    {
        var definitions = Parse($"""<decision id="d" name="d">{expressionXml}</decision>""");
        return (T)definitions.Decisions.Single().Expression!;
    }
}
