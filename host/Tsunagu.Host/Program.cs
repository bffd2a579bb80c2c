using Tsunagu.Host.Cli;

return await TsunaguCli.RunAsync(args);

/// <summary>The entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
