namespace Tsunagu.Engine.Tests.Execution;

/// <summary>The workflow-control patterns (workflowpatterns.com) that BPMN expresses, one model each.</summary>
[TestClass]
public sealed class WorkflowPatternTests
{
    private const string Fixture = "workflow-patterns.bpmn";

    [TestMethod]
    [DataRow("arbitraryCycles")]
    [DataRow("arbitraryCyclesImplicit")]
    public async Task Wcp10ArbitraryCycles_LoopsReenteringTheSequence_RunAndFinish(string process) =>
        Assert.AreEqual(
            "SCRIPT_task1 SCRIPT_task2 INCREMENT_correct SCRIPT_task2 INCREMENT_correct INCREMENT_correct SCRIPT_task3",
            await EngineHarness.TraceAsync(Fixture, process, TimeSpan.Zero, ("integerVariable", 0)));

    [TestMethod]
    public async Task Wcp8MultiMerge_TwoBranchesIntoAnExclusiveGateway_RunsTheFollowingTaskTwice() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task3", await EngineHarness.SortedTraceAsync(Fixture, "multiMerge"));

    [TestMethod]
    public async Task Wcp9Discriminator_ComplexGatewayOnFirstArrival_FiresOnceAndAbsorbsTheRest() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task4", await EngineHarness.SortedTraceAsync(Fixture, "discriminator"));

    [TestMethod]
    public async Task Wcp30PartialJoin_TwoOfThreeArrive_FiresWithoutTheThird() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task2 SCRIPT_task4", await EngineHarness.TraceAsync(Fixture, "partialJoin", TimeSpan.Zero));

    [TestMethod]
    public async Task Wcp13And14MultipleInstances_DesignTimeAndRunTimeCounts_RunThatManyInstances() =>
        Assert.AreEqual(
            "SCRIPT_task1 SCRIPT_task1 SCRIPT_task2 SCRIPT_task2 SCRIPT_task2 SCRIPT_task3",
            await EngineHarness.TraceAsync(Fixture, "multipleInstances", TimeSpan.Zero, ("integerVariable", 3)));

    [TestMethod]
    public async Task Wcp16DeferredChoice_TimerFirst_TakesOnlyTheTimerBranch()
    {
        Assert.AreEqual("", await EngineHarness.TraceAsync(Fixture, "deferredChoice", TimeSpan.FromMilliseconds(900)));
        Assert.AreEqual("SCRIPT_task2", await EngineHarness.TraceAsync(Fixture, "deferredChoice", TimeSpan.FromSeconds(1)));
    }

    [TestMethod]
    public async Task Wcp17InterleavedRouting_SequentialAdHoc_RunsEachTaskOnceOneAtATime() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task4", await EngineHarness.TraceAsync(Fixture, "interleaved", TimeSpan.Zero));

    [TestMethod]
    public async Task ParallelAdHoc_NoCompletionCondition_RunsEachTaskOnce() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task4", await EngineHarness.SortedTraceAsync(Fixture, "adHocParallel"));

    [TestMethod]
    public async Task ParallelAdHoc_CompletionConditionHolds_CancelsTheWaitingTaskAndGoesOn() =>
        Assert.AreEqual("INCREMENT_correct SCRIPT_task4", await EngineHarness.TraceAsync(Fixture, "adHocParallelCondition", TimeSpan.Zero, ("integerVariable", 0)));

    [TestMethod]
    public async Task Wcp11ImplicitTermination_LastBranchEnds_CompletesWithoutError()
    {
        Assert.AreEqual("SCRIPT_task1", await EngineHarness.TraceAsync(Fixture, "implicitTermination", TimeSpan.Zero));
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task2", await EngineHarness.TraceAsync(Fixture, "implicitTermination", TimeSpan.FromSeconds(1)));
    }

    [TestMethod]
    public async Task Wcp21StructuredLoop_TestBefore_RunsWhileTheConditionHolds() =>
        Assert.AreEqual(
            "INCREMENT_correct INCREMENT_correct INCREMENT_correct SCRIPT_task2",
            await EngineHarness.TraceAsync(Fixture, "structuredLoop", TimeSpan.Zero, ("integerVariable", 0)));

    [TestMethod]
    public async Task Wcp33GeneralisedAndJoin_TwoTokensOnOneFlow_FiresOnceWhenEachFlowHasOne() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task1 SCRIPT_task2 SCRIPT_task3", await EngineHarness.SortedTraceAsync(Fixture, "generalisedAndJoin"));

    [TestMethod]
    public async Task Wcp41And42ThreadSplitAndMerge_CompletionAndStartQuantity_SplitsIntoTwoThreadsAndMergesThem() =>
        Assert.AreEqual("SCRIPT_task1 SCRIPT_task2 SCRIPT_task2 SCRIPT_task3", await EngineHarness.TraceAsync(Fixture, "threads", TimeSpan.Zero));
}
