using System.CommandLine;
using Microsoft.Extensions.Options;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Cli;

/// <summary><c>tsunagu serve [--urls URL] [--pack ID]</c>: runs the web application; configuration settings pass as <c>--Section:Key=value</c>.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var pack = new Option<string?>("--pack") { Description = "The municipality pack to serve (matsudo, ichikawa); default matsudo" };
        var command = new Command("serve", "Run the Tsunagu web application (the default verb)") { urls, pack };
        TsunaguCli.AcceptSettings(command);
        command.SetAction(async (result, cancellation) =>
        {
            string[] hostArgs = result.GetValue(pack) is { } chosen ? [.. result.UnmatchedTokens, $"--Tsunagu:Pack={chosen}"] : [.. result.UnmatchedTokens];
            await using var app = TsunaguApp.Build(hostArgs, result.GetValue(urls)!);
            TsunaguSettings settings;
            try
            {
                settings = app.Services.GetRequiredService<IOptions<TsunaguSettings>>().Value;
            }
            catch (OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync($"Invalid settings: {e.Message}");
                return 2;
            }

            await app.StartAsync(cancellation);
            var shells = app.Services.GetRequiredService<TenantShells>();
            await Console.Out.WriteLineAsync(
                $"Tsunagu is running at {string.Join(", ", app.Urls)} (pack: {string.Join(", ", shells.All.Select(s => s.Id))}, data: {Path.GetFullPath(settings.DataDirectory)})");
            foreach (var shell in shells.All)
            {
                await DescribeAsync(shell);
            }

            await app.WaitForShutdownAsync(cancellation);
            return 0;
        });
        return command;
    }

    /// <summary>Whether the municipality's store opened, and which demo accounts it has.</summary>
    private static async Task DescribeAsync(TenantShell shell)
    {
        if (shell.Services.GetRequiredService<Readiness>().StoreFault is { } fault)
        {
            await Console.Error.WriteLineAsync($"Not ready: {fault}");
        }

        var staff = shell.Services.GetRequiredService<ServedPack>().Current.Staff;
        var examples = StaffRoles.All.Order(StringComparer.Ordinal).Select(r => staff.FirstOrDefault(s => s.Roles.Contains(r))?.Id).OfType<string>();
        var seed = shell.Services.GetRequiredService<DemoSeed>();
        var password = seed.GeneratedPassword is { } generated
            ? $"password {generated} (shown this once; change it with POST /api/auth/password)"
            : seed.AccountsCreated > 0 ? "the password in Tsunagu:DemoPassword" : "their passwords as set before";
        await Console.Out.WriteLineAsync($"Demo accounts: the ids in samples/{shell.Id}/staff.json (e.g. {string.Join(", ", examples)}), {password}");
    }
}
