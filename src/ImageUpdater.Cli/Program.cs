using ImageUpdater.Cli;

return await ImageUpdaterCommandLine.InvokeAsync(args, Console.Out, Console.Error, Console.OpenStandardInput()).ConfigureAwait(false);
