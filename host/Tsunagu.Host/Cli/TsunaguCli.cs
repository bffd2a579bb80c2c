using System.CommandLine;
using System.Text.RegularExpressions;

namespace Tsunagu.Host.Cli;

/// <summary>
/// The command line: <c>serve</c> (also what a bare <c>tsunagu</c> does), <c>route</c>, <c>dmn tck|eval</c> and
/// <c>bpmn conformance</c>, <c>audit verify</c>, <c>db migrate</c> and <c>crash-test</c>. An unknown verb or option is an error (exit 2) that lists the verbs; only configuration
/// settings written <c>--Section:Key=value</c> pass through to the web host.
/// </summary>
public static partial class TsunaguCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Tsunagu (つなぐ): workflow and rules for 重層的支援体制整備事業");
        var serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        root.Subcommands.Add(RouteCommand.Create());
        root.Subcommands.Add(DmnCommands.Create());
        root.Subcommands.Add(BpmnCommands.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(CrashCommand.Create());
        foreach (var option in serve.Options)
        {
            root.Options.Add(option);
        }

        AcceptSettings(root);
        root.Action = serve.Action;
        return root;
    }

    /// <summary>Parses and runs; parse errors, unknown verbs and unknown options print the verbs and exit 2.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parsed = Build().Parse(args);
        var errors = parsed.Errors.Select(e => e.Message)
            .Concat(parsed.UnmatchedTokens.Where(t => !Setting().IsMatch(t)).Select(t => $"'{t}' is not a verb or option of tsunagu."))
            .ToList();
        if (errors.Count == 0)
        {
            return await parsed.InvokeAsync(cancellationToken: cancellationToken);
        }

        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync(error);
        }

        await Console.Error.WriteLineAsync("Verbs: serve (the default), route, dmn, bpmn, audit, db, crash-test. Settings are written --Section:Key=value. See 'tsunagu --help'.");
        return 2;
    }

    /// <summary>Lets <paramref name="command"/> pass <c>--Key=value</c> settings to the web host (others are refused by <see cref="RunAsync"/>).</summary>
    internal static void AcceptSettings(Command command) => command.TreatUnmatchedTokensAsErrors = false;

    [GeneratedRegex(@"^--[A-Za-z][A-Za-z0-9_.:-]*=", RegexOptions.CultureInvariant)]
    private static partial Regex Setting();
}
