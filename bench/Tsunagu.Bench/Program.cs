using BenchmarkDotNet.Running;
using Tsunagu.Bench;
using Tsunagu.Engine.Hangfire;

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
    int Option(string name, int otherwise) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(otherwise);
    await TimerHarness.RunAsync(Option("--count", 10_000), postgres: args.Contains("postgres"), claimers: Option("--claimers", new HangfireSchedulerOptions().Claimers));
    return;
}

if (args.Contains("--quick"))
{
    QuickHarness.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RoutingBenchmarks).Assembly).Run(args);
