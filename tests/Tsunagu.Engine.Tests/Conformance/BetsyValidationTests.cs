namespace Tsunagu.Engine.Tests.Conformance;

/// <summary>The deployment validator on the betsy models: every executable one is accepted, data defects are refused with their position.</summary>
[TestClass]
public sealed class BetsyValidationTests
{
    /// <summary>A defect in the shared data, not in the engine: the FEEL conversion left a stray '&gt;' after the condition.</summary>
    private const string DefectiveCondition = "events/Conditional_StartEvent_EventSubProcess_NonInterrupting.bpmn";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Validate_BetsyExecutableModels_AreAcceptedUnlessOnlyAnErrorIsExpected()
    {
        var files = BetsyData.ExecutableFiles().ToList();
        var refused = files.Where(f => !f.ExpectsOnlyError && f.File != DefectiveCondition)
            .Select(f => (f.File, Errors: BetsyData.Check(Path.Combine(BetsyData.Root, f.File))))
            .Where(r => r.Errors.Count > 0)
            .Select(r => $"{r.File}: {string.Join("; ", r.Errors)}")
            .ToList();

        Assert.AreEqual(85, files.Count);
        Assert.IsEmpty(refused, "Refused executable models:\n" + string.Join("\n", refused));
    }

    [TestMethod]
    public void Validate_BetsyModelWithStrayCharacterAfterCondition_IsRefusedWithFeelPosition()
    {
        var errors = BetsyData.Check(Path.Combine(BetsyData.Root, DefectiveCondition));

        var error = errors.Single();
        Assert.AreEqual("TSU.Feel", error.Code);
        Assert.AreEqual("StartEvent_2", error.ElementId);
        Assert.AreEqual(30, error.Line);
        StringAssert.Contains(error.Message, "position 20");
    }

    [TestMethod]
    public void Validate_BetsyModelsExpectingOnlyAnError_AreRefusedAtDeployment()
    {
        var accepted = BetsyData.ExecutableFiles().Where(f => f.ExpectsOnlyError)
            .Where(f => BetsyData.Check(Path.Combine(BetsyData.Root, f.File)).Count == 0)
            .Select(f => f.File)
            .ToList();

        Assert.IsEmpty(accepted, "Accepted although only an error is expected:\n" + string.Join("\n", accepted));
    }

    [TestMethod]
    public void Validate_BetsyConstraintModels_AreAllRefused()
    {
        var files = BetsyData.ConstraintFiles().ToList();
        var slipped = files.Where(f => BetsyData.Check(f).Count == 0).Select(f => Path.GetRelativePath(BetsyData.Root, f)).ToList();

        TestContext.WriteLine($"{files.Count - slipped.Count}/{files.Count} constraint models refused.");
        Assert.AreEqual(301, files.Count);
        Assert.IsEmpty(slipped, $"{slipped.Count} constraint model(s) accepted:\n" + string.Join("\n", slipped));
    }
}
