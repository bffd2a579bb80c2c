using System.CommandLine;

namespace Tsunagu.Host.Cli;

/// <summary><c>tsunagu serve [--urls URL]</c>: runs the web application.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var command = new Command("serve", "Run the Tsunagu web application (default)") { urls };
        command.SetAction(async (result, cancellation) =>
        {
            var app = TsunaguApp.Build([], result.GetValue(urls)!);
            await app.StartAsync(cancellation);
            await Console.Out.WriteLineAsync($"Tsunagu is running at {string.Join(", ", app.Urls)}");
            await app.WaitForShutdownAsync(cancellation);
            return 0;
        });
        return command;
    }
}
