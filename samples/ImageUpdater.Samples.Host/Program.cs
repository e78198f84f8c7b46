using ImageUpdater.Samples.Host;

// One update cycle over the Applications in ./apps (see appsettings.json), dry-run unless told otherwise:
//   dotnet run --project samples/ImageUpdater.Samples.Host
//   dotnet run --project samples/ImageUpdater.Samples.Host -- --ImageUpdater:Applications:Directory=/my/apps --ImageUpdater:DryRun=false
return await SampleHost.RunAsync(args, Console.Out);
