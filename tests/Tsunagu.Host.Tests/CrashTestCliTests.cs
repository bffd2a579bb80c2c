namespace Tsunagu.Host.Tests;

/// <summary>
/// Short runs of the crash harness: <c>tsunagu serve</c> children killed with SIGKILL at random steps of the case path
/// and started again lose no acknowledged step, double nothing, and every monitoring reminder that fell due fired
/// once. The long runs are in docs/benchmarks.md.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class CrashTestCliTests
{
    [TestMethod]
    public void CrashTest_SqliteShortRun_CountsNoHarmAndEveryReminderFired()
    {
        var (exit, stdout, stderr) = CliRun.Run("crash-test", "--store", "sqlite", "--cases", "3", "--kills", "3");

        Assert.AreEqual(0, exit, stdout + stderr);
        StringAssert.Contains(
            stdout,
            "crash: 3 cases, 3 kills, 0 lost, 0 duplicate cases, 0 duplicate tasks, 0 orphan tokens, 0 missed timers, 0 duplicate notifications; 1 host(s), 6 reminders fired");
    }

    [TestMethod]
    public async Task CrashTest_TwoHostsOnPostgreSql_CountsNoHarmAndEveryReminderFired()
    {
        var connectionString = await PostgreSqlSchema.CreateAsync();

        var (exit, stdout, stderr) = CliRun.Run("crash-test", "--store", "postgresql", "--connection", connectionString, "--hosts", "2", "--cases", "2", "--kills", "2");

        Assert.AreEqual(0, exit, stdout + stderr);
        StringAssert.Contains(
            stdout,
            "crash: 2 cases, 2 kills, 0 lost, 0 duplicate cases, 0 duplicate tasks, 0 orphan tokens, 0 missed timers, 0 duplicate notifications; 2 host(s), 4 reminders fired");
    }

    [TestMethod]
    [DataRow("--cases", "1", "--kills", "11")]
    [DataRow("--hosts", "2", "--store", "sqlite")]
    [DataRow("--hosts", "3", "--store", "postgresql", "--connection", "Host=127.0.0.1")]
    public void CrashTest_ImpossibleRun_ExitsTwoNamingTheOptions(params string[] options)
    {
        var (exit, _, stderr) = CliRun.Run(["crash-test", .. options]);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "--kills ≤ 10 × --cases");
        StringAssert.Contains(stderr, "--hosts 1 or 2 (2 on postgresql)");
    }
}
