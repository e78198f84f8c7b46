using BenchmarkDotNet.Attributes;
using ImageUpdater;

namespace ImageUpdater.Benchmarks.Strategies;

/// <summary>Core's ImageReference.Parse on typical references.</summary>
[MemoryDiagnoser]
public class ImageReferenceParseBenchmarks
{
    [Params("nginx", "ghcr.io/argoproj/argocd:v2.9.3", "localhost:5000/team/app:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public string Reference { get; set; } = string.Empty;

    [Benchmark]
    public ImageReference Parse() => ImageReference.Parse(Reference);
}
