using System.Text.Json;
using Tsunagu.Cases.Tests.Packs;

namespace Tsunagu.Host.Tests;

/// <summary><c>tsunagu route</c> in-process, with the console captured (hence not in parallel).</summary>
[TestClass]
[DoNotParallelize]
public sealed class RouteCliTests
{
    /// <summary>Routes through the CLI verb, as the vignette suites do.</summary>
    internal static Cases.Routing.RoutingResult Route(string json)
    {
        var (exit, stdout, stderr) = Run(json);
        Assert.AreEqual(0, exit, stderr);
        return Cases.Routing.RoutingResult.FromJson(stdout);
    }

    internal static (int Exit, string Out, string Error) Run(string input, string? packDir = null)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, input);
        try
        {
            return CliRun.Run(packDir is null ? ["route", "--input", file] : ["route", "--input", file, "--pack-dir", packDir]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public void Route_EightyFifty_PrintsUnescapedResultJson()
    {
        var (exit, stdout, _) = Run("""
            { "municipality": "matsudo",
              "person": { "age": 82, "area": "小金", "livesAlone": true, "pregnant": false, "disability": "none", "concerns": ["dementia"] },
              "household": [ { "relation": "son", "age": 52, "disability": "none", "concerns": ["hikikomori"] } ],
              "consent": "not-granted" }
            """);

        Assert.AreEqual(0, exit);
        StringAssert.Contains(stdout, "\"institution\": \"小金高齢者いきいき安心センター\"");
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.AreEqual(3, root.GetProperty("referrals").GetArrayLength());
        Assert.AreEqual("household[0]", root.GetProperty("referrals")[1].GetProperty("subjects")[0].GetString());
        Assert.IsTrue(root.GetProperty("multiAgency").GetBoolean());
        Assert.AreEqual("支援会議", root.GetProperty("meeting").GetString());
        Assert.AreEqual(Samples.Matsudo.Routing.VersionHash, root.GetProperty("decisionVersion").GetString());
    }

    [TestMethod]
    public void Route_Ichikawa_PrintsItsInstitutions()
    {
        var (exit, stdout, _) = Run("""{ "municipality": "ichikawa", "person": { "age": 30, "concerns": ["isolation"] }, "consent": "granted" }""");

        Assert.AreEqual(0, exit);
        StringAssert.Contains(stdout, "がじゅまる+");
        StringAssert.Contains(stdout, "\"meeting\": \"なし\"");
    }

    [TestMethod]
    public void Route_UnknownConcern_ExitsWithTwoNamingTheField()
    {
        var (exit, stdout, stderr) = Run("""{ "municipality": "matsudo", "person": { "concerns": [] }, "household": [ { "concerns": ["isolation", "boredom"] } ] }""");

        Assert.AreEqual(2, exit);
        Assert.AreEqual("", stdout);
        StringAssert.Contains(stderr, "household[0].concerns[1]");
    }

    [TestMethod]
    public void Route_MalformedJson_ExitsWithTwo()
    {
        var (exit, _, stderr) = Run("""{ "municipality": "matsudo", """);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "Not valid JSON");
    }

    [TestMethod]
    public void Route_BrokenPack_ExitsWithOneNamingTheFile()
    {
        var root = Samples.CopyPack("matsudo");
        File.WriteAllText(Path.Combine(root, "matsudo", "routing.dmn"), "<definitions");

        var (exit, _, stderr) = Run("""{ "municipality": "matsudo", "person": { "concerns": [] } }""", root);

        Assert.AreEqual(1, exit);
        StringAssert.Contains(stderr, "routing.dmn");
    }
}
