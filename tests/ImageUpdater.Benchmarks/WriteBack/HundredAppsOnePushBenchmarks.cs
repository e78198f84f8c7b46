using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ImageUpdater.Testing;
using ImageUpdater.WriteBack.Git;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Benchmarks.WriteBack;

/// <summary>
/// The git write-back goal: 100 changes across 100 applications in one local repository, one commit each, one push
/// (target: at most 2 s). The work folder is warm, as in every cycle after the first: fetch, commit, push.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 10)]
public class HundredAppsOnePushBenchmarks
{
    private const int Apps = 100;
    private static readonly CommitAuthor Author = new("bench", "bench@example.test");
    private BareRepository _repository = null!;
    private TemporaryFolder _workRoot = null!;
    private GitWorkspaces _workspaces = null!;
    private GitTarget _target = null!;
    private int _round;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _repository = await BareRepository.CreateAsync(
            Enumerable.Range(0, Apps).ToDictionary(static i => $"apps/app{i}/.argocd-source-app{i}.yaml", static i => $"image: app{i}:0\n"));
        _workRoot = new TemporaryFolder("git-bench-");
        var options = Options.Create(new GitWriteBackOptions { WorkRoot = _workRoot.Path });
        _workspaces = new GitWorkspaces(options, new ProcessGitRunner("git"), TimeProvider.System, NullLogger<GitWorkspaces>.Instance);
        _target = new GitTarget(_repository.Path, "main");
        await HundredChangesOnePush();
    }

    [Benchmark]
    public async Task<int> HundredChangesOnePush()
    {
        var round = ++_round;
        var pending = Enumerable.Range(0, Apps).Select(i => new PendingCommit($"build: automatic update of app{i}", Author, (checkout, _) =>
        {
            var path = $"apps/app{i}/.argocd-source-app{i}.yaml";
            File.WriteAllText(Path.Combine(checkout, path), $"image: app{i}:{round}\n");
            return ValueTask.FromResult<IReadOnlyList<string>>([path]);
        })).ToList();
        await using var workspace = await _workspaces.OpenAsync(_target, CancellationToken.None);
        var results = await workspace.CommitAndPushAsync(pending, CancellationToken.None);
        var committed = results.Count(static r => r.Outcome == CommitOutcome.Committed);
        return committed == Apps ? committed : throw new InvalidOperationException($"Only {committed} of {Apps} commits landed: {results.First(static r => r.Error is not null).Error}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _workRoot.Dispose();
        _repository.Dispose();
    }
}
