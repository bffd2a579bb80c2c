using System.CommandLine;

namespace Tsunagu.Host.Cli;

/// <summary><c>tsunagu serve [--urls URL]</c>: runs the web application.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var pack = new Option<string?>("--pack") { Description = "The municipality pack to serve (a folder under samples/: matsudo, ichikawa); default matsudo" };
        // Unmatched tokens (--environment=…, --contentRoot=…) go to the ASP.NET Core host, as test hosts pass them.
        var command = new Command("serve", "Run the Tsunagu web application (default)") { urls, pack };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellation) =>
        {
            string[] hostArgs = result.GetValue(pack) is { } chosen ? [.. result.UnmatchedTokens, $"--Tsunagu:Pack={chosen}"] : [.. result.UnmatchedTokens];
            var app = await TsunaguApp.BuildAsync(hostArgs, result.GetValue(urls)!, cancellation);
            await app.StartAsync(cancellation);
            var settings = app.Services.GetRequiredService<Composition.TsunaguSettings>();
            await Console.Out.WriteLineAsync($"Tsunagu is running at {string.Join(", ", app.Urls)} (pack: {settings.Pack}, data: {Path.GetFullPath(settings.DataDirectory)})");
            await Console.Out.WriteLineAsync($"Demo accounts: the ids in {Path.Combine(Path.GetFullPath(settings.DataDirectory), "packs", settings.Pack, "staff.json")}, password {settings.DemoPassword}");
            await app.WaitForShutdownAsync(cancellation);
            return 0;
        });
        return command;
    }
}
