using BenchmarkDotNet.Running;
using Tsunagu.Bench;

if (args.Contains("routing"))
{
    PackRoutingHarness.Run();
    return;
}

if (args.Contains("engine"))
{
    await EngineHarness.RunAsync(quick: args.Contains("--quick"));
    return;
}

if (args.Contains("timers"))
{
    await TimerHarness.RunAsync(args.SkipWhile(a => a != "--count").Skip(1).Select(int.Parse).FirstOrDefault(10_000));
    return;
}

if (args.Contains("--quick"))
{
    QuickHarness.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RoutingBenchmarks).Assembly).Run(args);
