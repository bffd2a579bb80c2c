using Tsunagu.Host.Cli;

return await TsunaguCli.Build().Parse(args).InvokeAsync();

/// <summary>The entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
