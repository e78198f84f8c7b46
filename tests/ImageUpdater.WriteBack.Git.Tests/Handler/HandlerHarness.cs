using ImageUpdater.Applications;
using ImageUpdater.Credentials;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using ImageUpdater.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace ImageUpdater.WriteBack.Git.Tests.Handler;

/// <summary>A <see cref="GitWriteBackHandler"/> over a temporary work root and the real git, and change sets to feed it.</summary>
internal sealed class HandlerHarness : IDisposable
{
    private readonly TemporaryFolder _root = new("git-handler-");

    public HandlerHarness(Action<GitWriteBackOptions>? configure = null, Func<IGitRunner, IGitRunner>? decorate = null, ISecretReader? secrets = null)
    {
        Options = new GitWriteBackOptions { WorkRoot = _root.Path, CommandTimeout = TimeSpan.FromSeconds(60) };
        configure?.Invoke(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var runner = new ProcessGitRunner(Options.GitExecutable);
        var workspaces = new GitWorkspaces(options, decorate?.Invoke(runner) ?? runner, TimeProvider.System, new FakeLogger<GitWorkspaces>());
        Handler = new GitWriteBackHandler(workspaces, new GitCredentialResolver(secrets), options, Logger);
    }

    public GitWriteBackOptions Options { get; }

    public FakeLogger<GitWriteBackHandler> Logger { get; } = new();

    public GitWriteBackHandler Handler { get; }

    public async Task<IReadOnlyList<WriteBackResult>> WriteAsync(params ApplicationChangeSet[] changes) =>
        await Handler.WriteAsync(changes, TestContext.Current.CancellationToken);

    /// <summary>An image of an application: <c>[alias=]reference</c>, with optional Helm keys.</summary>
    public static ImageUpdatePolicy Image(string reference, string alias = "", ImageManifestTarget? target = null) =>
        new(ImageReference.Parse(reference) with { Alias = alias }, ImageUpdateSettings.Default, target ?? ImageManifestTarget.Default);

    /// <summary>A change of <paramref name="image"/> from its tag to <paramref name="newTag"/>.</summary>
    public static ImageChange Change(ImageUpdatePolicy image, string newTag, IReadOnlyDictionary<string, string>? labels = null) => new()
    {
        Image = image,
        Current = image.Image,
        New = image.Image.WithTag(newTag),
        Selected = new TagInfo(newTag) { Labels = labels ?? new Dictionary<string, string>() },
    };

    /// <summary>An image that needs no change (the application runs the chosen tag already).</summary>
    public static ImageChange UpToDate(ImageUpdatePolicy image) => new()
    {
        Image = image,
        Current = image.Image,
        New = image.Image,
        Selected = new TagInfo(image.Image.Tag!),
    };

    public static ApplicationChangeSet ChangeSet(
        string app,
        string repositoryUrl,
        WriteBackPolicy writeBack,
        IReadOnlyList<ImageChange> changes,
        ApplicationSourceType type = ApplicationSourceType.Helm,
        string path = "apps/web",
        string appNamespace = "argocd",
        IReadOnlyList<ImageChange>? upToDate = null)
    {
        var source = new ApplicationSource { RepositoryUrl = repositoryUrl, Path = path, TargetRevision = "main" };
        var application = new ArgoApplication { Name = app, Namespace = appNamespace, Source = source };
        return new ApplicationChangeSet
        {
            Policy = new ApplicationUpdatePolicy
            {
                Application = application,
                Images = [.. changes.Concat(upToDate ?? []).Select(static c => c.Image)],
                WriteBack = writeBack,
                Source = new ApplicationSourceSelection(source, 0, type),
                Origin = "test",
            },
            Changes = changes,
            UpToDate = upToDate ?? [],
        };
    }

    /// <summary>The git method writing to <paramref name="target"/> (the default override file when null).</summary>
    public static WriteBackPolicy GitMethod(string? target = null, string? branch = null, string? writeBranch = null, string? credentials = null)
    {
        var parsed = WriteBackTarget.ParameterOverrides;
        if (target is not null)
        {
            Assert.True(WriteBackTarget.TryParse(target, out parsed, out _));
        }

        return new WriteBackPolicy
        {
            Method = WriteBackMethod.Git,
            GitCredentials = credentials ?? WriteBackPolicy.RepositoryCredentials,
            GitBranch = branch,
            GitWriteBranch = writeBranch,
            Target = parsed,
        };
    }

    public void Dispose() => _root.Dispose();
}

/// <summary>Secrets held in memory, by namespace and name.</summary>
internal sealed class DictionarySecretReader(Dictionary<(string Namespace, string Name), IReadOnlyDictionary<string, byte[]>> secrets) : ISecretReader
{
    public ValueTask<IReadOnlyDictionary<string, byte[]>?> ReadSecretAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(secrets.GetValueOrDefault((@namespace, name)));
}

/// <summary>Another writer: pushes its own commit to the remote just before our first push.</summary>
internal sealed class PushBeforeOurs(IGitRunner inner, BareRepository repository) : IGitRunner
{
    private int _pushes;

    public async Task<GitProcessResult> RunAsync(GitInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Subcommand == "push" && Interlocked.Increment(ref _pushes) == 1)
        {
            await repository.CommitAsync("main", new Dictionary<string, string?> { ["theirs.txt"] = "theirs\n" }, "their change");
        }

        return await inner.RunAsync(invocation, cancellationToken);
    }
}
