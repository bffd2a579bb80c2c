namespace Tsunagu.Host.Tests;

/// <summary>
/// A short run of the crash harness: a child host killed with SIGKILL mid-request and started again loses no
/// acknowledged intake and doubles none. The long run is documented in docs/adr/0016.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class CrashTestCliTests
{
    [TestMethod]
    public void CrashTest_SqliteShortRun_CountsNoHarm()
    {
        var (exit, stdout, stderr) = CliRun.Run("crash-test", "--store", "sqlite", "--cases", "6", "--kills", "3");

        Assert.AreEqual(0, exit, stdout + stderr);
        StringAssert.Contains(stdout, "crash: 6 cases, 3 kills, 0 lost, 0 duplicate cases, 0 duplicate tasks, 0 orphan tokens, 0 missed timers, 0 duplicate notifications");
    }

    [TestMethod]
    public void CrashTest_MoreKillsThanCases_ExitsTwo()
    {
        var (exit, _, stderr) = CliRun.Run("crash-test", "--cases", "2", "--kills", "3");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "--kills");
    }
}
