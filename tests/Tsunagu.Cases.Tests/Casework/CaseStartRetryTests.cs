using Tsunagu.Cases.Casework;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Cases.Tests.Casework;

/// <summary>An intake retried with the same case id (a client's retry after a lost answer) opens no second case.</summary>
[TestClass]
public sealed class CaseStartRetryTests
{
    [TestMethod]
    public async Task StartCaseAsync_SameCaseIdAgain_ReturnsTheFirstCaseAndStartsNothing()
    {
        var h = await CaseHarness.CreateAsync();
        var intake = CaseHarness.EightyFifty(CaseProcess.Consent.NotGranted) with { CaseId = "retried-intake" };

        var first = await h.Cases.StartCaseAsync(intake, "ma-01");
        var again = await h.Cases.StartCaseAsync(intake, "ma-01");

        Assert.AreEqual(first, again);
        Assert.HasCount(1, await h.HistoryAsync(first, HistoryKind.InstanceStarted));
    }
}
