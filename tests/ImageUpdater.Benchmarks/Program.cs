using BenchmarkDotNet.Running;
using ImageUpdater.Benchmarks.Registry;

// Registry scale: dotnet run -c Release --project tests/ImageUpdater.Benchmarks -- --registry-scale [--storage DIR] [--concurrency N]
if (args.Contains("--registry-scale"))
{
    return await RegistryScaleScenario.RunAsync(args);
}

// Run all benchmarks: dotnet run -c Release --project tests/ImageUpdater.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
