using System.Collections.Concurrent;
using ImageUpdater.Applications;
using ImageUpdater.Policies;
using ImageUpdater.Testing;
using Microsoft.Extensions.Logging.Testing;
using static ImageUpdater.WriteBack.Git.Tests.Handler.HandlerHarness;

namespace ImageUpdater.WriteBack.Git.Tests.Handler;

public sealed class RepositoryLiveImageReaderTests : IDisposable
{
    private static readonly Dictionary<string, string> Seed = new()
    {
        ["apps/web/values.yaml"] = "image:\n  name: ghcr.io/acme/web\n  tag: 1.0.0\n",
        ["apps/web/kustomization.yaml"] = "images:\n- name: ghcr.io/acme/web\n  newTag: 1.0.3\n",
        ["apps/web/deploy.yaml"] = "image: ghcr.io/acme/web:1.0.4 # {\"$imagepolicy\": \"web\"}\n",
        ["apps/web/.argocd-source-web.yaml"] = "helm:\n  parameters:\n  - name: image.name\n    value: ghcr.io/acme/web\n    forcestring: true\n  - name: image.tag\n    value: 1.0.5\n    forcestring: true\n",
    };

    private readonly TemporaryFolder _root = new("live-images-");
    private readonly ConcurrentQueue<string> _commands = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData(null, "", "ghcr.io/acme/web:1.0.5")]
    [InlineData("helmvalues", "", "ghcr.io/acme/web:1.0.0")]
    [InlineData("kustomization", "", "ghcr.io/acme/web:1.0.3")]
    [InlineData("markers", "web", "ghcr.io/acme/web:1.0.4")]
    public async Task The_git_target_in_the_repository_tells_what_the_application_runs(string? target, string alias, string expected)
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        var image = Image("ghcr.io/acme/web:9.9.9", alias);

        var live = await Reader().ReadAsync(Policy(repo.FileUrl, GitMethod(target), image), TestContext.Current.CancellationToken);

        Assert.Equal(expected, Assert.Single(live).FullNameWithTag);
    }

    [Fact]
    public async Task A_local_path_as_repository_url_works_and_applications_of_one_repository_share_one_fetch()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        var reader = Reader();
        var image = Image("ghcr.io/acme/web:9.9.9");

        foreach (var _ in Enumerable.Range(0, 3))
        {
            Assert.Single(await reader.ReadAsync(Policy(repo.Path, GitMethod("helmvalues"), image), TestContext.Current.CancellationToken));
        }

        Assert.Equal(1, _commands.Count(static c => c is "clone" or "fetch"));
    }

    [Fact]
    public async Task The_argocd_method_reads_the_applications_own_spec_and_status_images_win()
    {
        var image = Image("ghcr.io/acme/web:9.9.9");
        var helm = Policy("unused", WriteBackPolicy.Default, image);
        helm = helm with
        {
            Source = helm.Source with
            {
                Source = helm.Source.Source with
                {
                    Helm = new HelmSource { Parameters = [new("image.name", "ghcr.io/acme/web"), new("image.tag", "1.0.7")] },
                },
            },
        };
        var withStatus = helm with { Application = helm.Application with { LiveImages = ["ghcr.io/acme/web:2.0.0"] } };

        var fromSpec = await Reader().ReadAsync(helm, TestContext.Current.CancellationToken);
        var fromStatus = await Reader().ReadAsync(withStatus, TestContext.Current.CancellationToken);

        Assert.Equal("ghcr.io/acme/web:1.0.7", Assert.Single(fromSpec).FullNameWithTag);
        Assert.Equal("ghcr.io/acme/web:2.0.0", Assert.Single(fromStatus).FullNameWithTag);
    }

    private RepositoryLiveImageReader Reader()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new GitWriteBackOptions { WorkRoot = _root.Path });
        var git = new RecordingGit(new ProcessGitRunner("git"), _commands);
        var workspaces = new GitWorkspaces(options, git, TimeProvider.System, new FakeLogger<GitWorkspaces>());
        return new RepositoryLiveImageReader(workspaces, new GitCredentialResolver(), options, TimeProvider.System);
    }

    private static ApplicationUpdatePolicy Policy(string repositoryUrl, WriteBackPolicy writeBack, ImageUpdatePolicy image) =>
        ChangeSet("web", repositoryUrl, writeBack, [Change(image, "9.9.9")]).Policy;

    private sealed class RecordingGit(IGitRunner inner, ConcurrentQueue<string> commands) : IGitRunner
    {
        public Task<GitProcessResult> RunAsync(GitInvocation invocation, CancellationToken cancellationToken)
        {
            commands.Enqueue(invocation.Subcommand);
            return inner.RunAsync(invocation, cancellationToken);
        }
    }
}
