using Tsunagu.Host.Cli;

namespace Tsunagu.Host.Tests;

/// <summary>Runs the tsunagu command line in-process with the console captured (callers are not run in parallel).</summary>
internal static class CliRun
{
    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (previousOut, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = TsunaguCli.RunAsync(args).GetAwaiter().GetResult();
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}
