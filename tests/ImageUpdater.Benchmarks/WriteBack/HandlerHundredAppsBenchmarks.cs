using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using ImageUpdater.Testing;
using ImageUpdater.WriteBack.Git;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Benchmarks.WriteBack;

/// <summary>
/// Issue 9 §5 through the whole git method: 100 changes across 100 applications in one local repository go through
/// <see cref="GitWriteBackHandler"/> (grouping, commit message templates, override file editor) and land as one push
/// (target: at most 2 s). The work folder is warm, as in every cycle after the first.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 10)]
public class HandlerHundredAppsBenchmarks
{
    private const int Apps = 100;
    private BareRepository _repository = null!;
    private TemporaryFolder _workRoot = null!;
    private GitWriteBackHandler _handler = null!;
    private int _round;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _repository = await BareRepository.CreateAsync(
            Enumerable.Range(0, Apps).ToDictionary(static i => $"apps/app{i}/Chart.yaml", static i => $"name: app{i}\n"));
        _workRoot = new TemporaryFolder("git-handler-bench-");
        var options = Options.Create(new GitWriteBackOptions { WorkRoot = _workRoot.Path });
        var workspaces = new GitWorkspaces(options, new ProcessGitRunner("git"), TimeProvider.System, NullLogger<GitWorkspaces>.Instance);
        _handler = new GitWriteBackHandler(workspaces, new GitCredentialResolver(), options, NullLogger<GitWriteBackHandler>.Instance);
        await HundredChangesOnePush();
    }

    [Benchmark]
    public async Task<int> HundredChangesOnePush()
    {
        var round = ++_round;
        var changes = Enumerable.Range(0, Apps).Select(i => ChangeSet(i, round)).ToList();
        var results = await _handler.WriteAsync(changes);
        var written = results.Count(static r => r.Outcome == WriteBackOutcome.Written);
        return written == Apps ? written : throw new InvalidOperationException($"Only {written} of {Apps} applications were written: {results.First(static r => r.Error is not null).Error}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _workRoot.Dispose();
        _repository.Dispose();
    }

    private ApplicationChangeSet ChangeSet(int app, int round)
    {
        var image = new ImageUpdatePolicy(ImageReference.Parse($"ghcr.io/acme/app{app}:1.0.{round - 1}"), ImageUpdateSettings.Default, ImageManifestTarget.Default);
        var source = new ApplicationSource { RepositoryUrl = _repository.Path, Path = $"apps/app{app}", TargetRevision = "main" };
        return new ApplicationChangeSet
        {
            Policy = new ApplicationUpdatePolicy
            {
                Application = new ArgoApplication { Name = $"app{app}", Namespace = "argocd", Source = source },
                Images = [image],
                WriteBack = new WriteBackPolicy { Method = WriteBackMethod.Git, GitCredentials = WriteBackPolicy.RepositoryCredentials },
                Source = new ApplicationSourceSelection(source, 0, ApplicationSourceType.Helm),
                Origin = "benchmark",
            },
            Changes =
            [
                new ImageChange
                {
                    Image = image,
                    Current = image.Image,
                    New = image.Image.WithTag($"1.0.{round}"),
                    Selected = new TagInfo($"1.0.{round}"),
                },
            ],
        };
    }
}
