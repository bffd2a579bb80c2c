using BenchmarkDotNet.Running;
using Tsunagu.Bench;
using Tsunagu.Engine.Hangfire;
using Tsunagu.Engine.Execution;

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

int Option(string name, int otherwise) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(otherwise);

if (args is ["idle-timers-serve", var store, var connectionString, var seconds])
{
    await IdleTimersHarness.ServeAsync(store == "postgres", connectionString, int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["two-hosts-child", var database, var host])
{
    await TwoHostHarness.ServeAsync(database, host);
    return;
}

if (args.Contains("two-hosts"))
{
    Environment.ExitCode = await TwoHostHarness.RunAsync(Option("--cases", 1_000));
    return;
}

if (args.Contains("idle-timers"))
{
    await IdleTimersHarness.RunAsync(postgres: args.Contains("postgres"), Option("--count", 1_000_000), Option("--seconds", 70));
    return;
}

if (args.Contains("inbox"))
{
    await InboxHarness.RunAsync(postgres: args.Contains("postgres"), Option("--tasks", 1_000_000), Option("--cases", 200_000), Option("--queries", 1_000));
    return;
}

if (args.Contains("timers"))
{
    await TimerHarness.RunAsync(Option("--count", 10_000), postgres: args.Contains("postgres"), claimers: Option("--claimers", new HangfireSchedulerOptions().Claimers), concurrency: Option("--concurrency", new EngineOptions().JobConcurrency));
    return;
}

if (args.Contains("--quick"))
{
    QuickHarness.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RoutingBenchmarks).Assembly).Run(args);
