using System.Diagnostics;
using Tsunagu.Rules.Dmn;

namespace Tsunagu.Bench;

/// <summary>A few-second Stopwatch run of the same three measurements, for a quick check without BenchmarkDotNet.</summary>
internal static class QuickHarness
{
    public static void Run()
    {
        var model = RoutingScenario.Load(RoutingScenario.Xml);
        RoutingScenario.Verify(model);
        var people = RoutingScenario.People(RoutingBenchmarks.Batch, seed: 42);
        var rules = new RoutingRuleTable(model);
        rules.Verify();

        var chain = Measure(() => Each(people, p => RoutingIfChain.Evaluate(p)), people.Length);
        var engine = Measure(() => Each(people, p => model.Evaluate(RoutingScenario.Decision, p)), people.Length);
        var nrules = Measure(() => Each(people, rules.Evaluate), people.Length);
        var load = Measure(() => RoutingScenario.Load(RoutingScenario.Xml), 1, seconds: 1);

        Console.WriteLine($"(a) engine evaluate : {engine.Nanoseconds,10:F0} ns/op {engine.Bytes,8:F0} B/op");
        Console.WriteLine($"(b) if chain        : {chain.Nanoseconds,10:F0} ns/op {chain.Bytes,8:F0} B/op");
        Console.WriteLine($"(c) load+compile    : {load.Nanoseconds / 1e6,10:F3} ms    {load.Bytes / 1024,8:F0} KB");
        Console.WriteLine($"(d) NRules rows     : {nrules.Nanoseconds,10:F0} ns/op {nrules.Bytes,8:F0} B/op");
        Console.WriteLine($"ratio a/b           : {engine.Nanoseconds / chain.Nanoseconds,10:F2}");
        Console.WriteLine($"ratio d/b           : {nrules.Nanoseconds / chain.Nanoseconds,10:F2}");
        Console.WriteLine($"ratio d/a           : {nrules.Nanoseconds / engine.Nanoseconds,10:F2}");
    }

    private static void Each(IReadOnlyDictionary<string, object?>[] people, Func<IReadOnlyDictionary<string, object?>, object> evaluate)
    {
        foreach (var person in people)
        {
            GC.KeepAlive(evaluate(person));
        }
    }

    /// <summary>Warms up, then times rounds for about <paramref name="seconds"/>; per-operation time and allocation of the fastest round.</summary>
    private static (double Nanoseconds, double Bytes) Measure(Action action, int operations, double seconds = 1.5)
    {
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed.TotalSeconds < seconds / 3)
        {
            action();
        }

        var best = double.MaxValue;
        var bytes = double.MaxValue;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            const int repeats = 20;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var round = Stopwatch.StartNew();
            for (var i = 0; i < repeats; i++)
            {
                action();
            }

            round.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            best = Math.Min(best, round.Elapsed.TotalNanoseconds / (repeats * operations));
            bytes = Math.Min(bytes, (double)allocated / (repeats * operations));
        }

        return (best, bytes);
    }
}
