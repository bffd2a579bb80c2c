namespace Tsunagu.Engine.Tests.Execution;

/// <summary>The workflow-control patterns (workflowpatterns.com) that BPMN expresses, one model each.</summary>
[TestClass]
public sealed class WorkflowPatternTests
{
    /// <summary>
    /// Runs one pattern model with <c>integerVariable</c> set, lets <paramref name="waitMs"/> pass and compares the trace
    /// (sorted when <paramref name="sorted"/>, where the pattern allows branches to interleave).
    /// </summary>
    [TestMethod]
    [DataRow("multiMerge", 0, 0, true, "SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task3", DisplayName = "WCP8 multi-merge")]
    [DataRow("discriminator", 0, 0, true, "SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task4", DisplayName = "WCP9 structured discriminator")]
    [DataRow("arbitraryCycles", 0, 0, false, "SCRIPT_task1 SCRIPT_task2 INCREMENT_correct SCRIPT_task2 INCREMENT_correct INCREMENT_correct SCRIPT_task3", DisplayName = "WCP10 arbitrary cycles")]
    [DataRow("arbitraryCyclesImplicit", 0, 0, false, "SCRIPT_task1 SCRIPT_task2 INCREMENT_correct SCRIPT_task2 INCREMENT_correct INCREMENT_correct SCRIPT_task3", DisplayName = "WCP10 arbitrary cycles, implicit merges")]
    [DataRow("implicitTermination", 0, 0, false, "SCRIPT_task1", DisplayName = "WCP11 implicit termination, one branch waits")]
    [DataRow("implicitTermination", 0, 1000, false, "SCRIPT_task1 SCRIPT_task2", DisplayName = "WCP11 implicit termination, both end")]
    [DataRow("multipleInstances", 3, 0, false, "SCRIPT_task1 SCRIPT_task1 SCRIPT_task2 SCRIPT_task2 SCRIPT_task2 SCRIPT_task3", DisplayName = "WCP13/14 multiple instances, design- and run-time count")]
    [DataRow("deferredChoice", 0, 900, false, "", DisplayName = "WCP16 deferred choice, nothing yet")]
    [DataRow("deferredChoice", 0, 1000, false, "SCRIPT_task2", DisplayName = "WCP16 deferred choice, timer first")]
    [DataRow("interleaved", 0, 0, false, "SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task4", DisplayName = "WCP17 interleaved parallel routing")]
    [DataRow("adHocParallel", 0, 0, true, "SCRIPT_task1 SCRIPT_task2 SCRIPT_task3 SCRIPT_task4", DisplayName = "Parallel ad-hoc subprocess, each task once")]
    [DataRow("adHocParallelCondition", 0, 0, false, "INCREMENT_correct SCRIPT_task4", DisplayName = "Parallel ad-hoc subprocess, completion condition cancels the rest")]
    [DataRow("structuredLoop", 0, 0, false, "INCREMENT_correct INCREMENT_correct INCREMENT_correct SCRIPT_task2", DisplayName = "WCP21 structured loop")]
    [DataRow("openMultipleInstances", 0, 0, false, "SCRIPT_task1 SCRIPT_task1 SCRIPT_task1 SCRIPT_task2", DisplayName = "WCP15 multiple instances without a priori run-time knowledge")]
    [DataRow("recursion", 0, 0, false, "SCRIPT_task2 SCRIPT_task1 SCRIPT_task1", DisplayName = "WCP22 recursion")]
    [DataRow("blockingDiscriminator", 0, 0, false, "SCRIPT_task1 SCRIPT_task4", DisplayName = "WCP28 blocking discriminator, later branches still running")]
    [DataRow("blockingDiscriminator", 0, 3000, false, "SCRIPT_task1 SCRIPT_task4 SCRIPT_task2 SCRIPT_task3", DisplayName = "WCP28 blocking discriminator, later branches absorbed")]
    [DataRow("cancellingDiscriminator", 0, 3000, false, "SCRIPT_task1 SCRIPT_task4", DisplayName = "WCP29 cancelling discriminator")]
    [DataRow("partialJoin", 0, 0, false, "SCRIPT_task1 SCRIPT_task2 SCRIPT_task4", DisplayName = "WCP30 structured partial join")]
    [DataRow("generalisedAndJoin", 0, 0, true, "SCRIPT_task1 SCRIPT_task1 SCRIPT_task2 SCRIPT_task3", DisplayName = "WCP33 generalised AND-join")]
    [DataRow("threads", 0, 0, false, "SCRIPT_task1 SCRIPT_task2 SCRIPT_task2 SCRIPT_task3", DisplayName = "WCP41/42 thread split and merge")]
    public async Task Pattern_ModelRun_ProducesThePatternsTrace(string process, int integerVariable, int waitMs, bool sorted, string expected)
    {
        var trace = await EngineHarness.TraceAsync("workflow-patterns.bpmn", process, TimeSpan.FromMilliseconds(waitMs), ("integerVariable", integerVariable));

        Assert.AreEqual(expected, sorted ? string.Join(' ', trace.Split(' ').Order(StringComparer.Ordinal)) : trace);
    }

    /// <summary>WCP18: task2 runs only when its branch arrives while the other branch stands at the milestone (the first second).</summary>
    [TestMethod]
    [DataRow("PT0.5S", "SCRIPT_task1 SCRIPT_task2 SCRIPT_task3")]
    [DataRow("PT2S", "SCRIPT_task1 SCRIPT_task3")]
    public async Task Milestone_BranchArrivesAt_RunsOnlyWhileTheMilestoneHolds(string delay, string expected) =>
        Assert.AreEqual(expected, await EngineHarness.TraceAsync("workflow-patterns.bpmn", "milestone", TimeSpan.FromSeconds(3), ("integerVariable", 0), ("delay", delay)));
}
