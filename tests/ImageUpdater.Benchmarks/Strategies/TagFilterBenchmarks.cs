using BenchmarkDotNet.Attributes;
using ImageUpdater;
using ImageUpdater.Strategies;

namespace ImageUpdater.Benchmarks.Strategies;

/// <summary>allow-tags (RE2 on the non-backtracking engine) and ignore-tags (Go globs) over 10k tags.</summary>
[MemoryDiagnoser]
public class TagFilterBenchmarks
{
    private readonly TagFilter _regex = TagFilter.Create(@"regexp:^v?\d+\.\d+\.\d+$", []);
    private readonly TagFilter _globs = TagFilter.Create("any", ["*-rc.*", "sha-*", "*-alpine"]);
    private TagInfo[] _tags = [];

    [GlobalSetup]
    public void Setup() => _tags = RegistryLikeTags.Generate(10_000);

    [Benchmark]
    public int AllowTagsRegexp() => Count(_regex);

    [Benchmark]
    public int IgnoreTagsGlobs() => Count(_globs);

    private int Count(TagFilter filter)
    {
        var n = 0;
        foreach (var tag in _tags)
        {
            if (filter.IsAllowed(tag.Name))
            {
                n++;
            }
        }

        return n;
    }
}
