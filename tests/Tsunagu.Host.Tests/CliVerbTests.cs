namespace Tsunagu.Host.Tests;

/// <summary>The command line refuses what it does not know instead of starting the web server.</summary>
[TestClass]
[DoNotParallelize]
public sealed class CliVerbTests
{
    [TestMethod]
    [DataRow("foo-bar")]
    [DataRow("rout")]
    [DataRow("--no-such-option")]
    [DataRow("serve", "--verbose")]
    public void Run_UnknownVerbOrOption_ExitsTwoListingTheVerbsAndCreatesNothing(params string[] args)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("tsunagu-cli").FullName;
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(workingDirectory);
        try
        {
            var (exit, stdout, stderr) = CliRun.Run(args);

            Assert.AreEqual(2, exit);
            Assert.AreEqual("", stdout);
            StringAssert.Contains(stderr, "Verbs: serve (the default), route, dmn, bpmn");
            Assert.IsEmpty(Directory.GetFileSystemEntries(workingDirectory), "no data folder is created");
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [TestMethod]
    public void Serve_UnknownPack_ExitsTwoNamingTheSetting()
    {
        var data = Directory.CreateTempSubdirectory("tsunagu-badpack").FullName;

        var (exit, _, stderr) = CliRun.Run("--urls", "http://127.0.0.1:0", "--Tsunagu:Pack=nowhere", $"--Tsunagu:DataDirectory={data}");

        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "Tsunagu:Pack 'nowhere' is not a pack");
    }

    [TestMethod]
    [DataRow("--Tsunagu:Tenants=matsudo,ichikawa")]
    [DataRow("--Tsunagu:Tenants:0=matsudo")]
    public void Serve_SeveralTenantsOnSqlite_ExitsTwoNamingTheSetting(string tenants)
    {
        var data = Directory.CreateTempSubdirectory("tsunagu-tenants-sqlite").FullName;

        var (exit, _, stderr) = CliRun.Run("--urls", "http://127.0.0.1:0", tenants, $"--Tsunagu:DataDirectory={data}");

        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "Tsunagu:Tenants needs Tsunagu:Store postgresql");
    }

    [TestMethod]
    public void Serve_SeveralTenantsWithSmtp_ExitsTwoNamingTheSetting()
    {
        var data = Directory.CreateTempSubdirectory("tsunagu-tenants-smtp").FullName;

        var (exit, _, stderr) = CliRun.Run(
            "--urls", "http://127.0.0.1:0", "--Tsunagu:Tenants=matsudo,ichikawa", "--Tsunagu:Store=postgresql", "--Tsunagu:ConnectionString=Host=127.0.0.1;Port=1",
            "--Tsunagu:Smtp:Host=mail.example.lg.jp", $"--Tsunagu:DataDirectory={data}");

        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "Tsunagu:Smtp cannot be combined with Tsunagu:Tenants");
    }
}
