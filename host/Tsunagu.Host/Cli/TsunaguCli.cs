using System.CommandLine;

namespace Tsunagu.Host.Cli;

/// <summary>The command line: <c>serve</c> (the default) and the <c>dmn</c> verbs.</summary>
public static class TsunaguCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Tsunagu (つなぐ): workflow and rules for 重層的支援体制整備事業");
        var serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        root.Subcommands.Add(DmnCommands.Create());
        root.Subcommands.Add(BpmnCommands.Create());
        root.Subcommands.Add(RouteCommand.Create());
        foreach (var option in serve.Options)
        {
            root.Options.Add(option);
        }

        root.Action = serve.Action;
        root.TreatUnmatchedTokensAsErrors = false;
        return root;
    }
}
