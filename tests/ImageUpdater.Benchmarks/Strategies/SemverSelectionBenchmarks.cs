using BenchmarkDotNet.Attributes;
using ImageUpdater;
using ImageUpdater.Strategies;

namespace ImageUpdater.Benchmarks.Strategies;

/// <summary>semver selection with constraint ^7.3 over generated registry-like tag lists.</summary>
[MemoryDiagnoser]
public class SemverSelectionBenchmarks
{
    private readonly SemverStrategy _strategy = new();
    private readonly ImageUpdateSettings _settings = new() { Constraint = "^7.3" };
    private TagInfo[] _tags = [];
    private TagSelectionPlan _plan = null!;

    [Params(10_000, 100_000)]
    public int Tags { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tags = RegistryLikeTags.Generate(Tags);
        var selector = new TagSelector(new TagStrategyRegistry([_strategy]));
        _plan = selector.Prepare(_settings);
    }

    [Benchmark(Baseline = true)]
    public TagInfo? Strategy() => _strategy.Select(_tags, _settings).Tag;

    [Benchmark]
    public TagInfo? SelectorPlan() => _plan.Select(_tags).Tag;
}
