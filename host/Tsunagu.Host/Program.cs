using Tsunagu.Host.Cli;

return await TsunaguCli.Build().Parse(args).InvokeAsync();
