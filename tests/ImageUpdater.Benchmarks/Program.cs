using BenchmarkDotNet.Running;
using ImageUpdater.Benchmarks.Engine;
using ImageUpdater.Benchmarks.Registry;

// Registry scale: dotnet run -c Release --project tests/ImageUpdater.Benchmarks -- --registry-scale [--storage DIR] [--concurrency N]
if (args.Contains("--registry-scale"))
{
    return await RegistryScaleScenario.RunAsync(args);
}

// Engine scale (dry-run cycles): dotnet run -c Release --project tests/ImageUpdater.Benchmarks -- --engine-scale [--storage DIR] [--concurrency N] [--apps-concurrency N]
if (args.Contains("--engine-scale"))
{
    return await EngineScaleScenario.RunAsync(args);
}

// Run all benchmarks: dotnet run -c Release --project tests/ImageUpdater.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
