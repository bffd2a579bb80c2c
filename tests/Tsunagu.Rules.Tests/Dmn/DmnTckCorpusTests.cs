using Tsunagu.Conformance.Tck;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Rules.Tests.Dmn;

[TestClass]
public sealed class DmnTckCorpusTests
{
    [TestMethod]
    public void Parse_EveryTckModel_Succeeds()
    {
        var files = Directory.EnumerateFiles(DmnTestData.RequireTckRoot(), "*.dmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var failures = new List<string>();
        foreach (var file in files)
        {
            try
            {
                using var stream = File.OpenRead(file);
                var definitions = DmnParser.Parse(stream);
                Assert.AreEqual(DmnVersion.Dmn15, definitions.DmnVersion, file);
            }
            catch (ModelParseException e)
            {
                failures.Add($"{file}: {e.Message}");
            }
        }

        Assert.IsGreaterThan(100, files.Count);
        Assert.IsEmpty(failures, string.Join(Environment.NewLine, failures));
    }

    [TestMethod]
    public void Parse_EveryTckModel_GivesEveryDecisionAndBkmItsLogic()
    {
        var missing = Directory.EnumerateFiles(DmnTestData.RequireTckRoot(), "*.dmn", SearchOption.AllDirectories)
            .Select(file => (file, definitions: DmnParser.Parse(File.ReadAllText(file))))
            .SelectMany(m => m.definitions.Decisions.Where(d => d.Expression is null).Select(d => $"{Path.GetFileName(m.file)}: decision {d.Name}")
                .Concat(m.definitions.BusinessKnowledgeModels.Where(b => b.EncapsulatedLogic?.Body is null).Select(b => $"{Path.GetFileName(m.file)}: BKM {b.Name}")))
            .ToList();

        // Adjudication is a human decision: the model gives it an authority, not logic.
        DmnTestData.SequenceIs(missing, "0087-chapter-11-example.dmn: decision Adjudication");
    }

    [TestMethod]
    public void Discover_TckTree_ReadsEveryTestFileInPathOrder()
    {
        var files = TckSuite.Discover(DmnTestData.RequireTckRoot());

        Assert.IsGreaterThan(100, files.Count);
        CollectionAssert.AreEqual(files.Select(f => f.Path).Order(StringComparer.Ordinal).ToList(), files.Select(f => f.Path).ToList());
        Assert.IsTrue(files.All(f => f.ModelName is not null && f.TestCases.Count > 0));
        // The pinned TCK commit holds 92 + 2,804 live cases (its README says 2,872 for level 3; 89 more are commented out).
        Assert.AreEqual(92, files.Where(f => f.Path.Contains("compliance-level-2", StringComparison.Ordinal)).Sum(f => f.TestCases.Count));
        Assert.AreEqual(2804, files.Where(f => f.Path.Contains("compliance-level-3", StringComparison.Ordinal)).Sum(f => f.TestCases.Count));
    }

    [TestMethod]
    public void Discover_TckTree_EveryModelNameExistsBesideItsTestFile()
    {
        var missing = TckSuite.Discover(DmnTestData.RequireTckRoot())
            .Where(f => !File.Exists(Path.Combine(Path.GetDirectoryName(f.Path)!, f.ModelName!)))
            .Select(f => f.Path)
            .ToList();

        Assert.IsEmpty(missing, string.Join(Environment.NewLine, missing));
    }
}
