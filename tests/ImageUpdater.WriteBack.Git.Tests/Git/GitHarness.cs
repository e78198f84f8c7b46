using ImageUpdater.Testing;
using ImageUpdater.WriteBack.Git;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace ImageUpdater.WriteBack.Git.Tests;

/// <summary>A <see cref="GitWorkspaces"/> over a temporary work root, the real git, and a log that tests can read.</summary>
internal sealed class GitHarness : IDisposable
{
    private readonly TemporaryFolder _root = new("git-work-");

    public GitHarness(Action<GitWriteBackOptions>? configure = null, Func<IGitRunner, IGitRunner>? decorate = null)
    {
        Options = new GitWriteBackOptions { WorkRoot = _root.Path, CommandTimeout = TimeSpan.FromSeconds(60) };
        configure?.Invoke(Options);
        var runner = new ProcessGitRunner(Options.GitExecutable);
        Workspaces = new GitWorkspaces(Microsoft.Extensions.Options.Options.Create(Options), decorate?.Invoke(runner) ?? runner, TimeProvider.System, Logger);
    }

    public GitWriteBackOptions Options { get; }

    public FakeLogger<GitWorkspaces> Logger { get; } = new();

    public GitWorkspaces Workspaces { get; }

    public string WorkRoot => _root.Path;

    public static CommitAuthor Author { get; } = new("App Author", "app@example.test");

    /// <summary>A pending commit that writes <paramref name="content"/> to <paramref name="path"/> (null deletes it).</summary>
    public static PendingCommit Write(string path, string? content, string message, Action? onApply = null) =>
        new(message, Author, (checkout, _) =>
        {
            onApply?.Invoke();
            var file = Path.Combine(checkout, path);
            if (content is null)
            {
                File.Delete(file);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, content);
            }

            return ValueTask.FromResult<IReadOnlyList<string>>([path]);
        });

    public async Task<IReadOnlyList<CommitResult>> RunAsync(GitTarget target, params PendingCommit[] pending)
    {
        await using var workspace = await Workspaces.OpenAsync(target, TestContext.Current.CancellationToken);
        return await workspace.CommitAndPushAsync(pending, TestContext.Current.CancellationToken);
    }

    public void Dispose() => _root.Dispose();
}
